#pragma once

#include "ai/contentidea.h"
#include "pages/page.h"

#include <QFuture>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QVBoxLayout;

namespace huntaze {
class AiTools;
class CreatorDataStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class MessageLabel;

// Content ideas for the next posts, each with a caption within the
// platform's length and hashtags within its count, from the creator's profile
// and what their fans buy. Ideas can be copied or kept as drafts.
class IdeasPage : public Page
{
    Q_OBJECT
public:
    IdeasPage(AiTools &tools, UserStore &users, CreatorDataStore &data, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_generate; }
    QList<QAction *> secondaryActions() const override { return {m_stop}; }
    void stop();
    void activate() override;

    QComboBox *platformBox() const { return m_platform; }
    QSpinBox *countBox() const { return m_count; }
    QLineEdit *themeEdit() const { return m_theme; }
    const QList<ContentIdea> &ideas() const { return m_ideas; }
    bool isGenerating() const { return m_generating; }

Q_SIGNALS:
    void ideasShown();

private:
    void generate();
    void showIdeas(const QList<ContentIdea> &ideas);
    QWidget *ideaCard(const ContentIdea &idea);
    void refreshPlatforms();

    AiTools &m_tools;
    UserStore &m_users;
    CreatorDataStore &m_data;
    QAction *m_generate;
    QAction *m_stop;
    QFuture<Result<QList<ContentIdea>>> m_request;
    QComboBox *m_platform;
    QSpinBox *m_count;
    QLineEdit *m_theme;
    QComboBox *m_tone;
    QLabel *m_source;
    MessageLabel *m_status;
    QVBoxLayout *m_results;
    QList<ContentIdea> m_ideas;
    bool m_generating = false;
};

} // namespace huntaze::ui
