#include "contentidea.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace huntaze {

QJsonObject ContentIdea::toJson() const
{
    return {{QStringLiteral("title"), title},
            {QStringLiteral("description"), description},
            {QStringLiteral("format"), format},
            {QStringLiteral("caption"), caption},
            {QStringLiteral("hashtags"), QJsonArray::fromStringList(hashtags)},
            {QStringLiteral("platform"), platform}};
}

ContentIdea ContentIdea::fromJson(const QJsonObject &json)
{
    ContentIdea idea;
    idea.title = json.value(QStringLiteral("title")).toString().trimmed();
    idea.description = json.value(QStringLiteral("description")).toString().trimmed();
    idea.format = json.value(QStringLiteral("format")).toString().trimmed();
    idea.caption = json.value(QStringLiteral("caption")).toString().trimmed();
    for (const auto &tag : json.value(QStringLiteral("hashtags")).toArray())
        idea.hashtags.append(tag.toString());
    idea.platform = json.value(QStringLiteral("platform")).toString();
    return idea;
}

QString IdeaRequest::coalescingKey() const
{
    QJsonObject key = profile.toJson();
    key.insert(QStringLiteral("platform"), platform);
    key.insert(QStringLiteral("count"), count);
    key.insert(QStringLiteral("theme"), theme.trimmed().toLower());
    key.insert(QStringLiteral("tone"), tone.trimmed().toLower());
    key.insert(QStringLiteral("popular"), QJsonArray::fromStringList(popularPurchases));
    return QStringLiteral("ideas-")
        + QString::fromLatin1(
               QCryptographicHash::hash(QJsonDocument(key).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex().left(16));
}

PlatformRules PlatformRules::of(const QString &platformId)
{
    // Caption limits are the platforms' own; hashtag counts are what each
    // platform allows or what works there (X: 2, Reddit: none).
    static const QHash<QString, PlatformRules> rules{
        {QStringLiteral("instagram"), {2200, 30}}, {QStringLiteral("tiktok"), {2200, 8}},  {QStringLiteral("x"), {280, 2}},
        {QStringLiteral("onlyfans"), {1000, 5}},   {QStringLiteral("fansly"), {1000, 10}}, {QStringLiteral("reddit"), {300, 0}},
        {QStringLiteral("youtube"), {5000, 15}},   {QStringLiteral("twitch"), {140, 5}},   {QStringLiteral("patreon"), {2000, 5}},
    };
    return rules.value(platformId, PlatformRules{1000, 5});
}

} // namespace huntaze
