#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace huntaze {
class AppCore;
}

namespace huntaze::ui {

class MessageLabel;

// Where accounts and data live: on this computer, or on a Huntaze server
// (an agency's). A server is checked before it is kept, and the change
// applies from the next start, which the chooser offers at once.
class BackendChooser : public QWidget
{
    Q_OBJECT
public:
    explicit BackendChooser(AppCore &core, QWidget *parent = nullptr);

    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *serverUrlEdit() const { return m_serverUrl; }
    QPushButton *connectButton() const { return m_connect; }
    MessageLabel *status() const { return m_status; }

    // Checks the address and that a Huntaze server answers there, then saves it.
    void connectToServer();
    // Shows the choice saved elsewhere (data moved to a server), which applies from the next start.
    void showSavedChoice();

Q_SIGNALS:
    void restartRequested();
    // After connectToServer() or a switch back to this computer: whether the choice was saved.
    void choiceSaved(bool saved);

private:
    void onKindChanged();
    void offerRestart(const QString &message);

    AppCore &m_core;
    QComboBox *m_kind;
    QWidget *m_serverFields;
    QLineEdit *m_serverUrl;
    QPushButton *m_connect;
    MessageLabel *m_status;
    QPushButton *m_restart;
};

} // namespace huntaze::ui
