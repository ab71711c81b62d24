#include "demodata.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <array>
#include <cmath>

namespace huntaze::demodata {

QList<Fan> fans(int count, quint32 seed)
{
    static const char *firstNames[] = {"Alex",  "Jordan", "Sam", "Chris", "Taylor", "Morgan", "Jamie", "Riley", "Casey", "Drew",
                                       "Lucas", "Hugo",   "Léa", "Noah",  "Emma",   "Louis",  "Chloé", "Mateo", "Nina",  "Enzo"};
    static const char *lastInitials = "ABCDEFGHJKLMNPRSTVW";
    static const char *purchases[] = {"Beach photo set",   "Behind-the-scenes video",
                                      "Custom voice note", "Gym session video",
                                      "Cosplay set",       "Live replay",
                                      "Polaroid bundle",   ""};
    static const char *tagPool[] = {"vip", "new", "loves-cosplay", "night-owl", "big-tipper", "quiet", "birthday-this-month"};
    QRandomGenerator random(seed);
    const QDate today = QDate::currentDate();
    QList<Fan> result;
    for (int i = 0; i < count; ++i) {
        Fan fan;
        fan.name = QString::fromUtf8(firstNames[random.bounded(20)]) + u' ' + QChar::fromLatin1(lastInitials[random.bounded(19)]) + u'.';
        // Spend is heavy-tailed: a few fans spend most, as on every platform.
        fan.totalSpend = std::round(std::pow(random.generateDouble(), 3.0) * 900.0 * 100.0) / 100.0;
        fan.lastPurchase = QString::fromUtf8(purchases[random.bounded(8)]);
        fan.lastActive = today.addDays(-static_cast<qint64>(std::pow(random.generateDouble(), 2.0) * 90.0));
        const int tagCount = random.bounded(3);
        for (int t = 0; t < tagCount; ++t) {
            const QString tag = QString::fromLatin1(tagPool[random.bounded(7)]);
            if (!fan.tags.contains(tag))
                fan.tags.append(tag);
        }
        if (fan.totalSpend > 300 && !fan.tags.contains(QStringLiteral("vip")))
            fan.tags.append(QStringLiteral("vip"));
        result.append(fan);
    }
    return result;
}

QList<Offer> offers(quint32 seed)
{
    // Demand: logistic, 30 % would buy at $0 and fewer with every dollar; revenue peaks near $11.
    static const char *titles[] = {"Sunset set", "Workout video", "Cosplay preview", "Voice note", "Weekend bundle", "Live replay"};
    QRandomGenerator random(seed);
    const QDate today = QDate::currentDate();
    const double prices[] = {5, 8, 10, 12, 15, 18, 20, 25, 30};
    QList<Offer> result;
    for (int i = 0; i < 24; ++i) {
        Offer offer;
        offer.price = prices[random.bounded(9)];
        offer.title = QString::fromLatin1(titles[random.bounded(6)]);
        offer.recipients = 150 + random.bounded(250);
        const double p = 1.0 / (1.0 + std::exp(-(-0.85 - 0.1 * offer.price)));
        for (int fan = 0; fan < offer.recipients; ++fan)
            offer.purchases += random.generateDouble() < p ? 1 : 0;
        offer.sentOn = today.addDays(-7 * (24 - i));
        result.append(offer);
    }
    return result;
}

QList<Post> posts(quint32 seed)
{
    struct Tag {
        const char *name;
        int lift; // extra engagement a post with this tag tends to get
    };
    static const Tag tags[] = {{"behindthescenes", 260}, {"fitness", 120}, {"gymlife", 90}, {"motivation", 40},
                               {"morning", 20},          {"newpost", 0},   {"selfie", -30}, {"tbt", -50}};
    QRandomGenerator random(seed);
    const QDate today = QDate::currentDate();
    QList<Post> result;
    for (int i = 0; i < 30; ++i) {
        Post post;
        post.platform = QStringLiteral("instagram");
        post.caption = QStringLiteral("Post %1").arg(i + 1);
        int engagement = 150 + random.bounded(80);
        const int tagCount = 2 + random.bounded(3);
        for (int t = 0; t < tagCount; ++t) {
            const Tag &tag = tags[random.bounded(8)];
            const QString name = QString::fromLatin1(tag.name);
            if (post.hashtags.contains(name))
                continue;
            post.hashtags.append(name);
            engagement += tag.lift;
        }
        post.engagement = std::max(0, engagement);
        post.postedOn = today.addDays(-3 * (30 - i));
        result.append(post);
    }
    return result;
}

namespace {

using analytics::EarningEvent;
using analytics::EarningKind;

struct DemoFan {
    QString name;
    bool whale = false;
    QDate renewsOn; // invalid once they left
};

// An hour of the day fans pay at: mostly evenings, some at lunch, few at night.
int payingHour(QRandomGenerator &random)
{
    static const int weights[24] = {3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 4, 5, 7, 6, 4, 4, 5, 6, 8, 10, 12, 13, 11, 6};
    int total = 0;
    for (int weight : weights)
        total += weight;
    int pick = random.bounded(total);
    for (int hour = 0; hour < 24; ++hour) {
        pick -= weights[hour];
        if (pick < 0)
            return hour;
    }
    return 21;
}

} // namespace

QList<EarningEvent> earnings(const QDate &lastDay, const QTimeZone &zone, const QString &currency, quint32 seed, double audience)
{
    QRandomGenerator random(seed);
    QList<EarningEvent> events;
    QList<DemoFan> subscribers;
    int nextFan = 0;
    const auto at
        = [&](const QDate &day) { return QDateTime(day, QTime(payingHour(random), random.bounded(60), random.bounded(60)), zone).toUTC(); };
    const auto add = [&](const QDate &day, EarningKind kind, qint64 grossCents, const QString &fan) {
        events.append(EarningEvent{at(day), kind, grossCents, grossCents * 8 / 10, currency, fan, {}, 0});
    };
    const auto join = [&](const QDate &day) {
        DemoFan fan;
        fan.name = QStringLiteral("fan%1").arg(++nextFan, 4, 10, QLatin1Char('0'));
        fan.whale = random.bounded(100) < 4;
        fan.renewsOn = day.addMonths(1);
        add(day, EarningKind::NewSubscription, 999, fan.name);
        subscribers.append(fan);
    };
    const QDate first = lastDay.addDays(-364);
    // Subscribers from before the year: their history starts with a renewal (no cohort).
    for (int i = 0; i < std::lround(140 * audience); ++i) {
        DemoFan fan;
        fan.name = QStringLiteral("fan%1").arg(++nextFan, 4, 10, QLatin1Char('0'));
        fan.whale = random.bounded(100) < 4;
        fan.renewsOn = first.addDays(random.bounded(30));
        subscribers.append(fan);
    }
    for (QDate day = first; day <= lastDay; day = day.addDays(1)) {
        // Winter is high season, summer low; weekends bring more new fans.
        const double season = 1.0 + 0.35 * std::cos((day.dayOfYear() - 15) * 2.0 * M_PI / 365.0);
        const double weekend = day.dayOfWeek() >= 6 ? 1.4 : 1.0;
        const int joining = static_cast<int>(std::lround(2.2 * audience * season * weekend * (0.5 + random.generateDouble())));
        for (int i = 0; i < joining; ++i)
            join(day);
        int activeToday = 0;
        for (DemoFan &fan : subscribers) {
            if (!fan.renewsOn.isValid())
                continue;
            if (fan.renewsOn == day) {
                // Most renew; whales nearly always; a little worse in summer.
                const int stays = fan.whale ? 97 : static_cast<int>(68 + 8 * season);
                if (random.bounded(100) < stays) {
                    add(day, EarningKind::Renewal, 999, fan.name);
                    fan.renewsOn = day.addMonths(1);
                } else {
                    add(day, EarningKind::ExpiredSubscription, 0, fan.name);
                    fan.renewsOn = QDate();
                    continue;
                }
            }
            ++activeToday;
            if (fan.whale ? random.bounded(100) < 30 : random.bounded(1000) < 12)
                add(day, EarningKind::Tip, fan.whale ? 2000 + random.bounded(18000) : 300 + random.bounded(1700), fan.name);
            if (fan.whale ? random.bounded(100) < 15 : random.bounded(1000) < 6)
                add(day, EarningKind::PaidMessage, fan.whale ? 2500 + random.bounded(7500) : 800 + random.bounded(1200), fan.name);
        }
        // A mass message twice a week, bought by a share of the active fans.
        if (day.dayOfWeek() == 2 || day.dayOfWeek() == 5) {
            const qint64 price = 500 + 100 * random.bounded(15);
            for (const DemoFan &fan : std::as_const(subscribers)) {
                if (fan.renewsOn.isValid() && random.bounded(100) < (fan.whale ? 60 : 7))
                    add(day, EarningKind::MassMessage, price, fan.name);
            }
        }
        // A stream on the first Saturday of the month, with tips.
        if (day.dayOfWeek() == 6 && day.day() <= 7) {
            for (const DemoFan &fan : std::as_const(subscribers)) {
                if (fan.renewsOn.isValid() && random.bounded(100) < 10)
                    add(day, EarningKind::Stream, 500 + random.bounded(4500), fan.name);
            }
        }
        if (random.bounded(100) < 20 && activeToday > 0)
            add(day, EarningKind::PaidPost, 1500, subscribers.at(random.bounded(static_cast<int>(subscribers.size()))).name);
        if (random.bounded(100) < 3)
            add(day, EarningKind::Referral, 1000 + random.bounded(4000), QString());
    }
    return events;
}

QList<analytics::PostEngagement> engagement(const QDate &lastDay, const QTimeZone &zone, quint32 seed)
{
    QRandomGenerator random(seed);
    static const QStringList captions{QStringLiteral("Golden hour"),       QStringLiteral("Sunday mood"),
                                      QStringLiteral("New set preview"),   QStringLiteral("Gym day"),
                                      QStringLiteral("Behind the scenes"), QStringLiteral("Beach walk"),
                                      QStringLiteral("Coffee first"),      QStringLiteral("Q&A tonight")};
    QList<analytics::PostEngagement> lines;
    for (int daysBack = 89; daysBack >= 0; --daysBack) {
        const QDate day = lastDay.addDays(-daysBack);
        if (random.bounded(10) < 2)
            continue; // a day without a post
        // Mornings, afternoons or evenings; evenings and weekends draw more.
        const int hour = std::array{9, 13, 18, 20, 21, 22}[random.bounded(6)];
        const double pull = (hour >= 20 ? 1.8 : 1.0) * (day.dayOfWeek() >= 6 ? 1.4 : 1.0) * (0.6 + random.generateDouble());
        const QDateTime postedAt(day, QTime(hour, random.bounded(60)), zone);
        const QString post = QStringLiteral("demo-%1").arg(day.toString(QStringLiteral("yyyyMMdd")));
        for (int age = 0; age < 7 && day.addDays(age) <= lastDay; ++age) {
            const double share = age == 0 ? 0.6 : 0.4 / 6; // most on the first day
            analytics::PostEngagement line;
            line.post = post;
            line.postedAt = postedAt.toUTC();
            line.day = day.addDays(age);
            line.likes = std::llround(300 * pull * share);
            line.comments = std::llround(25 * pull * share);
            line.views = std::llround(4000 * pull * share);
            if (age == 0)
                line.caption = captions.at(random.bounded(static_cast<int>(captions.size())));
            lines.append(line);
        }
    }
    return lines;
}

QList<analytics::MessageEvent> messages(const QList<EarningEvent> &earnings, const QList<qint64> &members, const QDate &lastDay,
                                        const QTimeZone &zone, quint32 seed)
{
    QList<analytics::MessageEvent> log;
    if (members.isEmpty())
        return log;
    QRandomGenerator random(seed);
    const QDate first = lastDay.addDays(-89);
    // Who is on at an instant, and how long they take to answer.
    const auto memberAt = [&](const QDateTime &at) {
        const int hour = at.toTimeZone(zone).time().hour();
        const qsizetype index = members.size() == 2 ? (hour >= 8 && hour < 16 ? 0 : 1) : hour * members.size() / 24;
        return index;
    };
    const auto wait = [&](qsizetype member) { return member == 0 ? 20 + random.bounded(400) : 60 + random.bounded(2400); };
    const auto exchange = [&](const QDateTime &fanWrites, const QString &fan, qint64 priceCents, bool bought) {
        const qsizetype member = memberAt(fanWrites);
        log.append({fanWrites, true, fan, 0, 0, false, {}, {}});
        log.append({fanWrites.addSecs(wait(member)), false, fan, members.at(member), priceCents, bought, {}, {}});
    };
    for (const EarningEvent &event : earnings) {
        if (event.fan.isEmpty() || event.occurredAt.toTimeZone(zone).date() < first)
            continue;
        if (event.kind == EarningKind::PaidMessage) {
            // The day before, an offer passed on; then the one bought, an hour or less after it was sent.
            exchange(event.occurredAt.addDays(-1).addSecs(-random.bounded(3600)), event.fan, event.grossCents, false);
            exchange(event.occurredAt.addSecs(-3000 - random.bounded(600)), event.fan, event.grossCents, true);
        } else if (event.kind == EarningKind::Tip) {
            exchange(event.occurredAt.addSecs(60 + random.bounded(600)), event.fan, 0, false); // "thank you!"
        }
    }
    return log;
}

QList<Chatter> chatters()
{
    return {{QStringLiteral("lea@demo-agency.invalid"), 8}, {QStringLiteral("sam@demo-agency.invalid"), 16}};
}

QList<DemoCreator> moreCreators()
{
    return {{QStringLiteral("Mia Sol (demo)"), QStringLiteral("Fitness"), 2027, 1.6},
            {QStringLiteral("Zoé Lune (demo)"), QStringLiteral("Cosplay"), 2028, 0.6}};
}

} // namespace huntaze::demodata
