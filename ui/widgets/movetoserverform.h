#pragma once

#include <QWidget>

class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace huntaze {
class AppCore;
class ServerMove;
} // namespace huntaze

namespace huntaze::ui {

class MessageLabel;

// Settings → Your data → "Move to a server" (issue 13): the server's
// address, the account there (one to sign in to, or one to make), and the
// move itself with its progress and a Stop button. Shown while the data is
// kept on this computer and someone is signed in; once moved, the app offers
// to restart on the server.
class MoveToServerForm : public QWidget
{
    Q_OBJECT
public:
    explicit MoveToServerForm(AppCore &core, QWidget *parent = nullptr);
    ~MoveToServerForm() override;

    QLineEdit *serverUrlEdit() const { return m_serverUrl; }
    QRadioButton *newAccountButton() const { return m_newAccount; }
    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *moveButton() const { return m_move; }
    QPushButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_progress; }
    MessageLabel *status() const { return m_status; }
    QPushButton *restartButton() const { return m_restart; }

    void startMove();

Q_SIGNALS:
    void restartRequested();
    // The move ended: moved, failed or stopped.
    void finished(bool moved);

private:
    void followAccount();
    void setRunning(bool running);

    AppCore &m_core;
    ServerMove *m_mover;
    QLineEdit *m_serverUrl;
    QRadioButton *m_existingAccount;
    QRadioButton *m_newAccount;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QPushButton *m_move;
    QPushButton *m_stop;
    QProgressBar *m_progress;
    MessageLabel *m_status;
    QPushButton *m_restart;
};

} // namespace huntaze::ui
