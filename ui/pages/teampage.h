#pragma once

#include "pages/page.h"

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace huntaze {
class TeamStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class ApiKeysCard;
class MessageLabel;

// The agency's team (owners and admins): members with their role, assigned
// creators and last activity; invite someone (a one-time code to copy: Huntaze
// sends no email), change a member's role and creators, remove a member;
// make a role from the permission list (roles.manage); the agency's API keys
// (apikeys.manage).
// Needs a server: on this computer's data the page says so.
class TeamPage : public Page
{
    Q_OBJECT
public:
    TeamPage(TeamStore &team, UserStore &users, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_invite; }
    void activate() override;

    QTableWidget *table() const { return m_table; }
    QComboBox *roleBox() const { return m_role; }
    QListWidget *creatorChoice() const { return m_creators; }
    QLineEdit *codeField() const { return m_code; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *endSessionsButton() const { return m_endSessions; }
    QPushButton *resetPasswordButton() const { return m_resetPassword; }
    QLineEdit *roleNameEdit() const { return m_roleName; }
    QComboBox *roleScopeBox() const { return m_roleScope; }
    QListWidget *permissionChoice() const { return m_permissions; }
    QPushButton *makeRoleButton() const { return m_makeRole; }
    QPushButton *deleteAgencyButton() const { return m_deleteAgency; }
    ApiKeysCard *apiKeysCard() const { return m_apiKeys; }
    // Deletes the agency when `typedName` is its name (the button asks for it).
    void deleteAgency(const QString &typedName);

    // Removes the selected member without asking (the button asks first).
    void removeSelected();

Q_SIGNALS:
    void invitationShown(const QString &code);
    void resetCodeShown(const QString &code);
    // The agency is gone, and the session with it.
    void agencyDeleted();

private:
    void showMembers();
    void showCreatorChoice();
    void invite();
    void applyToSelected();
    void makeRole();
    void selectMadeRole();
    qint64 selectedMember() const;

    TeamStore &m_team;
    UserStore &m_users;
    QAction *m_invite;
    MessageLabel *m_unavailable;
    QTableWidget *m_table;
    QComboBox *m_role;
    QListWidget *m_creators;
    QLineEdit *m_code;
    QPushButton *m_copy;
    QPushButton *m_apply;
    QPushButton *m_remove;
    QPushButton *m_endSessions;
    QPushButton *m_resetPassword;
    MessageLabel *m_status;
    QWidget *m_roleCard;
    QLineEdit *m_roleName;
    QComboBox *m_roleScope;
    QListWidget *m_permissions;
    QPushButton *m_makeRole;
    MessageLabel *m_roleStatus;
    QString m_madeRole;
    ApiKeysCard *m_apiKeys;
    QWidget *m_dangerCard;
    QPushButton *m_deleteAgency;
    MessageLabel *m_dangerStatus; // chosen in the role box once the roles are read again
};

} // namespace huntaze::ui
