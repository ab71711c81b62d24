#pragma once

#include "pages/page.h"

class QComboBox;
class QLineEdit;
class QPushButton;

namespace huntaze {
class AppCore;
}

namespace huntaze::ui {

class BackendChooser;
class MessageLabel;
class MoveToServerForm;
class Card;
class RestrictedWordsEditor;
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
    BackendChooser *backendChooser() const { return m_backend; }
    MoveToServerForm *moveToServerForm() const { return m_moveForm; }
    ServiceStatusView *serviceStatus() const { return m_serviceStatus; }
    RestrictedWordsEditor *restrictedWordsEditor() const { return m_restrictedEditor; }
    QComboBox *currencyChooser() const { return m_currency; }
    QLineEdit *currentPasswordEdit() const { return m_currentPassword; }
    QLineEdit *newPasswordEdit() const { return m_newPassword; }
    QLineEdit *confirmPasswordEdit() const { return m_confirmPassword; }
    // "Change password" of the Account card.
    void changePassword();
    QComboBox *aiProviderBox() const { return m_aiProvider; }
    QLineEdit *aiBaseUrlEdit() const { return m_aiBaseUrl; }
    QLineEdit *aiModelEdit() const { return m_aiModel; }
    QLineEdit *aiKeyEdit() const { return m_aiKey; }
    // "Save" and "Test connection" of the AI card, for tests and shortcuts.
    void saveAiSettings();
    void testAiConnection();

Q_SIGNALS:
    void passwordChanged(bool ok);
    void aiSettingsSaved();
    void aiConnectionTested(bool ok);

private:
    void restartApplication();
    void buildAiCard();
    void buildAccountCard();
    void updateAiFields();

    AppCore &m_core;
    QComboBox *m_language;
    QComboBox *m_appearance;
    BackendChooser *m_backend;
    Card *m_moveCard;
    MoveToServerForm *m_moveForm;
    QLineEdit *m_dataFolder;
    MessageLabel *m_languageNote;
    QPushButton *m_restart;
    MessageLabel *m_keychainStatus;
    ServiceStatusView *m_serviceStatus;
    Card *m_restrictedCard;
    Card *m_accountCard;
    QComboBox *m_currency;
    QLineEdit *m_currentPassword;
    QLineEdit *m_newPassword;
    QLineEdit *m_confirmPassword;
    QPushButton *m_changePassword;
    MessageLabel *m_passwordStatus;
    RestrictedWordsEditor *m_restrictedEditor;
    QComboBox *m_aiProvider;
    QLineEdit *m_aiBaseUrl;
    QLineEdit *m_aiModel;
    QLineEdit *m_aiKey;
    QWidget *m_aiOnlineFields;
    MessageLabel *m_aiStatus;
};

} // namespace huntaze::ui
