#include "appcore.h"

#include "ai/offlineprovider.h"
#include "common/async.h"
#include "logging/logging.h"

namespace huntaze {

AppCore::AppCore(std::unique_ptr<Backend> backend, std::unique_ptr<SecretStore> secrets, QString dataDirectory, QObject *parent)
    : QObject(parent),
      m_backend(std::move(backend)),
      m_secrets(std::move(secrets)),
      m_dataDirectory(std::move(dataDirectory)),
      m_api(m_network, m_breakers),
      m_users(*m_backend),
      m_sessions(*m_backend, *m_secrets, m_users),
      m_creatorData(*m_backend, m_users),
      m_aiTools(std::make_unique<OfflineProvider>())
{}

AppCore::~AppCore()
{
    m_backend->shutdown();
}

void AppCore::start()
{
    onFinished(m_backend->open(), this, [this](const Result<void> &opened) {
        if (!opened.ok()) {
            qCCritical(lcApp) << "cannot open backend" << m_backend->identity() << opened.error().detail;
            Q_EMIT startFailed(opened.error());
            return;
        }
        onFinished(m_sessions.restore(), this, [this](bool signedIn) {
            m_started = true;
            Q_EMIT started(signedIn);
        });
    });
}

} // namespace huntaze
