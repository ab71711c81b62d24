#pragma once

#include "agency/membership.h"
#include "common/result.h"
#include "storage/creatorset.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <array>

namespace huntaze {

// The spenders of every period of a preset length (7, 30, 90 days, a year of
// 365 or 366 days) ending on any day, kept by day in earning_spender_days
// (issue 12). The Dashboard compares a period with the one just before, which
// reaches neither end of the data: counting its distinct fans over the
// fan-days took 1.1 s for the previous year of a creator with ten million
// lines. Summing this table up to the period's last day reads at most a row
// per day.
//
// A fan who paid on day p counts in the periods of length n ending on the
// days from p to the day before min(p + n, their next purchase day): there
// their purchase on p is the last one within the period. Each purchase day
// adds one on p and takes one away on that end, so the spenders of a period
// are the sum of the changes up to its last day.
class SpenderWindows
{
public:
    static constexpr std::array<int, 5> lengths{7, 30, 90, 365, 366};

    // Whether a period's spenders can be summed here: its length is one of `lengths`.
    static bool covers(const QDate &from, const QDate &to);

    // For each of `creators` with a spender, the fans who paid on the local
    // days `from` to `to` (which covers() must accept).
    static Result<QHash<qint64, qint64>> count(QSqlDatabase &db, const CreatorSet &creators, const QDate &from, const QDate &to);

    // Counts the days on which fans paid in an import: `bought` holds, for
    // each fan, the days this import adds a purchase to. Runs in the import's
    // transaction before it writes its fan-days, which it reads as they were.
    static Result<void> add(QSqlDatabase &db, const agency::CreatorScope &scope, const QHash<QString, QList<QDate>> &bought);

    // A day on which a fan pays for the first time, with the fan's purchase
    // days just before and after it before the import (invalid: none).
    struct NewPurchaseDay {
        QDate day;
        QDate previous;
        QDate next;
    };
    // Period length and day: a row of earning_spender_days.
    struct Key {
        int length = 0;
        QDate day;
        friend bool operator==(const Key &, const Key &) = default;
    };
    // What a fan's new purchase days (in day order) change in the windows:
    // each adds its own; the purchase day before it, if any, now ends at it.
    static void addChanges(const QList<NewPurchaseDay> &days, QHash<Key, qint64> &changes);
};

size_t qHash(const SpenderWindows::Key &key, size_t seed = 0);

} // namespace huntaze
