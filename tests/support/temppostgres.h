#pragma once

#include "storage/databaseconfig.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace huntaze::test {

// A throw-away PostgreSQL server for one test program: initdb in a temporary
// folder, started on a free loopback port (as the `postgres` user when the
// tests run as root, since PostgreSQL refuses to run as root), stopped and
// deleted with the object. Durability is switched off: it only has to be fast.
//
// A benchmark may keep its server's data in `keptIn` instead: made there on
// the first run, stopped but kept at the end, and started again on the data
// by the next run (reused() then says so).
class TempPostgres
{
public:
    explicit TempPostgres(const QString &keptIn = {});
    ~TempPostgres();

    TempPostgres(const TempPostgres &) = delete;
    TempPostgres &operator=(const TempPostgres &) = delete;

    // Empty when the server is running; otherwise why it is not.
    const QString &error() const { return m_error; }
    bool isRunning() const { return m_error.isEmpty(); }
    int port() const { return m_port; }
    bool reused() const { return m_reused; }

    // A new, empty database on this server, and how to connect to it.
    DatabaseConfig createDatabase(const QString &name);
    // How to connect, as the superuser, to a database made before.
    DatabaseConfig database(const QString &name) const;
    QString urlOf(const QString &database) const;
    // A login role for the server to run as, like production's (docs/server.md):
    // not a superuser, no BYPASSRLS, owning nothing, its rights through the
    // group role huntaze_runtime. `database` with that role as its user.
    DatabaseConfig runtimeRole(const DatabaseConfig &database, const QString &role = QStringLiteral("huntaze_app"));
    // The role that migrates and owns the tables, as docs/server.md has an
    // operator make it: a login, not a superuser, no BYPASSRLS, owner of
    // `database` (which it returns with that role as its user).
    DatabaseConfig ownerRole(const DatabaseConfig &database, const QString &role = QStringLiteral("huntaze_owner"));

    // Tests skip without PostgreSQL on a developer's machine, but must not in
    // CI: scripts/test.sh sets HUNTAZE_REQUIRE_POSTGRES=1.
    static bool required();

    // An outage: stopped ("fast": every connection is cut, committed data
    // kept, since durability is off here), then started again on the same
    // port with the same data.
    bool stopServer();
    bool startServer();

private:
    void admin(const QStringList &statements);
    bool run(const QString &program, const QStringList &arguments, int timeoutMs = 60000);
    bool start();

    QString m_binDir;
    std::unique_ptr<QTemporaryDir> m_dir; // none when kept
    QString m_root; // the data, the log and the socket
    QString m_dataDir;
    int m_port = 0;
    bool m_asPostgresUser = false;
    bool m_started = false;
    bool m_reused = false;
    QString m_error;
};

} // namespace huntaze::test
