#include "movetoserverform.h"

#include "app/appcore.h"
#include "app/servermove.h"
#include "common/async.h"
#include "net/apierrors.h"
#include "style/icons.h"
#include "widgets/messagelabel.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace huntaze::ui {

MoveToServerForm::MoveToServerForm(AppCore &core, QWidget *parent) : QWidget(parent), m_core(core), m_mover(new ServerMove(core, this))
{
    setObjectName(QStringLiteral("moveToServer"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *about = new QLabel(tr("Your creators, fans, offers, posts, statements, message logs, engagement and drafts go to the "
                                "server once. From then on Huntaze works on the server and keeps a copy here for offline work; "
                                "the data on this computer stays as it is."),
                             this);
    about->setWordWrap(true);
    layout->addWidget(about);

    auto *form = new QFormLayout;
    m_serverUrl = new QLineEdit(core.settings().serverUrl(), this);
    m_serverUrl->setObjectName(QStringLiteral("moveServerUrl"));
    m_serverUrl->setPlaceholderText(tr("https://huntaze.example.com"));
    m_serverUrl->setAccessibleName(tr("Server to move to"));
    auto *serverLabel = new QLabel(tr("&Server"), this);
    serverLabel->setBuddy(m_serverUrl);
    form->addRow(serverLabel, m_serverUrl);

    m_existingAccount = new QRadioButton(tr("I have an account &there"), this);
    m_newAccount = new QRadioButton(tr("&Create my account there"), this);
    m_newAccount->setObjectName(QStringLiteral("moveNewAccount"));
    m_newAccount->setChecked(true);
    auto *accountGroup = new QButtonGroup(this);
    accountGroup->addButton(m_existingAccount);
    accountGroup->addButton(m_newAccount);
    auto *accountRow = new QHBoxLayout;
    accountRow->addWidget(m_newAccount);
    accountRow->addWidget(m_existingAccount);
    accountRow->addStretch(1);
    form->addRow(tr("Account"), accountRow);

    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("moveEmail"));
    m_email->setAccessibleName(tr("Email on the server"));
    auto *emailLabel = new QLabel(tr("E&mail"), this);
    emailLabel->setBuddy(m_email);
    form->addRow(emailLabel, m_email);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("movePassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password on the server"));
    auto *passwordLabel = new QLabel(tr("&Password"), this);
    passwordLabel->setBuddy(m_password);
    form->addRow(passwordLabel, m_password);
    layout->addLayout(form);

    auto *actions = new QHBoxLayout;
    m_move = new QPushButton(tr("&Move my data"), this);
    m_move->setObjectName(QStringLiteral("moveData"));
    m_move->setAccessibleName(tr("Move the data on this computer to the server"));
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Move progress"));
    m_stop = new QPushButton(tr("S&top"), this);
    m_stop->setObjectName(QStringLiteral("stopMove"));
    m_stop->setAccessibleName(tr("Stop the move"));
    actions->addWidget(m_move);
    actions->addWidget(m_progress, 1);
    actions->addWidget(m_stop);
    actions->addStretch(); // the button keeps its size while nothing runs
    layout->addLayout(actions);
    auto *statusRow = new QHBoxLayout;
    m_status = new MessageLabel(this);
    m_status->setObjectName(QStringLiteral("moveStatus"));
    m_restart = new QPushButton(themedIcon(QStringLiteral("restart")), tr("Restart now"), this);
    m_restart->setObjectName(QStringLiteral("restartAfterMove"));
    m_restart->hide();
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_restart);
    layout->addLayout(statusRow);
    setRunning(false);

    connect(m_move, &QPushButton::clicked, this, &MoveToServerForm::startMove);
    connect(m_password, &QLineEdit::returnPressed, this, &MoveToServerForm::startMove);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        m_stop->setEnabled(false);
        m_status->showMessage(tr("Stopping after the part under way…"), MessageLabel::Kind::Note);
        m_mover->cancel();
    });
    connect(m_restart, &QPushButton::clicked, this, &MoveToServerForm::restartRequested);
    connect(&core.users(), &UserStore::userChanged, this, &MoveToServerForm::followAccount);
    followAccount();
}

MoveToServerForm::~MoveToServerForm() = default;

void MoveToServerForm::followAccount()
{
    setVisible(m_mover->isAvailable());
    if (m_email->text().isEmpty() && m_core.users().user())
        m_email->setText(m_core.users().user()->email);
}

void MoveToServerForm::setRunning(bool running)
{
    for (QWidget *field :
         {static_cast<QWidget *>(m_serverUrl), static_cast<QWidget *>(m_existingAccount), static_cast<QWidget *>(m_newAccount),
          static_cast<QWidget *>(m_email), static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_move)})
        field->setEnabled(!running);
    m_progress->setVisible(running);
    m_stop->setVisible(running);
    m_stop->setEnabled(running);
}

void MoveToServerForm::startMove()
{
    if (m_mover->isRunning())
        return;
    if (m_email->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_status->showMessage(tr("Enter your email and password on the server."), MessageLabel::Kind::Error);
        (m_email->text().trimmed().isEmpty() ? m_email : m_password)->setFocus();
        return;
    }
    ServerMove::Account account;
    account.email = m_email->text().trimmed();
    account.password = m_password->text();
    account.create = m_newAccount->isChecked();
    account.displayName = m_core.users().user() ? m_core.users().user()->profile.displayName : QString();
    const QUrl url = QUrl::fromUserInput(m_serverUrl->text().trimmed());
    QFuture<Result<MoveReport>> moving = m_mover->start(url, account);
    setRunning(true);
    m_restart->hide();
    m_progress->setRange(0, 0); // signing in: no count yet
    m_status->showMessage(tr("Signing in to %1…").arg(url.host()), MessageLabel::Kind::Note);
    auto *watcher = new QFutureWatcher<Result<MoveReport>>(this);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, this, [this](int minimum, int maximum) {
        m_progress->setRange(minimum, maximum);
        m_status->showMessage(tr("Moving your data…"), MessageLabel::Kind::Note);
    });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(moving);
    onFinished(moving, this, [this, host = url.host()](const Result<MoveReport> &moved) {
        setRunning(false);
        m_password->clear();
        if (!moved.ok()) {
            m_status->showMessage(moved.error().message,
                                  moved.error().code == ErrorCode::Cancelled ? MessageLabel::Kind::Note : MessageLabel::Kind::Error);
            Q_EMIT finished(false);
            return;
        }
        const QString rows = QLocale().toString(moved.value().rows);
        QString message
            = tr("Moved %n creator(s) and %1 rows to %2. Huntaze uses the server from the next start.", nullptr, moved.value().creators)
                  .arg(rows, host);
        if (moved.value().signInNeeded)
            message += u' ' + tr("The keychain could not keep your session: sign in again after the restart.");
        m_status->showMessage(message, MessageLabel::Kind::Note);
        m_restart->show();
        m_restart->setFocus();
        Q_EMIT finished(true);
    });
}

} // namespace huntaze::ui
