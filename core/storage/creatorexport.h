#pragma once

#include "agency/membership.h"
#include "analytics/earnings.h"
#include "analytics/engagement.h"
#include "analytics/messages.h"
#include "common/result.h"
#include "domain/draft.h"
#include "domain/fan.h"
#include "domain/profile.h"

#include <QList>
#include <QSqlDatabase>

namespace huntaze {

// Some of a creator's lines, and where the next ones start (0: none left).
template <typename T> struct LinePage {
    QList<T> lines;
    qint64 next = 0;
};

// A creator's statement, message log and engagement lines read back as the
// imports take them (issue 13: moving the data on this computer to a server),
// a page at a time in the order they were stored, so a creator with millions
// of lines moves in bounded memory. Lines read back import as the same lines:
// importing them twice adds nothing.
class CreatorExport
{
public:
    CreatorExport(QSqlDatabase &db, agency::CreatorScope scope) : m_db(db), m_scope(scope) {}

    struct Counts {
        qint64 earnings = 0;
        qint64 messages = 0;
        qint64 engagement = 0; // post days
    };
    Result<Counts> counts();
    // Up to `limit` lines after `after` (0: from the first).
    Result<LinePage<analytics::EarningEvent>> earnings(qint64 after, int limit);
    Result<LinePage<analytics::MessageEvent>> messages(qint64 after, int limit);
    Result<LinePage<analytics::PostEngagement>> engagement(qint64 after, int limit);

    // Everything but the lines: what moves in one go.
    struct Holdings {
        Profile profile;
        QList<Fan> fans;
        QList<Offer> offers;
        QList<Post> posts;
        QJsonObject preferences;
        QList<Draft> drafts; // live ones
        Counts lines;
    };
    Result<Holdings> holdings();

private:
    QSqlDatabase &m_db;
    agency::CreatorScope m_scope;
};

} // namespace huntaze
