#include "fanmessagecontext.h"

#include "domain/money.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <limits>
#include <vector>

namespace huntaze {

namespace {

// Top spenders: the top tenth of fans by spend (at least one), or anyone tagged vip.
bool isTopSpender(const Fan &fan, double threshold)
{
    if (fan.tags.contains(QStringLiteral("vip"), Qt::CaseInsensitive))
        return true;
    return fan.totalSpend > 0 && fan.totalSpend >= threshold;
}

} // namespace

double topSpenderThreshold(const QList<Fan> &allFans)
{
    if (allFans.isEmpty())
        return std::numeric_limits<double>::infinity();
    std::vector<double> spends;
    spends.reserve(static_cast<size_t>(allFans.size()));
    for (const Fan &fan : allFans)
        spends.push_back(fan.totalSpend);
    const auto top = static_cast<size_t>(std::max<qsizetype>(1, allFans.size() / 10)) - 1;
    std::nth_element(spends.begin(), spends.begin() + static_cast<std::ptrdiff_t>(top), spends.end(), std::greater<>());
    return spends[top];
}

QHash<QString, QString> fanMessageValues(const Fan &fan, const Profile &creator, const QList<Fan> &allFans, const QDate &today,
                                         const QString &currency)
{
    return fanMessageValues(fan, creator, topSpenderThreshold(allFans), today, currency);
}

QHash<QString, QString> fanMessageValues(const Fan &fan, const Profile &creator, double topSpenderThreshold, const QDate &today,
                                         const QString &currency)
{
    const int inactive = fan.daysInactive(today);
    return {
        {QStringLiteral("fan.first_name"), fan.firstName()},
        {QStringLiteral("fan.name"), fan.name},
        {QStringLiteral("fan.last_purchase"), fan.lastPurchase},
        {QStringLiteral("fan.total_spend"), fan.totalSpend > 0 ? money::format(fan.totalSpend, currency) : QString()},
        {QStringLiteral("fan.days_inactive"), inactive >= 0 ? QString::number(inactive) : QString()},
        {QStringLiteral("fan.tags"), fan.tags.join(QStringLiteral(", "))},
        {QStringLiteral("fan.is_top_spender"), isTopSpender(fan, topSpenderThreshold) ? QStringLiteral("true") : QString()},
        {QStringLiteral("creator.name"), creator.displayName},
        {QStringLiteral("creator.niche"), creator.niche},
    };
}

QList<MessageStarter> messageStarters()
{
    return {
        {QCoreApplication::translate("huntaze::fanmessages", "Re-engage fans who went quiet"),
         QCoreApplication::translate(
             "huntaze::fanmessages",
             "Hey {{fan.first_name|you}}, I've missed you around here! "
             "{{#fan.last_purchase}}You loved {{fan.last_purchase}}, so I saved something similar just for you. {{/fan.last_purchase}}"
             "Come say hi? 💕 {{creator.name}}")},
        {QCoreApplication::translate("huntaze::fanmessages", "Thank a top spender"),
         QCoreApplication::translate("huntaze::fanmessages",
                                     "{{fan.first_name|Babe}}, {{#fan.is_top_spender}}you're one of my favourite people here and "
                                     "{{/fan.is_top_spender}}I wanted to say thank you. Something special is coming your way first. "
                                     "— {{creator.name}}")},
        {QCoreApplication::translate("huntaze::fanmessages", "Tease new content"),
         QCoreApplication::translate("huntaze::fanmessages",
                                     "Hi {{fan.first_name|there}}! New {{creator.niche|content}} drops tonight and I think you'll love it. "
                                     "{{^fan.last_purchase}}It's the perfect place to start. {{/fan.last_purchase}}Want a sneak peek?")},
    };
}

} // namespace huntaze
