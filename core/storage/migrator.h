#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace huntaze {

// Applies the numbered SQL files of one migration set (0001_name.sql,
// 0002_name.sql, ... embedded as Qt resources) in order, each in its own
// transaction, and records them in schema_migrations. A database whose schema
// is newer than the newest file is refused untouched, so an older app can
// never damage data written by a newer one.
class Migrator
{
public:
    explicit Migrator(QString migrationsDirectory = QStringLiteral(":/migrations/sqlite"));

    int latestVersion() const { return static_cast<int>(m_files.size()); }

    // 0 for an empty database.
    static Result<int> currentVersion(QSqlDatabase &db);

    // Migrates up to `targetVersion` (default: the latest); returns the version reached.
    Result<int> migrate(QSqlDatabase &db, std::optional<int> targetVersion = std::nullopt) const;

    // Splits a script into statements at semicolons outside quotes and comments.
    static QStringList splitStatements(const QString &script);

private:
    Result<int> migrateLocked(QSqlDatabase &db, int target) const;
    Result<void> apply(QSqlDatabase &db, int version) const;

    QString m_directory;
    QStringList m_files; // index i holds version i + 1
    QString m_setupError;
};

} // namespace huntaze
