#pragma once

#include "common/result.h"

#include <QWidget>

class QFormLayout;
class QLineEdit;

namespace huntaze::ui {

class MessageLabel;

// Email and password fields with an error line, shared by the sign-in and
// sign-up pages. Pressing Enter in any field emits submitted().
class CredentialsForm : public QWidget
{
    Q_OBJECT
public:
    explicit CredentialsForm(QWidget *parent = nullptr);

    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    // Adds a field before or after the email/password pair; Enter in it submits too.
    QLineEdit *addLineEdit(const QString &label, const QString &fieldName, bool beforeCredentials = false);
    // Relabels the password field and renames it for errors (the server's field name: "newPassword").
    void setPasswordField(const QString &label, const QString &fieldName);
    // For a password being chosen: the rule as a placeholder, and a field to
    // type it again (after the others so far) that confirmationMatches() checks.
    QLineEdit *addPasswordConfirmation(const QString &label);
    // False, with the error shown on the confirmation, when the two differ.
    bool confirmationMatches();
    // Shows or hides a field added with addLineEdit, with its label.
    void setFieldVisible(QLineEdit *field, bool visible);
    void addHint(const QString &text);
    // The line edits as they appear, top to bottom.
    QList<QLineEdit *> fieldsInOrder() const;

    // Shows the error; a validation error also focuses its field.
    void showError(const Error &error);
    void clearError();
    void setBusy(bool busy);

Q_SIGNALS:
    void submitted();

private:
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_confirmation = nullptr;
    QFormLayout *m_form;
    MessageLabel *m_error;
    int m_leadingRows = 0;
};

} // namespace huntaze::ui
