#pragma once

#include "widgets/card.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace huntaze {
class TeamStore;
} // namespace huntaze

namespace huntaze::ui {

class MessageLabel;

// The agency's API keys on the Team page (owners and admins): listed with
// their scopes and last use, made with a name, scopes and an optional expiry
// (the secret shown once, to copy), revoked at once.
class ApiKeysCard : public Card
{
    Q_OBJECT
public:
    explicit ApiKeysCard(TeamStore &team, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QCheckBox *scopeBox(const QString &scopeId) const;
    QComboBox *expiryBox() const { return m_expiry; }
    QPushButton *makeButton() const { return m_make; }
    QLineEdit *secretField() const { return m_secret; }
    QPushButton *revokeButton() const { return m_revoke; }
    // Revokes the selected key without asking (the button asks first).
    void revokeSelected();

Q_SIGNALS:
    void secretShown(const QString &secret);

private:
    void showKeys();
    void makeKey();
    qint64 selectedKey() const;

    TeamStore &m_team;
    QTableWidget *m_table;
    QLineEdit *m_name;
    QList<QCheckBox *> m_scopes;
    QComboBox *m_expiry;
    QPushButton *m_make;
    QLineEdit *m_secret;
    QPushButton *m_copy;
    QPushButton *m_revoke;
    MessageLabel *m_status;
};

} // namespace huntaze::ui
