#pragma once

#include "ai/aitools.h"
#include "auth/secretstore.h"
#include "backend/backend.h"
#include "common/result.h"
#include "net/apiclient.h"
#include "net/circuitbreakerregistry.h"
#include "net/clock.h"
#include "net/networkwatch.h"
#include "settings/appsettings.h"
#include "state/agencyanalyticsstore.h"
#include "state/analyticsstore.h"
#include "state/creatordatastore.h"
#include "state/sessionmanager.h"
#include "state/shiftstore.h"
#include "state/teamstore.h"
#include "state/userstore.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <functional>
#include <memory>

namespace huntaze {

// Everything the desktop app needs from core, built and torn down in the one
// safe order: the backend finishes its work before the stores that observe it
// go away. The desktop's main() and the GUI tests build the app through it.
class AppCore : public QObject
{
    Q_OBJECT
public:
    // Builds the backend once the network client exists (a remote backend needs it).
    using BackendFactory = std::function<std::unique_ptr<Backend>(ApiClient &)>;

    // `clock` times what waits (autosave, analytics refreshes, idle shifts); tests pass a fake one.
    AppCore(BackendFactory makeBackend, std::unique_ptr<SecretStore> secrets, QString dataDirectory, Clock &clock = Clock::system(),
            QObject *parent = nullptr);
    AppCore(std::unique_ptr<Backend> backend, std::unique_ptr<SecretStore> secrets, QString dataDirectory, Clock &clock = Clock::system(),
            QObject *parent = nullptr);
    ~AppCore() override;

    // Opens the backend, then restores a remembered session. Emits started()
    // or startFailed(); the UI stays on its start-up view until then.
    void start();

    Backend &backend() { return *m_backend; }
    SecretStore &secrets() { return *m_secrets; }
    UserStore &users() { return m_users; }
    SessionManager &sessions() { return m_sessions; }
    CreatorDataStore &creatorData() { return m_creatorData; }
    TeamStore &team() { return m_team; }
    ShiftStore &shifts() { return m_shifts; }
    AnalyticsStore &analytics() { return m_analytics; }
    AgencyAnalyticsStore &agencyAnalytics() { return m_agencyAnalytics; }
    AiTools &aiTools() { return m_aiTools; }
    Clock &clock() { return m_clock; }

    // Switches AI suggestions to the provider described by the settings, with
    // `apiKey` for an online one. Offline needs no key.
    void useAiProvider(AppSettings::AiProviderKind kind, const QUrl &baseUrl, const QString &model, const QString &apiKey);
    // Checks an address for an AI provider: https, or http only to this computer
    // (a key must never travel unencrypted). Empty on success, else why not.
    static QString checkAiAddress(const QUrl &url);
    // The same rule for a huntaze-server: passwords and data must not travel unencrypted.
    static QString checkServerAddress(const QUrl &url);
    // True when the backend (a huntaze-server) runs the AI tools: Settings → AI does not apply.
    bool backendRunsAi() const { return m_backendRunsAi; }
    AppSettings &settings() { return m_settings; }
    // Every online call (remote backend, AI providers) goes through this client
    // and its breakers; the Service status view reads them.
    ApiClient &api() { return m_api; }
    CircuitBreakerRegistry &breakers() { return m_breakers; }
    // When the network comes back, the breakers opened by its absence close
    // and a server's replica syncs at once.
    NetworkWatch &networkWatch() { return m_networkWatch; }
    const QString &dataDirectory() const { return m_dataDirectory; }
    bool isStarted() const { return m_started; }
    // Whether anyone has an account on this backend (see Backend::hasAccounts).
    bool hasAccounts() const;

Q_SIGNALS:
    void started(bool signedIn);
    void startFailed(const huntaze::Error &error);

private:
    void followRememberedCreator();
    void restoreAiProvider();
    void networkReturned();

    Clock &m_clock;
    std::unique_ptr<SecretStore> m_secrets;
    QString m_dataDirectory;
    AppSettings m_settings;
    qint64 m_rememberedFor = 0; // the login whose remembered creator was applied
    qint64 m_shiftsFor = 0; // the login whose shift the shift store shows
    QNetworkAccessManager m_network;
    NetworkWatch m_networkWatch;
    CircuitBreakerRegistry m_breakers;
    ApiClient m_api;
    std::unique_ptr<Backend> m_backend; // after the client it may use, before the stores observing it
    UserStore m_users;
    SessionManager m_sessions;
    CreatorDataStore m_creatorData;
    TeamStore m_team;
    ShiftStore m_shifts;
    AnalyticsStore m_analytics;
    AgencyAnalyticsStore m_agencyAnalytics;
    AiTools m_aiTools;
    bool m_started = false;
    bool m_backendRunsAi = false;
};

} // namespace huntaze
