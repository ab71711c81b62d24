#pragma once

#include "server/huntazeserver.h"
#include "temppostgres.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrl>

class QNetworkAccessManager;

#include <functional>
#include <memory>

namespace huntaze::test {

// A huntaze-server in this process over a throw-away PostgreSQL, as the
// server tests need it: start() in initTestCase, gone with the object.
class RunningServer
{
public:
    // Empty when the server runs; else why not (no PostgreSQL, start failure).
    QString start(const std::function<void(server::ServerConfig &)> &configure = {});

    server::HuntazeServer &server() { return *m_server; }
    TempPostgres &postgres() { return *m_postgres; }
    // The server's database as its runtime role (row-level security applies),
    // and as the superuser, for tests that look at or change rows directly
    // (the owner that migrates is held to the policies like the server).
    const DatabaseConfig &database() const { return m_database; }
    const DatabaseConfig &superuserDatabase() const { return m_superuserDatabase; }
    quint16 port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

    // Another server over the same PostgreSQL (other settings, another database...).
    std::unique_ptr<server::HuntazeServer> startAnother(server::ServerConfig config, QString *error = nullptr);
    // Another instance like this one on a free port, which `config` (this
    // server's, from now on the instance's) keeps, so the instance can be
    // stopped and started again at the same address; null and `error` when it fails.
    std::unique_ptr<server::HuntazeServer> startInstance(server::ServerConfig &config, QString *error = nullptr);

private:
    std::unique_ptr<TempPostgres> m_postgres;
    std::unique_ptr<server::HuntazeServer> m_server;
    DatabaseConfig m_database;
    DatabaseConfig m_superuserDatabase;
    quint16 m_port = 0;
};

// What the server answered, as the server tests read it.
struct Answer {
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names in lower case

    QJsonObject error() const { return json.value(QStringLiteral("error")).toObject(); }
    QString errorCode() const { return error().value(QStringLiteral("code")).toString(); }
    QString errorMessage() const { return error().value(QStringLiteral("message")).toString(); }
    QString errorField() const { return error().value(QStringLiteral("field")).toString(); }
};

// Sends one request (JSON unless `headers` say otherwise) and waits for the answer.
Answer send(QNetworkAccessManager &network, const QUrl &url, const QByteArray &method, const QByteArray &body, const QString &token,
            const QList<QPair<QByteArray, QByteArray>> &headers = {});

// QSKIP or QFAIL (HUNTAZE_REQUIRE_POSTGRES=1) when `error` is not empty.
#define HUNTAZE_REQUIRE_SERVER(error)                                                                                                      \
    do {                                                                                                                                   \
        const QString why = (error);                                                                                                       \
        if (!why.isEmpty()) {                                                                                                              \
            if (huntaze::test::TempPostgres::required())                                                                                   \
                QFAIL(qPrintable(why));                                                                                                    \
            QSKIP(qPrintable(why));                                                                                                        \
        }                                                                                                                                  \
    } while (false)

} // namespace huntaze::test
