#pragma once

#include "common/result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// The value rules every stored field obeys, in one place: the CSV reader,
// both backends and huntaze-server call these, so a row that one of them
// accepts is a row the others accept, and the database can always hold it.
// Each limit is listed in docs/server.md.
namespace huntaze::rules {

// Texts
inline constexpr int maxNameLength = 200; // fan names, offer titles, a fan's last purchase
inline constexpr int maxLabelLength = 100; // one tag, hashtag or platform
inline constexpr int maxLabelsPerRow = 50; // tags of a fan, hashtags of a post
inline constexpr int maxCaptionLength = 5000; // a past post's caption
inline constexpr int maxDraftTitleLength = 200;
inline constexpr int maxDraftBodyLength = 20000; // a draft's caption or template, and its notes
inline constexpr int maxDraftMedia = 20; // files a post draft refers to
inline constexpr int maxMediaReferenceLength = 2000; // one file's path or URL
inline constexpr int maxPreferenceBytes = 64 * 1024; // a preference value, as compact JSON

// Numbers. Money is stored as numeric(12,2) on PostgreSQL; counts are summed
// over thousands of rows, so each one stays far below what 64 bits can add.
inline constexpr double maxMoney = 1'000'000'000.0;
inline constexpr qint64 maxCount = 1'000'000'000;

// The first character a stored text may not contain, if any: U+0000
// (PostgreSQL text cannot hold it, and C APIs cut the text there) or half of
// a surrogate pair (not Unicode: it would silently become "?").
std::optional<qsizetype> forbiddenCharacter(QStringView text);

// At most maxLength characters (UTF-16 units), none forbidden.
Result<void> text(const QString &field, QStringView value, int maxLength);
// The same, and not blank.
Result<void> requiredText(const QString &field, QStringView value, int maxLength, const QString &whenEmpty);

// An amount of money: finite, from 0 (or above 0) to maxMoney, whole cents.
enum class Zero { Allowed, Refused };
Result<double> money(const QString &field, double value, Zero zero);
// A whole number from minimum to maximum; a value with a fraction, or out of
// range, is refused before any conversion (no silent truncation, no overflow).
Result<qint64> wholeNumber(const QString &field, double value, qint64 minimum, qint64 maximum);

// A list of short labels (tags, hashtags): each one a text of at most
// maxLabelLength, at most maxLabelsPerRow of them.
Result<void> labels(const QString &field, const QStringList &values);

// An IANA time zone id this computer knows ("Europe/Paris", "Etc/UTC"):
// printable ASCII, at most 64 characters.
bool isKnownTimeZone(QStringView id);

// An identity made where a row is first written (a draft, a synced row): a
// UUID in any of its spellings, answered in its one stored form (lowercase,
// no braces); none when the text is not a UUID.
std::optional<QString> uuid(QStringView text);

// A preference value (any JSON), small enough to keep.
Result<void> preferenceValue(const QJsonValue &value);
// A preference's name: a letter followed by up to 63 letters, digits, dots, dashes or underscores.
Result<void> preferenceKey(const QString &key);

} // namespace huntaze::rules

// Typed reading of JSON fields: a present field of the wrong type is an
// error naming it, never silently zero or empty.
namespace huntaze::jsonfield {

Result<QString> requiredString(const QJsonObject &json, const QString &key, int maxLength);
Result<QString> optionalString(const QJsonObject &json, const QString &key, int maxLength, const QString &fallback = {});
Result<qint64> optionalWholeNumber(const QJsonObject &json, const QString &key, qint64 minimum, qint64 maximum, qint64 fallback);
Result<double> optionalMoney(const QJsonObject &json, const QString &key, rules::Zero zero, double fallback);
Result<double> requiredMoney(const QJsonObject &json, const QString &key, rules::Zero zero);
Result<QJsonArray> requiredArray(const QJsonObject &json, const QString &key, int maxItems);
// A list of strings; absent is empty.
Result<QStringList> optionalStrings(const QJsonObject &json, const QString &key);
// "YYYY-MM-DD"; absent or empty is an invalid (unknown) date.
Result<QDate> optionalDate(const QJsonObject &json, const QString &key);
// An instant with its offset, "2026-12-05T08:00:00Z" (ISO 8601), in UTC;
// absent or empty is an invalid (unknown) instant.
Result<QDateTime> optionalInstant(const QJsonObject &json, const QString &key);

// Prefixes a field error with where the object sits: "offers[3]" + "price"
// gives "offers[3].price".
Error within(const QString &path, Error error);

} // namespace huntaze::jsonfield
