#pragma once

#include <QFrame>
#include <QIcon>
#include <QList>

class QComboBox;
class QLabel;
class QListWidget;
class QToolButton;

namespace huntaze::ui {

// The navigation column: the app's name, one entry per page (icon + label),
// and who is signed in. Arrow keys move between entries; moving selects the page.
class Sidebar : public QFrame
{
    Q_OBJECT
public:
    struct Entry {
        QString pageId;
        QString label;
        QIcon icon;
    };

    static constexpr int preferredWidth = 240;

    explicit Sidebar(QWidget *parent = nullptr);

    void setEntries(const QList<Entry> &entries);
    QStringList pageIds() const;
    void setCurrentPage(const QString &pageId);
    QString currentPage() const;
    // Shows who is signed in and the sign-out button; empty text hides both.
    void setSignedInAs(const QString &text);
    // Gives keyboard focus to the list of pages.
    void focusEntries();
    // The creators a member works with, and the one selected: a switcher at
    // the top, shown only when there is more than one.
    void setCreators(const QList<QPair<qint64, QString>> &creators, qint64 selected);
    QComboBox *creatorSwitcher() const { return m_creators; }

Q_SIGNALS:
    void pageRequested(const QString &pageId);
    void signOutRequested();
    void creatorRequested(qint64 creatorId);

private:
    QComboBox *m_creators;
    QListWidget *m_list;
    QWidget *m_footer;
    QLabel *m_signedInAs;
};

} // namespace huntaze::ui
