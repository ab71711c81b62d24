#include "appcore.h"

#include "ai/offlineprovider.h"
#include "ai/openaiprovider.h"

#include "common/async.h"
#include "logging/logging.h"
#include "sync/syncengine.h"
#include <QCoreApplication>
#include <QHostAddress>

namespace huntaze {

AppCore::AppCore(std::unique_ptr<Backend> backend, std::unique_ptr<SecretStore> secrets, QString dataDirectory, Clock &clock,
                 QObject *parent)
    : AppCore([built = std::make_shared<std::unique_ptr<Backend>>(std::move(backend))](ApiClient &) { return std::move(*built); },
              std::move(secrets), std::move(dataDirectory), clock, parent)
{}

AppCore::AppCore(BackendFactory makeBackend, std::unique_ptr<SecretStore> secrets, QString dataDirectory, Clock &clock, QObject *parent)
    : QObject(parent),
      m_clock(clock),
      m_secrets(std::move(secrets)),
      m_dataDirectory(std::move(dataDirectory)),
      m_api(m_network, m_breakers),
      m_backend(makeBackend(m_api)),
      m_users(*m_backend),
      m_sessions(*m_backend, *m_secrets, m_users),
      m_creatorData(*m_backend, m_users),
      m_team(*m_backend),
      m_shifts(*m_backend, m_clock),
      m_analytics(*m_backend, m_users, m_clock),
      m_agencyAnalytics(*m_backend, m_users, m_clock),
      m_aiTools(std::make_unique<OfflineProvider>())
{
    if (std::unique_ptr<AIProvider> provider = m_backend->createAiProvider()) {
        m_backendRunsAi = true;
        m_aiTools.setProvider(std::move(provider));
    }
    // A clocked-in member's input anywhere in the app keeps their shift open.
    if (QCoreApplication::instance())
        m_shifts.watchActivity(QCoreApplication::instance());
    connect(&m_users, &UserStore::userChanged, this, [this] {
        const std::optional<User> &user = m_users.user();
        const qint64 id = user ? user->id : 0;
        if (id == m_shiftsFor)
            return;
        m_shiftsFor = id;
        if (user && user->may(agency::Permission::ClockIn))
            m_shifts.reload();
        else
            m_shifts.clear();
    });
    // The creator a member worked on last time is the one they find again.
    connect(&m_users, &UserStore::userChanged, this, &AppCore::followRememberedCreator);
    // Every generator checks against the signed-in creator's own list.
    connect(&m_creatorData, &CreatorDataStore::restrictedWordsChanged, this,
            [this] { m_aiTools.setRestrictedWords(m_creatorData.restrictedWords()); });
    // Sample data brings a year of earnings: the Dashboard shows it at once.
    connect(&m_creatorData, &CreatorDataStore::earningsChanged, &m_analytics, &AnalyticsStore::reload);
    connect(&m_networkWatch, &NetworkWatch::returned, this, &AppCore::networkReturned);
}

void AppCore::networkReturned()
{
    // They opened because nothing could be reached: no reason to keep waiting now.
    for (CircuitBreaker *breaker : m_breakers.breakers())
        breaker->reset();
    if (sync::SyncEngine *engine = m_backend->syncEngine())
        engine->requestSync();
}

void AppCore::followRememberedCreator()
{
    const std::optional<User> &user = m_users.user();
    if (!user) {
        m_backend->selectCreator(0); // the next login starts from its own first creator
        m_rememberedFor = 0;
        return;
    }
    if (user->id != m_rememberedFor) {
        // Signed in just now: go back to the creator chosen last time, if still theirs.
        m_rememberedFor = user->id;
        const qint64 remembered = m_settings.lastCreator(m_backend->identity(), user->id);
        const bool available = std::any_of(user->creators.cbegin(), user->creators.cend(),
                                           [remembered](const Creator &creator) { return creator.id == remembered; });
        if (remembered != 0 && remembered != user->creatorId && available) {
            m_users.selectCreator(remembered);
            return;
        }
    }
    m_settings.setLastCreator(m_backend->identity(), user->id, user->creatorId);
}

AppCore::~AppCore()
{
    m_backend->shutdown();
}

bool AppCore::hasAccounts() const
{
    return m_backend->hasAccounts();
}

void AppCore::start()
{
    onFinished(m_backend->open(), this, [this](const Result<void> &opened) {
        if (!opened.ok()) {
            qCCritical(lcApp) << "cannot open backend" << m_backend->identity() << opened.error().detail;
            Q_EMIT startFailed(opened.error());
            return;
        }
        restoreAiProvider();
        onFinished(m_sessions.restore(), this, [this](bool signedIn) {
            m_started = true;
            Q_EMIT started(signedIn);
        });
    });
}

void AppCore::useAiProvider(AppSettings::AiProviderKind kind, const QUrl &baseUrl, const QString &model, const QString &apiKey)
{
    if (m_backendRunsAi)
        return; // the server's administrator chose the provider

    if (kind == AppSettings::AiProviderKind::Offline) {
        m_aiTools.setProvider(std::make_unique<OfflineProvider>());
        return;
    }
    OpenAiProvider::Config config;
    config.baseUrl = baseUrl;
    config.model = model;
    config.apiKey = apiKey;
    m_aiTools.setProvider(std::make_unique<OpenAiProvider>(m_api, config));
}

namespace {

enum class AddressProblem { None, NotAnAddress, Unencrypted };

// https anywhere, plain http only to this computer: secrets must not cross a network in clear.
AddressProblem checkAddress(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QStringLiteral("https") && url.scheme() != QStringLiteral("http")))
        return AddressProblem::NotAnAddress;
    const bool thisComputer = url.host() == QStringLiteral("localhost") || QHostAddress(url.host()).isLoopback();
    if (url.scheme() == QStringLiteral("http") && !thisComputer)
        return AddressProblem::Unencrypted;
    return AddressProblem::None;
}

} // namespace

QString AppCore::checkServerAddress(const QUrl &url)
{
    switch (checkAddress(url)) {
    case AddressProblem::NotAnAddress:
        return QCoreApplication::translate("huntaze::AppCore", "Enter the server's address, like https://huntaze.example.com.");
    case AddressProblem::Unencrypted:
        return QCoreApplication::translate(
            "huntaze::AppCore",
            "Use https: your password and data must not travel unencrypted. Plain http is allowed only for a server on this computer.");
    case AddressProblem::None: break;
    }
    return {};
}

QString AppCore::checkAiAddress(const QUrl &url)
{
    switch (checkAddress(url)) {
    case AddressProblem::NotAnAddress:
        return QCoreApplication::translate("huntaze::AppCore", "Enter the service's address, like https://api.openai.com/v1.");
    case AddressProblem::Unencrypted:
        return QCoreApplication::translate(
            "huntaze::AppCore",
            "Use https: your API key must not travel unencrypted. Plain http is allowed only for a server on this computer.");
    case AddressProblem::None: break;
    }
    return {};
}

void AppCore::restoreAiProvider()
{
    if (m_backendRunsAi)
        return;
    const auto kind = m_settings.aiProvider();
    if (kind == AppSettings::AiProviderKind::Offline)
        return;
    onFinished(m_secrets->read(AppSettings::aiApiKeySecret()), this, [this, kind](const Result<QString> &key) {
        // No key stored (or no keychain) still works for local servers that need none.
        useAiProvider(kind, QUrl(m_settings.aiBaseUrl()), m_settings.aiModel(), key.ok() ? key.value() : QString());
    });
}

} // namespace huntaze
