#include "databaseconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace huntaze {

DatabaseConfig DatabaseConfig::sqlite(const QString &path)
{
    DatabaseConfig config;
    config.driver = Driver::Sqlite;
    config.databaseName = QFileInfo(path).absoluteFilePath();
    return config;
}

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    const QString database = url.path().mid(1);
    if (!url.isValid() || (scheme != QStringLiteral("postgresql") && scheme != QStringLiteral("postgres")) || url.host().isEmpty()
        || database.isEmpty() || database.contains(u'/')) {
        return Error::validation(
            QStringLiteral("database-url"),
            QCoreApplication::translate("huntaze::DatabaseConfig",
                                        "The database address must look like postgresql://user:password@host:5432/database."));
    }
    DatabaseConfig config;
    config.driver = Driver::Postgres;
    config.host = url.host();
    config.port = url.port(5432);
    config.user = url.userName();
    config.password = url.password();
    config.databaseName = database;
    return config;
}

QString DatabaseConfig::qtDriverName() const
{
    return driver == Driver::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
}

QString DatabaseConfig::migrationsDirectory() const
{
    return driver == Driver::Postgres ? QStringLiteral(":/migrations/postgresql") : QStringLiteral(":/migrations/sqlite");
}

QString DatabaseConfig::describe() const
{
    if (driver == Driver::Sqlite)
        return QDir::toNativeSeparators(databaseName);
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

} // namespace huntaze
