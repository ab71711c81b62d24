#pragma once

#include "pages/page.h"

class QLabel;
class QPushButton;

namespace huntaze::ui {

class MessageLabel;

// Shown while the data opens and a remembered session is restored, and in
// place of everything else when the data cannot be opened.
class StartupPage : public Page
{
    Q_OBJECT
public:
    explicit StartupPage(QWidget *parent = nullptr);

    QString title() const override;
    void showError(const QString &message);
    // Back to "Opening your data…" for another attempt.
    void showOpening();

    QPushButton *retryButton() const { return m_retry; }
    QPushButton *settingsButton() const { return m_settings; }

Q_SIGNALS:
    // The failure may pass (a server coming back) or be chosen away (Settings → Your data).
    void retryRequested();
    void settingsRequested();

private:
    QLabel *m_status;
    MessageLabel *m_error;
    QPushButton *m_retry;
    QPushButton *m_settings;
    QPushButton *m_quit;
};

} // namespace huntaze::ui
