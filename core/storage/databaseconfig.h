#pragma once

#include "common/result.h"

#include <QString>
#include <QUrl>

namespace huntaze {

// Where a SqlWorker connects: a SQLite file (the desktop's embedded backend)
// or a PostgreSQL server (huntaze-server). The repositories run the same SQL
// on both; only the migration sets differ.
struct DatabaseConfig {
    enum class Driver { Sqlite, Postgres };

    Driver driver = Driver::Sqlite;
    QString databaseName; // SQLite: the file path; PostgreSQL: the database
    QString host;
    int port = 5432;
    QString user;
    QString password; // never logged: see describe()

    static DatabaseConfig sqlite(const QString &path);
    // postgresql://user:password@host:port/database (also "postgres://").
    static Result<DatabaseConfig> fromUrl(const QString &url);

    QString qtDriverName() const;
    QString migrationsDirectory() const;
    // For logs and error messages: everything but the password.
    QString describe() const;
};

} // namespace huntaze
