#include "demodata.h"

#include <QRandomGenerator>

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

} // namespace huntaze::demodata
