#pragma once

#include "analytics/earnings.h"
#include "analytics/engagement.h"
#include "analytics/messages.h"
#include "domain/fan.h"

#include <QList>
#include <QTimeZone>

namespace huntaze::demodata {

// Believable sample data so a new user can try every tool at once: fans with
// varied spend and activity, and a history of paid offers at several prices
// whose sales follow a realistic demand curve. Deterministic for a given seed.
QList<Fan> fans(int count = 40, quint32 seed = 2026);
QList<Offer> offers(quint32 seed = 2026);
// Past posts whose engagement depends on their hashtags (some tags reliably do better).
QList<Post> posts(quint32 seed = 2026);

// A year of a creator's earnings ending with `lastDay`, so a newcomer sees a
// living Dashboard: subscribers who join (more at weekends and in winter,
// fewer in summer) and renew monthly or leave, tips and paid messages mostly
// in the evening of `zone`, a few whales who spend most, a stream a month.
// Amounts in `currency`, net 80% of gross. `audience` scales the number of
// subscribers (1: about 140 at the start). Deterministic for a given seed.
QList<analytics::EarningEvent> earnings(const QDate &lastDay, const QTimeZone &zone, const QString &currency, quint32 seed = 2026,
                                        double audience = 1.0);

// Ninety days of posts, about one a day, each with its likes, comments and
// views over its first week (most on the first day): evening and weekend
// posts draw more, so the Dashboard's top posts and best times show
// something real. Times in `zone`; deterministic for a given seed.
QList<analytics::PostEngagement> engagement(const QDate &lastDay, const QTimeZone &zone, quint32 seed = 2026);

// The team's conversations behind the last ninety days of `earnings`: each
// paid message a fan bought was sent a little after the fan wrote, a paid
// message the fan passed on the day before, and a free answer to each tipper.
// `members` take turns by the hour in `zone` (with two, the first works 08:00
// to 16:00 and answers faster); one member answers everything. Deterministic.
QList<analytics::MessageEvent> messages(const QList<analytics::EarningEvent> &earnings, const QList<qint64> &members, const QDate &lastDay,
                                        const QTimeZone &zone, quint32 seed = 2026);

// The demo agency's two chatters: each works every creator, the first from
// 08:00 to 16:00 and the second from 16:00 to midnight (the creators' time),
// as messages() has them take turns. They have no password: nobody signs in as them.
struct Chatter {
    QString email; // the team views name members by email
    int shiftStartHour;
};
QList<Chatter> chatters();

// The demo agency's creators besides the owner's own: a bigger and a smaller
// one, so that the agency view has something to compare.
struct DemoCreator {
    QString displayName;
    QString niche;
    quint32 seed;
    double audience;
};
QList<DemoCreator> moreCreators();

} // namespace huntaze::demodata
