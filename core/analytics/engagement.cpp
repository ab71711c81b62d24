#include "engagement.h"

#include "analytics/earnings.h"
#include "domain/rules.h"

#include <QCoreApplication>

namespace huntaze::analytics {

namespace {
constexpr int maxPostLength = 500; // an id, or a link to the post
} // namespace

Result<PostEngagement> PostEngagement::parse(const QJsonObject &json, const QString &)
{
    PostEngagement line;
    const Result<QString> post = jsonfield::requiredString(json, QStringLiteral("post"), maxPostLength);
    if (!post.ok())
        return post.error();
    line.post = post.value().trimmed();
    if (line.post.isEmpty())
        return Error::validation(QStringLiteral("post"),
                                 QCoreApplication::translate("huntaze::analytics", "Name the post (its id or link)."));

    const Result<QDateTime> postedAt = requiredInstant(json, QStringLiteral("postedAt"));
    if (!postedAt.ok())
        return postedAt.error();
    line.postedAt = postedAt.value();

    const Result<QDate> day = jsonfield::optionalDate(json, QStringLiteral("day"));
    if (!day.ok())
        return day.error();
    line.day = day.value();
    // A day before the post went up (in any time zone) has no figures of it.
    if (line.day.isValid() && line.day < line.postedAt.date().addDays(-1))
        return Error::validation(QStringLiteral("day"),
                                 QCoreApplication::translate("huntaze::analytics", "The day is before the post went up."));
    if (line.day.isValid() && line.day.year() > 2100)
        return Error::validation(QStringLiteral("day"),
                                 QCoreApplication::translate("huntaze::analytics", "The date must be between the years 2000 and 2100."));

    for (const auto &[key, count] : {std::pair(QStringLiteral("likes"), &line.likes), std::pair(QStringLiteral("comments"), &line.comments),
                                     std::pair(QStringLiteral("views"), &line.views)}) {
        const Result<qint64> value = jsonfield::optionalWholeNumber(json, key, 0, rules::maxCount, 0);
        if (!value.ok())
            return value.error();
        *count = value.value();
    }

    const Result<QString> caption = jsonfield::optionalString(json, QStringLiteral("caption"), rules::maxCaptionLength);
    if (!caption.ok())
        return caption.error();
    line.caption = caption.value().trimmed();
    return line;
}

QJsonObject PostEngagement::toJson() const
{
    QJsonObject json{{QStringLiteral("post"), post},
                     {QStringLiteral("postedAt"), postedAt.toUTC().toString(Qt::ISODateWithMs)},
                     {QStringLiteral("likes"), likes},
                     {QStringLiteral("comments"), comments},
                     {QStringLiteral("views"), views}};
    if (day.isValid())
        json.insert(QStringLiteral("day"), day.toString(Qt::ISODate));
    if (!caption.isEmpty())
        json.insert(QStringLiteral("caption"), caption);
    return json;
}

QJsonObject TopPost::toJson() const
{
    return {{QStringLiteral("post"), post},
            {QStringLiteral("caption"), caption},
            {QStringLiteral("postedAt"), postedAt.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("likes"), likes},
            {QStringLiteral("comments"), comments},
            {QStringLiteral("views"), views}};
}

TopPost TopPost::fromJson(const QJsonObject &json)
{
    TopPost top;
    top.post = json.value(QStringLiteral("post")).toString();
    top.caption = json.value(QStringLiteral("caption")).toString();
    top.postedAt = QDateTime::fromString(json.value(QStringLiteral("postedAt")).toString(), Qt::ISODateWithMs).toUTC();
    top.likes = json.value(QStringLiteral("likes")).toInteger();
    top.comments = json.value(QStringLiteral("comments")).toInteger();
    top.views = json.value(QStringLiteral("views")).toInteger();
    return top;
}

std::optional<double> PostingHeatmap::average(int weekday, int hour) const
{
    const qint64 count = posts.at(weekday).at(hour);
    if (count == 0)
        return std::nullopt;
    return static_cast<double>(interactions.at(weekday).at(hour)) / static_cast<double>(count);
}

PostingHeatmap postingHeatmap(const QList<PostingHour> &hours)
{
    PostingHeatmap heatmap;
    for (const PostingHour &hour : hours) {
        if (hour.weekday < 1 || hour.weekday > 7 || hour.hour < 0 || hour.hour > 23)
            continue;
        heatmap.posts[hour.weekday - 1][hour.hour] += hour.posts;
        heatmap.interactions[hour.weekday - 1][hour.hour] += hour.interactions;
    }
    return heatmap;
}

} // namespace huntaze::analytics
