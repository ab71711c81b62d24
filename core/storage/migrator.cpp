#include "migrator.h"

#include "logging/logging.h"
#include "storage/sqlworker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

namespace huntaze {

namespace {
// Any fixed number: the advisory lock that serialises schema upgrades.
constexpr qint64 migrationLockId = 0x48554e54415a45; // "HUNTAZE"
} // namespace

Migrator::Migrator(QString migrationsDirectory) : m_directory(std::move(migrationsDirectory))
{
    const QStringList names = QDir(m_directory).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const int version = name.section(u'_', 0, 0).toInt();
        if (version != m_files.size() + 1) {
            m_setupError = QStringLiteral("migration %1 is out of sequence in %2").arg(name, m_directory);
            break;
        }
        m_files.append(m_directory + u'/' + name);
    }
}

Result<int> Migrator::currentVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")))
        return storageError(QStringLiteral("create schema_migrations"), query.lastError());
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !query.next())
        return storageError(QStringLiteral("read schema version"), query.lastError());
    return query.value(0).toInt();
}

Result<int> Migrator::migrate(QSqlDatabase &db, std::optional<int> targetVersion) const
{
    if (!m_setupError.isEmpty())
        return Error{
            ErrorCode::Internal,
            QCoreApplication::translate("huntaze::Migrator", "This copy of Huntaze is damaged: its database upgrade steps are incomplete."),
            m_setupError,
            {}};
    const int target = targetVersion.value_or(latestVersion());
    Q_ASSERT(target >= 0 && target <= latestVersion());

    // Several huntaze-server instances may start at once against one
    // PostgreSQL database: one migrates, the others wait and find it done.
    const bool postgres = db.driverName() == QStringLiteral("QPSQL");
    QSqlQuery lock(db);
    if (postgres && !lock.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(migrationLockId)))
        return storageError(QStringLiteral("lock migrations"), lock.lastError());
    Result<int> migrated = migrateLocked(db, target);
    if (postgres && !lock.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(migrationLockId)))
        qCWarning(lcStorage) << "unlock migrations failed:" << lock.lastError().text();
    return migrated;
}

Result<int> Migrator::migrateLocked(QSqlDatabase &db, int target) const
{
    Result<int> current = currentVersion(db);
    if (!current.ok())
        return current;
    if (current.value() > latestVersion()) {
        return Error{
            ErrorCode::SchemaTooNew,
            QCoreApplication::translate("huntaze::Migrator",
                                        "Your data was saved by a newer version of Huntaze (data version %1; this version understands up "
                                        "to %2). Install the newer version to open it. Nothing was changed.")
                .arg(current.value())
                .arg(latestVersion()),
            QStringLiteral("schema %1 > known %2").arg(current.value()).arg(latestVersion()),
            {}};
    }
    for (int version = current.value() + 1; version <= target; ++version) {
        if (Result<void> applied = apply(db, version); !applied.ok())
            return applied.error();
    }
    return qMax(current.value(), target);
}

Result<void> Migrator::apply(QSqlDatabase &db, int version) const
{
    QFile file(m_files.at(version - 1));
    if (!file.open(QIODevice::ReadOnly))
        return Error{
            ErrorCode::Internal,
            QCoreApplication::translate("huntaze::Migrator", "This copy of Huntaze is damaged: a database upgrade step is missing."),
            file.fileName(),
            {}};
    const QString script = QString::fromUtf8(file.readAll());

    // SQLite: take the write lock before reading the version (BEGIN IMMEDIATE),
    // so two app instances starting together cannot both apply the same step.
    // PostgreSQL is already serialised by the advisory lock in migrate().
    const bool sqlite = db.driverName() == QStringLiteral("QSQLITE");
    QSqlQuery query(db);
    if (!query.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")))
        return storageError(QStringLiteral("begin migration"), query.lastError());
    auto rollBack = [&db](const QString &what, const QSqlError &error) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return storageError(what, error);
    };
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) || !query.next())
        return rollBack(QStringLiteral("read schema version"), query.lastError());
    if (query.value(0).toInt() >= version) {
        query.finish();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return Result<void>::success(); // another instance applied it meanwhile
    }
    query.finish();
    const QStringList statements = splitStatements(script);
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return rollBack(QStringLiteral("migration %1").arg(file.fileName()), query.lastError());
    }
    query.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
    query.addBindValue(version);
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!query.exec())
        return rollBack(QStringLiteral("record migration"), query.lastError());
    if (!query.exec(QStringLiteral("COMMIT")))
        return rollBack(QStringLiteral("commit migration"), query.lastError());
    qCInfo(lcStorage) << "applied migration" << file.fileName();
    return Result<void>::success();
}

QStringList Migrator::splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    QChar quote;
    bool lineComment = false;
    bool blockComment = false;
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < script.size() ? script.at(i + 1) : QChar();
        if (lineComment) {
            if (c == u'\n') {
                lineComment = false;
                current += c;
            }
            continue;
        }
        if (blockComment) {
            if (c == u'*' && next == u'/') {
                blockComment = false;
                ++i;
            }
            continue;
        }
        if (!quote.isNull()) {
            current += c;
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'-' && next == u'-') {
            lineComment = true;
            continue;
        }
        if (c == u'/' && next == u'*') {
            blockComment = true;
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c;
            current += c;
            continue;
        }
        // PostgreSQL's dollar quoting ($$ ... $$, $body$ ... $body$): function
        // bodies hold semicolons of their own.
        if (c == u'$') {
            qsizetype end = i + 1;
            while (end < script.size() && (script.at(end).isLetterOrNumber() || script.at(end) == u'_'))
                ++end;
            if (end < script.size() && script.at(end) == u'$') {
                const QString tag = script.mid(i, end - i + 1);
                const qsizetype close = script.indexOf(tag, end + 1);
                const qsizetype stop = close < 0 ? script.size() : close + tag.size();
                current += script.mid(i, stop - i);
                i = stop - 1;
                continue;
            }
        }
        if (c == u';') {
            if (!current.trimmed().isEmpty())
                statements.append(current.trimmed());
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

} // namespace huntaze
