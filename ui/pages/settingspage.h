#pragma once

#include "pages/page.h"

class QComboBox;
class QLineEdit;
class QPushButton;

namespace huntaze {
class AppCore;
}

namespace huntaze::ui {

class MessageLabel;
class ServiceStatusView;

// Preferences: language (applied on restart), appearance (applied at once),
// where the data lives, and which backend holds it.
class SettingsPage : public Page
{
    Q_OBJECT
public:
    explicit SettingsPage(AppCore &core, QWidget *parent = nullptr);

    QString title() const override;

    QComboBox *languageBox() const { return m_language; }
    QComboBox *appearanceBox() const { return m_appearance; }
    QLineEdit *dataFolderEdit() const { return m_dataFolder; }
    ServiceStatusView *serviceStatus() const { return m_serviceStatus; }

private:
    void restartApplication();

    AppCore &m_core;
    QComboBox *m_language;
    QComboBox *m_appearance;
    QComboBox *m_backend;
    QLineEdit *m_dataFolder;
    MessageLabel *m_languageNote;
    QPushButton *m_restart;
    MessageLabel *m_keychainStatus;
    ServiceStatusView *m_serviceStatus;
};

} // namespace huntaze::ui
