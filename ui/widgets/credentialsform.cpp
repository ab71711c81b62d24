#include "credentialsform.h"
#include "widgets/card.h"

#include "domain/credentials.h"

#include "widgets/messagelabel.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace huntaze::ui {

CredentialsForm::CredentialsForm(QWidget *parent) : QWidget(parent)
{
    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    m_form->setVerticalSpacing(8);

    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_email->setAccessibleName(tr("Email"));
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhNoAutoUppercase);
    m_form->addRow(tr("&Email"), m_email);

    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_form->addRow(tr("&Password"), m_password);

    m_error = new MessageLabel(this);
    m_error->setObjectName(QStringLiteral("formError"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addLayout(m_form);
    layout->addWidget(m_error);

    for (QLineEdit *edit : {m_email, m_password}) {
        edit->setMinimumHeight(edit->sizeHint().height()); // a crowded form must not clip what is typed
        connect(edit, &QLineEdit::returnPressed, this, &CredentialsForm::submitted);
    }
}

QLineEdit *CredentialsForm::addLineEdit(const QString &label, const QString &fieldName, bool beforeCredentials)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(fieldName);
    edit->setAccessibleName(QString(label).remove(u'&'));
    edit->setMinimumHeight(edit->sizeHint().height()); // a crowded form must not clip what is typed
    if (beforeCredentials)
        m_form->insertRow(m_leadingRows++, label, edit);
    else
        m_form->addRow(label, edit);
    connect(edit, &QLineEdit::returnPressed, this, &CredentialsForm::submitted);
    return edit;
}

QLineEdit *CredentialsForm::addPasswordConfirmation(const QString &label)
{
    m_password->setPlaceholderText(tr("At least %n characters", nullptr, credentials::minPasswordLength));
    m_confirmation = addLineEdit(label, QStringLiteral("confirmPassword"));
    m_confirmation->setEchoMode(QLineEdit::Password);
    return m_confirmation;
}

bool CredentialsForm::confirmationMatches()
{
    if (!m_confirmation || m_confirmation->text() == m_password->text())
        return true;
    showError(Error::validation(QStringLiteral("confirmPassword"), tr("The two passwords do not match.")));
    return false;
}

void CredentialsForm::setPasswordField(const QString &label, const QString &fieldName)
{
    if (auto *shown = qobject_cast<QLabel *>(m_form->labelForField(m_password)))
        shown->setText(label);
    m_password->setAccessibleName(QString(label).remove(u'&'));
    m_password->setObjectName(fieldName);
}

void CredentialsForm::setFieldVisible(QLineEdit *field, bool visible)
{
    m_form->setRowVisible(field, visible);
}

QList<QLineEdit *> CredentialsForm::fieldsInOrder() const
{
    QList<QLineEdit *> fields;
    for (int row = 0; row < m_form->rowCount(); ++row) {
        if (QLayoutItem *item = m_form->itemAt(row, QFormLayout::FieldRole))
            if (auto *edit = qobject_cast<QLineEdit *>(item->widget()))
                fields.append(edit);
    }
    return fields;
}

void CredentialsForm::addHint(const QString &text)
{
    // Below the form rather than in a spanning form row: QFormLayout gives a
    // wrapped label the height of fewer lines than it needs.
    auto *hint = makeNote(text, this);
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, hint);
}

void CredentialsForm::showError(const Error &error)
{
    m_error->showMessage(error.message, MessageLabel::Kind::Error);
    QLineEdit *field = findChild<QLineEdit *>(error.field);
    if (error.code == ErrorCode::InvalidCredentials)
        field = m_password;
    if (field) {
        field->setFocus(Qt::OtherFocusReason);
        field->selectAll();
    }
}

void CredentialsForm::clearError()
{
    m_error->clearMessage();
}

void CredentialsForm::setBusy(bool busy)
{
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        edit->setReadOnly(busy);
}

} // namespace huntaze::ui
