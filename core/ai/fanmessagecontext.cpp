#include "fanmessagecontext.h"

#include "domain/money.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace huntaze {

namespace {

// Top spenders: the top tenth of fans by spend (at least one), or anyone tagged vip.
bool isTopSpender(const Fan &fan, const QList<Fan> &allFans)
{
    if (fan.tags.contains(QStringLiteral("vip"), Qt::CaseInsensitive))
        return true;
    if (fan.totalSpend <= 0 || allFans.isEmpty())
        return false;
    QList<double> spends;
    for (const Fan &other : allFans)
        spends.append(other.totalSpend);
    std::sort(spends.begin(), spends.end(), std::greater<>());
    const qsizetype topCount = std::max<qsizetype>(1, spends.size() / 10);
    return fan.totalSpend >= spends.at(topCount - 1);
}

} // namespace

QHash<QString, QString> fanMessageValues(const Fan &fan, const Profile &creator, const QList<Fan> &allFans, const QDate &today,
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
        {QStringLiteral("fan.is_top_spender"), isTopSpender(fan, allFans) ? QStringLiteral("true") : QString()},
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
