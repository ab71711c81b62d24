#include "temppostgres.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace huntaze::test {

namespace {

QString findBinDir()
{
    const QString configured = qEnvironmentVariable("HUNTAZE_PG_BINDIR");
    if (!configured.isEmpty())
        return configured;
    // Debian installs each major version side by side; take the newest.
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(found.begin(), found.end(), [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &version : found) {
        const QString bin = versions.filePath(version + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")))
            return bin;
    }
    return {};
}

int freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

TempPostgres::TempPostgres(const QString &keptIn) : m_binDir(findBinDir())
{
    if (m_binDir.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL server binaries not found (install postgresql-15, or set HUNTAZE_PG_BINDIR)");
        return;
    }
    if (keptIn.isEmpty()) {
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/huntaze-pg-XXXXXX"));
        if (!m_dir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary folder");
            return;
        }
        m_root = m_dir->path();
    } else {
        if (!QDir().mkpath(keptIn)) {
            m_error = QStringLiteral("cannot create %1").arg(keptIn);
            return;
        }
        m_root = QDir(keptIn).absolutePath();
    }
    m_dataDir = m_root + QStringLiteral("/data");
#ifdef Q_OS_UNIX
    if (::geteuid() == 0) {
        const passwd *postgres = ::getpwnam("postgres");
        if (!postgres) {
            m_error = QStringLiteral("running as root and there is no postgres user to run the server as");
            return;
        }
        m_asPostgresUser = true;
        if (::chown(QFile::encodeName(m_root).constData(), postgres->pw_uid, postgres->pw_gid) != 0) {
            m_error = QStringLiteral("cannot hand the temporary folder to the postgres user");
            return;
        }
    }
#endif
    m_reused = QFile::exists(m_dataDir + QStringLiteral("/PG_VERSION"));
    if (!m_reused
        && !run(QStringLiteral("initdb"),
                {QStringLiteral("-D"), m_dataDir, QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-U"),
                 QStringLiteral("postgres"), QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C"),
                 QStringLiteral("--no-sync")}))
        return;
    // Another process may take the port between the probe and the start: try a few.
    for (int attempt = 0; attempt < 3 && !m_started; ++attempt)
        m_started = start();
    if (m_started)
        m_error.clear();
}

TempPostgres::~TempPostgres()
{
    if (m_started)
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("-w"),
             QStringLiteral("stop")});
}

bool TempPostgres::stopServer()
{
    if (m_started
        && run(
            QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")}))
        m_started = false;
    return !m_started;
}

bool TempPostgres::startServer()
{
    if (!m_started)
        m_started = start();
    return m_started;
}

bool TempPostgres::start()
{
    if (m_port == 0)
        m_port = freeLoopbackPort(); // a restart keeps the port its clients know
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                                           "-c full_page_writes=off -c max_connections=200")
                                .arg(m_port)
                                .arg(m_root)
        // For a diagnosis, settings of one's own, e.g. auto_explain's plans into a log directory:
        // HUNTAZE_PG_OPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=20 ..."
        + u' ' + qEnvironmentVariable("HUNTAZE_PG_OPTIONS");
    return run(QStringLiteral("pg_ctl"),
               {QStringLiteral("-D"), m_dataDir, QStringLiteral("-o"), options, QStringLiteral("-l"),
                m_root + QStringLiteral("/server.log"), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                QStringLiteral("start")});
}

bool TempPostgres::run(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString executable = m_binDir + u'/' + program;
    if (m_asPostgresUser)
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), executable} + arguments);
    else
        process.start(executable, arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2").arg(program, QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

void TempPostgres::admin(const QStringList &statements)
{
    const QString connection = QStringLiteral("temppostgres-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        admin.setHostName(QStringLiteral("127.0.0.1"));
        admin.setPort(m_port);
        admin.setUserName(QStringLiteral("postgres"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open())
            qFatal("cannot connect to the test PostgreSQL: %s", qPrintable(admin.lastError().text()));
        QSqlQuery query(admin);
        for (const QString &statement : statements) {
            if (!query.exec(statement))
                qFatal("%s failed: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(connection);
}

DatabaseConfig TempPostgres::runtimeRole(const DatabaseConfig &database, const QString &role)
{
    // The group role the migrations grant to, and a login in it: what
    // docs/server.md tells an operator to make. Names from the tests only.
    admin({QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'huntaze_runtime') THEN "
                          "CREATE ROLE huntaze_runtime NOLOGIN; END IF; END $$"),
           QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN "
                          "CREATE ROLE \"%1\" LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE huntaze_runtime; END IF; END $$")
               .arg(role)});
    DatabaseConfig runtime = database;
    runtime.user = role;
    return runtime;
}

DatabaseConfig TempPostgres::ownerRole(const DatabaseConfig &database, const QString &role)
{
    // Names from the tests only: identifiers cannot be bound.
    admin({QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'huntaze_runtime') THEN "
                          "CREATE ROLE huntaze_runtime NOLOGIN; END IF; END $$"),
           QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN "
                          "CREATE ROLE \"%1\" LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$")
               .arg(role),
           QStringLiteral("ALTER DATABASE \"%1\" OWNER TO \"%2\"").arg(database.databaseName, role)});
    DatabaseConfig owner = database;
    owner.user = role;
    return owner;
}

DatabaseConfig TempPostgres::database(const QString &name) const
{
    DatabaseConfig config;
    config.driver = DatabaseConfig::Driver::Postgres;
    config.host = QStringLiteral("127.0.0.1");
    config.port = m_port;
    config.user = QStringLiteral("postgres");
    config.databaseName = name;
    return config;
}

DatabaseConfig TempPostgres::createDatabase(const QString &name)
{
    const DatabaseConfig config = database(name);
    const QString connection = QStringLiteral("temppostgres-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        admin.setHostName(config.host);
        admin.setPort(m_port);
        admin.setUserName(config.user);
        admin.setDatabaseName(QStringLiteral("postgres"));
        if (!admin.open())
            qFatal("cannot connect to the test PostgreSQL: %s", qPrintable(admin.lastError().text()));
        QSqlQuery create(admin);
        // A name from the test itself, never user input: identifiers cannot be bound.
        if (!create.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name)))
            qFatal("cannot create database %s: %s", qPrintable(name), qPrintable(create.lastError().text()));
    }
    QSqlDatabase::removeDatabase(connection);
    return config;
}

QString TempPostgres::urlOf(const QString &database) const
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

bool TempPostgres::required()
{
    return qEnvironmentVariableIntValue("HUNTAZE_REQUIRE_POSTGRES") == 1;
}

} // namespace huntaze::test
