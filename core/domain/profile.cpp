#include "profile.h"

#include "domain/rules.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimeZone>

#include <algorithm>

namespace huntaze {

QTimeZone Profile::zone() const
{
    const QTimeZone chosen(timeZone.toUtf8());
    return chosen.isValid() ? chosen : QTimeZone::utc();
}

bool Profile::isComplete() const
{
    return !displayName.isEmpty() && !niche.isEmpty() && !audience.isEmpty() && !tone.isEmpty() && !platforms.isEmpty()
        && !timeZone.isEmpty();
}

QJsonObject Profile::toJson() const
{
    return QJsonObject{
        {QStringLiteral("displayName"), displayName},
        {QStringLiteral("niche"), niche},
        {QStringLiteral("audience"), audience},
        {QStringLiteral("tone"), tone},
        {QStringLiteral("platforms"), QJsonArray::fromStringList(platforms)},
        {QStringLiteral("timeZone"), timeZone},
    };
}

Profile Profile::fromJson(const QJsonObject &json)
{
    Profile profile;
    profile.displayName = json.value(QStringLiteral("displayName")).toString();
    profile.niche = json.value(QStringLiteral("niche")).toString();
    profile.audience = json.value(QStringLiteral("audience")).toString();
    profile.tone = json.value(QStringLiteral("tone")).toString();
    for (const auto &platform : json.value(QStringLiteral("platforms")).toArray())
        profile.platforms.append(platform.toString());
    profile.timeZone = json.value(QStringLiteral("timeZone")).toString();
    return profile;
}

Result<Profile> Profile::parse(const QJsonObject &json)
{
    Profile profile;
    const std::pair<const char *, QString *> texts[] = {{"displayName", &profile.displayName},
                                                        {"niche", &profile.niche},
                                                        {"audience", &profile.audience},
                                                        {"tone", &profile.tone},
                                                        {"timeZone", &profile.timeZone}};
    for (const auto &[key, into] : texts) {
        // Lengths are checked after trimming, by validateProfile.
        Result<QString> text = jsonfield::optionalString(json, QString::fromLatin1(key), INT_MAX);
        if (!text.ok())
            return text.error();
        *into = text.value();
    }
    Result<QStringList> platforms = jsonfield::optionalStrings(json, QStringLiteral("platforms"));
    if (!platforms.ok())
        return platforms.error();
    profile.platforms = platforms.value();
    return validateProfile(profile);
}

Result<Profile> validateProfile(Profile profile)
{
    profile.displayName = profile.displayName.simplified();
    profile.niche = profile.niche.simplified();
    profile.audience = profile.audience.trimmed();
    profile.tone = profile.tone.simplified();
    profile.timeZone = profile.timeZone.trimmed();

    if (profile.displayName.isEmpty())
        return Error::validation(QStringLiteral("displayName"),
                                 QCoreApplication::translate("huntaze::Profile", "Enter the name your fans know you by."));
    const std::pair<const char *, std::pair<const QString *, int>> texts[] = {
        {"displayName", {&profile.displayName, Profile::maxDisplayNameLength}},
        {"niche", {&profile.niche, Profile::maxNicheLength}},
        {"audience", {&profile.audience, Profile::maxAudienceLength}},
        {"tone", {&profile.tone, Profile::maxToneLength}},
        {"timeZone", {&profile.timeZone, rules::maxLabelLength}},
    };
    for (const auto &[field, text] : texts) {
        if (Result<void> ok = rules::text(QString::fromLatin1(field), *text.first, text.second); !ok.ok())
            return ok.error();
    }

    const QStringList known = platforms::all();
    for (const QString &platform : std::as_const(profile.platforms)) {
        if (!known.contains(platform))
            return Error::validation(QStringLiteral("platforms"),
                                     QCoreApplication::translate("huntaze::Profile", "Unknown platform \"%1\".").arg(platform));
    }
    std::sort(profile.platforms.begin(), profile.platforms.end());
    profile.platforms.erase(std::unique(profile.platforms.begin(), profile.platforms.end()), profile.platforms.end());

    if (!profile.timeZone.isEmpty() && !rules::isKnownTimeZone(profile.timeZone))
        return Error::validation(
            QStringLiteral("timeZone"),
            QCoreApplication::translate("huntaze::Profile", "\"%1\" is not a time zone this computer knows.").arg(profile.timeZone));
    return profile;
}

namespace platforms {

QStringList all()
{
    return {QStringLiteral("fansly"),  QStringLiteral("instagram"), QStringLiteral("onlyfans"),
            QStringLiteral("patreon"), QStringLiteral("reddit"),    QStringLiteral("tiktok"),
            QStringLiteral("twitch"),  QStringLiteral("x"),         QStringLiteral("youtube")};
}

QString displayName(const QString &id)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("fansly"), QStringLiteral("Fansly")},     {QStringLiteral("instagram"), QStringLiteral("Instagram")},
        {QStringLiteral("onlyfans"), QStringLiteral("OnlyFans")}, {QStringLiteral("patreon"), QStringLiteral("Patreon")},
        {QStringLiteral("reddit"), QStringLiteral("Reddit")},     {QStringLiteral("tiktok"), QStringLiteral("TikTok")},
        {QStringLiteral("twitch"), QStringLiteral("Twitch")},     {QStringLiteral("x"), QStringLiteral("X (Twitter)")},
        {QStringLiteral("youtube"), QStringLiteral("YouTube")},
    };
    return names.value(id, id);
}

} // namespace platforms
} // namespace huntaze
