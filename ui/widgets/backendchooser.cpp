#include "backendchooser.h"

#include "app/appcore.h"
#include "backend/remotebackend.h"
#include "backend/serverapi.h"
#include "common/async.h"
#include "style/icons.h"
#include "widgets/messagelabel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace huntaze::ui {

BackendChooser::BackendChooser(AppCore &core, QWidget *parent) : QWidget(parent), m_core(core)
{
    const AppSettings &settings = core.settings();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("backend"));
    m_kind->setAccessibleName(tr("Where your data is kept"));
    m_kind->addItem(tr("On this computer (works offline)"), QVariant::fromValue(AppSettings::BackendKind::Embedded));
    m_kind->addItem(tr("On a Huntaze server (your agency's)"), QVariant::fromValue(AppSettings::BackendKind::Remote));
    m_kind->setCurrentIndex(m_kind->findData(QVariant::fromValue(settings.backend())));
    layout->addWidget(m_kind);

    m_serverFields = new QWidget(this);
    auto *serverRow = new QHBoxLayout(m_serverFields);
    serverRow->setContentsMargins(0, 0, 0, 0);
    m_serverUrl = new QLineEdit(settings.serverUrl(), m_serverFields);
    m_serverUrl->setObjectName(QStringLiteral("serverUrl"));
    m_serverUrl->setAccessibleName(tr("Server address"));
    m_serverUrl->setPlaceholderText(tr("https://huntaze.example.com"));
    m_connect = new QPushButton(tr("C&onnect"), m_serverFields);
    m_connect->setObjectName(QStringLiteral("connectServer"));
    m_connect->setAccessibleName(tr("Check the server and use it"));
    serverRow->addWidget(m_serverUrl, 1);
    serverRow->addWidget(m_connect);
    layout->addWidget(m_serverFields);

    auto *statusRow = new QHBoxLayout;
    m_status = new MessageLabel(this);
    m_status->setObjectName(QStringLiteral("backendStatus"));
    m_restart = new QPushButton(themedIcon(QStringLiteral("restart")), tr("Restart now"), this);
    m_restart->setObjectName(QStringLiteral("restartForBackend"));
    m_restart->hide();
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_restart);
    layout->addLayout(statusRow);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &BackendChooser::onKindChanged);
    connect(m_connect, &QPushButton::clicked, this, &BackendChooser::connectToServer);
    connect(m_serverUrl, &QLineEdit::returnPressed, this, &BackendChooser::connectToServer);
    connect(m_restart, &QPushButton::clicked, this, &BackendChooser::restartRequested);

    m_serverFields->setVisible(settings.backend() == AppSettings::BackendKind::Remote);
    if (const auto *remote = qobject_cast<const RemoteBackend *>(&core.backend()))
        m_status->showMessage(tr("Connected to %1. Your accounts, data and AI tools live there.").arg(remote->serverUrl().authority()),
                              MessageLabel::Kind::Note);
}

void BackendChooser::onKindChanged()
{
    const auto kind = m_kind->currentData().value<AppSettings::BackendKind>();
    m_serverFields->setVisible(kind == AppSettings::BackendKind::Remote);
    if (kind == AppSettings::BackendKind::Embedded) {
        m_core.settings().setBackend(kind);
        offerRestart(tr("Huntaze will keep your data on this computer from the next start."));
        Q_EMIT choiceSaved(true);
    } else {
        m_status->showMessage(tr("Enter your server's address, then Connect."), MessageLabel::Kind::Note);
        m_serverUrl->setFocus();
    }
}

void BackendChooser::connectToServer()
{
    const QUrl url = QUrl::fromUserInput(m_serverUrl->text().trimmed());
    if (const QString problem = AppCore::checkServerAddress(url); !problem.isEmpty()) {
        m_status->showMessage(problem, MessageLabel::Kind::Error);
        m_serverUrl->setFocus();
        Q_EMIT choiceSaved(false);
        return;
    }
    m_connect->setEnabled(false);
    m_status->showMessage(tr("Checking %1…").arg(url.host()), MessageLabel::Kind::Note);
    auto api = std::make_shared<ServerApi>(m_core.api(), url, nullptr);
    onFinished(api->checkHealth(), this, [this, api, url](const Result<void> &health) {
        m_connect->setEnabled(true);
        if (!health.ok()) {
            m_status->showMessage(health.error().message, MessageLabel::Kind::Error);
            Q_EMIT choiceSaved(false);
            return;
        }
        m_core.settings().setServerUrl(url.toString(QUrl::StripTrailingSlash));
        m_core.settings().setBackend(AppSettings::BackendKind::Remote);
        offerRestart(tr("%1 is ready. Huntaze uses it from the next start: sign in there with your server account.").arg(url.authority()));
        Q_EMIT choiceSaved(true);
    });
}

void BackendChooser::showSavedChoice()
{
    const AppSettings &settings = m_core.settings();
    const QSignalBlocker quiet(m_kind); // showing the choice is not making it again
    m_kind->setCurrentIndex(m_kind->findData(QVariant::fromValue(settings.backend())));
    m_serverUrl->setText(settings.serverUrl());
    m_serverFields->setVisible(settings.backend() == AppSettings::BackendKind::Remote);
    if (settings.backend() == AppSettings::BackendKind::Remote)
        offerRestart(tr("Huntaze uses %1 from the next start.").arg(QUrl(settings.serverUrl()).authority()));
}

void BackendChooser::offerRestart(const QString &message)
{
    m_status->showMessage(message, MessageLabel::Kind::Note);
    m_restart->show();
}

} // namespace huntaze::ui
