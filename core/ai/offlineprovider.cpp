#include "offlineprovider.h"

#include "common/async.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QtConcurrent>

#include <algorithm>

namespace huntaze {

namespace {

// Generated content is written in English, the language of the platforms'
// audiences most creators address; the UI around it is translated.
struct FormatTemplates {
    const char *format;
    QList<const char *> titles; // {topic} {theme} {adjective}
    QList<const char *> descriptions; // {topic} {audience}
};

const QList<FormatTemplates> &formatTemplates()
{
    static const QList<FormatTemplates> templates{
        {"photo set",
         {"{Adjective} {topic} photo set", "{Theme}: a {topic} set in {count} shots", "Golden-hour {topic} set"},
         {"A themed set around {topic}, shot for {audience}. Lead with the boldest frame, keep one for a paid unlock.",
          "Ten photos that tell a small story about {topic}; post three free, lock the rest."}},
        {"video",
         {"Behind the scenes: {topic}", "{Topic}, start to finish", "A {adjective} {topic} routine"},
         {"A short video showing how {topic} really happens, made for {audience}. Open with the best second.",
          "Film the whole {topic} process in one take and trim to under a minute for the preview."}},
        {"live",
         {"Live Q&A about {topic}", "{Theme} live: {topic} with you", "Late-night {topic} live"},
         {"Go live for 30 minutes on {topic}; answer questions from {audience} and pin a tip goal.",
          "A relaxed live session around {topic}: announce it a day before, remind two hours before."}},
        {"story",
         {"Story poll: which {topic} next?", "Three-slide story: {topic} sneak peek", "{Theme} countdown in stories"},
         {"Let {audience} vote on your next {topic} post; reveal the winner tomorrow.",
          "A quick sneak peek of upcoming {topic} content, ending with a question sticker."}},
        {"poll",
         {"Fan vote: {topic} A or B?", "You pick: the next {topic} theme", "Rate my {topic} from 1 to 10"},
         {"Two options, one day to vote; the winning {topic} becomes your next set.",
          "Ask {audience} to choose the next {topic} idea, then credit the voters."}},
    };
    return templates;
}

QStringList formatsFor(const QString &platform)
{
    if (platform == QStringLiteral("twitch"))
        return {QStringLiteral("live")};
    if (platform == QStringLiteral("x") || platform == QStringLiteral("reddit"))
        return {QStringLiteral("photo set"), QStringLiteral("poll"), QStringLiteral("video")};
    if (platform == QStringLiteral("youtube") || platform == QStringLiteral("tiktok"))
        return {QStringLiteral("video"), QStringLiteral("live"), QStringLiteral("story")};
    return {QStringLiteral("photo set"), QStringLiteral("video"), QStringLiteral("live"), QStringLiteral("story"), QStringLiteral("poll")};
}

// The profile's tone is free text, often picked from translated suggestions:
// French words map to the same registers as their English counterparts.
QString normalizedTone(const QString &tone)
{
    QString t = tone.toLower();
    for (const auto &[french, english] :
         {std::pair{"charm", "flirty"}, std::pair{"doux", "sweet"}, std::pair{"espi", "playful"}, std::pair{"myst", "mysterious"},
          std::pair{"assur", "confident"}, std::pair{"profession", "professional"}, std::pair{"amical", "friendly"}})
        if (t.contains(QString::fromLatin1(french)))
            t += u' ' + QString::fromLatin1(english);
    return t;
}

QStringList adjectivesFor(const QString &tone)
{
    const QString t = normalizedTone(tone);
    if (t.contains(QStringLiteral("flirt")) || t.contains(QStringLiteral("sweet")))
        return {QStringLiteral("teasing"), QStringLiteral("sweet"), QStringLiteral("after-dark")};
    if (t.contains(QStringLiteral("playful")) || t.contains(QStringLiteral("fun")) || t.contains(QStringLiteral("cheek")))
        return {QStringLiteral("cheeky"), QStringLiteral("playful"), QStringLiteral("silly")};
    if (t.contains(QStringLiteral("myster")))
        return {QStringLiteral("secret"), QStringLiteral("hidden"), QStringLiteral("moody")};
    if (t.contains(QStringLiteral("confident")) || t.contains(QStringLiteral("bold")))
        return {QStringLiteral("bold"), QStringLiteral("fearless"), QStringLiteral("power")};
    if (t.contains(QStringLiteral("professional")))
        return {QStringLiteral("polished"), QStringLiteral("pro"), QStringLiteral("studio")};
    return {QStringLiteral("cosy"), QStringLiteral("easy-going"), QStringLiteral("everyday")};
}

QString teaserFor(const QString &format, const QString &topic)
{
    if (format == QStringLiteral("photo set"))
        return QStringLiteral("Fresh %1 shots, just for you.").arg(topic);
    if (format == QStringLiteral("video"))
        return QStringLiteral("Hit play for the %1 moments you asked for.").arg(topic);
    if (format == QStringLiteral("live"))
        return QStringLiteral("Join me live, we're talking %1.").arg(topic);
    if (format == QStringLiteral("story"))
        return QStringLiteral("A quick peek at what's coming: %1.").arg(topic);
    return QStringLiteral("Your vote decides the next %1 post.").arg(topic);
}

QString captionFor(const QString &tone, const QString &format, const QString &topic, QRandomGenerator &random)
{
    const QString t = normalizedTone(tone);
    QStringList hooks{QStringLiteral("New drop:"), QStringLiteral("Just for you:"), QStringLiteral("You asked, I listened:")};
    QStringList calls{QStringLiteral("Tell me what you think 💬"), QStringLiteral("Which one is your favourite?"),
                      QStringLiteral("Unlock the rest in my DMs.")};
    if (t.contains(QStringLiteral("flirt")) || t.contains(QStringLiteral("sweet"))) {
        hooks
            = {QStringLiteral("Missed me?"), QStringLiteral("Made this thinking of you…"), QStringLiteral("Guess what I've been up to 😘")};
        calls = {QStringLiteral("Come see the rest 💋"), QStringLiteral("Tell me your favourite, I'll send a thank-you."),
                 QStringLiteral("Only the first ten get the bonus.")};
    } else if (t.contains(QStringLiteral("playful")) || t.contains(QStringLiteral("fun"))) {
        hooks = {QStringLiteral("Okay, this got out of hand 😂"), QStringLiteral("Plot twist:"), QStringLiteral("Warning: very silly.")};
        calls = {QStringLiteral("Rate it 1 to 10 👇"), QStringLiteral("Dare me to do part two?"),
                 QStringLiteral("Tag someone who needs this.")};
    } else if (t.contains(QStringLiteral("myster"))) {
        hooks = {QStringLiteral("Not everything is what it seems…"), QStringLiteral("A little secret:"), QStringLiteral("Lights low.")};
        calls = {QStringLiteral("The rest stays between us."), QStringLiteral("Ask me the right question."),
                 QStringLiteral("Find the hidden detail.")};
    }
    return QStringLiteral("%1 %2 %3")
        .arg(hooks.at(random.bounded(static_cast<int>(hooks.size()))), teaserFor(format, topic),
             calls.at(random.bounded(static_cast<int>(calls.size()))));
}

QString fill(QString text, const QHash<QString, QString> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        text.replace(u'{' + it.key() + u'}', it.value());
        QString capital = it.value();
        if (!capital.isEmpty())
            capital[0] = capital[0].toUpper();
        QString key = it.key();
        key[0] = key[0].toUpper();
        text.replace(u'{' + key + u'}', capital);
    }
    return text;
}

QString tagFrom(const QString &text)
{
    QString tag = text.toLower();
    tag.remove(QRegularExpression(QStringLiteral("[^\\w]"), QRegularExpression::UseUnicodePropertiesOption));
    return tag;
}

} // namespace

QStringList OfflineProvider::keywords(const QString &text)
{
    static const QSet<QString> stopWords{
        QStringLiteral("the"),  QStringLiteral("and"),   QStringLiteral("for"),   QStringLiteral("with"),   QStringLiteral("who"),
        QStringLiteral("what"), QStringLiteral("when"),  QStringLiteral("they"),  QStringLiteral("their"),  QStringLiteral("them"),
        QStringLiteral("that"), QStringLiteral("this"),  QStringLiteral("from"),  QStringLiteral("love"),   QStringLiteral("loves"),
        QStringLiteral("like"), QStringLiteral("likes"), QStringLiteral("enjoy"), QStringLiteral("online"), QStringLiteral("fans"),
        QStringLiteral("into"), QStringLiteral("your"),  QStringLiteral("about"), QStringLiteral("are"),    QStringLiteral("mostly"),
        QStringLiteral("very"), QStringLiteral("some"),  QStringLiteral("more"),  QStringLiteral("most"),   QStringLiteral("just"),
        QStringLiteral("set"),  QStringLiteral("video"), QStringLiteral("photo"), QStringLiteral("have"),   QStringLiteral("been")};
    static const QRegularExpression wordPattern(QStringLiteral("[\\p{L}][\\p{L}'-]+"), QRegularExpression::UseUnicodePropertiesOption);
    QStringList words;
    for (auto it = wordPattern.globalMatch(text.toLower()); it.hasNext();) {
        const QString word = it.next().captured(0);
        if (word.size() >= 4 && !stopWords.contains(word) && !words.contains(word))
            words.append(word);
    }
    return words;
}

QList<ContentIdea> OfflineProvider::generateIdeas(const IdeaRequest &request)
{
    const Profile &profile = request.profile;
    QRandomGenerator random(static_cast<quint32>(qHash(request.coalescingKey())));

    // Topics: proven sellers first, then the theme, the niche and the audience's interests.
    QStringList topics;
    QSet<QString> provenTopics;
    for (const QString &purchase : request.popularPurchases) {
        const QStringList words = keywords(purchase);
        if (!words.isEmpty()) {
            const QString topic = words.join(u' ');
            if (!topics.contains(topic)) {
                topics.append(topic);
                provenTopics.insert(topic);
            }
        }
    }
    if (!request.theme.trimmed().isEmpty())
        topics.prepend(request.theme.trimmed().toLower());
    for (const QString &word : keywords(profile.niche) + keywords(profile.audience))
        if (!topics.contains(word))
            topics.append(word);
    if (topics.isEmpty())
        topics = {QStringLiteral("a day in my life"), QStringLiteral("my favourite look"), QStringLiteral("something new")};

    const QString audience
        = profile.audience.trimmed().isEmpty() ? QStringLiteral("your fans") : profile.audience.section(u',', 0, 0).trimmed();
    const QString theme = request.theme.trimmed().isEmpty() ? (profile.niche.isEmpty() ? QStringLiteral("This week") : profile.niche)
                                                            : request.theme.trimmed();
    const QString tone = request.tone.trimmed().isEmpty() ? profile.tone : request.tone;
    const QStringList adjectives = adjectivesFor(tone);
    const QStringList formats = formatsFor(request.platform);

    struct Candidate {
        ContentIdea idea;
        double score;
        int order;
    };
    std::vector<Candidate> candidates;
    const int wanted = std::clamp(request.count, 1, 20);
    for (int i = 0; i < wanted * 4; ++i) {
        const QString format = formats.at(i % formats.size());
        const auto templates = std::find_if(formatTemplates().begin(), formatTemplates().end(),
                                            [&](const FormatTemplates &t) { return QString::fromLatin1(t.format) == format; });
        const QString topic = topics.at((i / static_cast<int>(formats.size()) + random.bounded(2)) % topics.size());
        const QHash<QString, QString> values{
            {QStringLiteral("topic"), topic},
            {QStringLiteral("theme"), theme},
            {QStringLiteral("adjective"), adjectives.at(random.bounded(static_cast<int>(adjectives.size())))},
            {QStringLiteral("audience"), audience},
            {QStringLiteral("count"), QString::number(6 + random.bounded(7))}};
        ContentIdea idea;
        idea.format = format;
        idea.title = fill(QString::fromLatin1(templates->titles.at(random.bounded(static_cast<int>(templates->titles.size())))), values);
        idea.description = fill(
            QString::fromLatin1(templates->descriptions.at(random.bounded(static_cast<int>(templates->descriptions.size())))), values);
        idea.caption = captionFor(tone, format, topic, random);
        for (const QString &word : QStringList{topic} + keywords(profile.niche) + keywords(theme) + QStringList{format})
            idea.hashtags.append(tagFrom(word));
        idea.hashtags.append(request.platform == QStringLiteral("tiktok") ? QStringLiteral("fyp") : QStringLiteral("newpost"));
        idea.platform = request.platform;

        double score = random.generateDouble(); // a little variety between equals
        if (provenTopics.contains(topic))
            score += 2.0; // fans already paid for this
        if (!request.theme.isEmpty()
            && (topic == request.theme.trimmed().toLower() || idea.title.contains(request.theme, Qt::CaseInsensitive)))
            score += 3.0; // what the creator asked for today beats what sold before
        candidates.push_back({idea, score, i});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) { return a.score > b.score; });

    // Varied formats: the best of each format in turn, then the rest by score
    // (a platform with one format, like Twitch, still gets its full count).
    QList<ContentIdea> ranked;
    QSet<QString> usedTitles;
    auto take = [&](const Candidate &candidate) {
        const QString titleKey = candidate.idea.title.toLower();
        if (usedTitles.contains(titleKey))
            return false;
        usedTitles.insert(titleKey);
        ranked.append(candidate.idea);
        return true;
    };
    QSet<QString> formatsTaken;
    for (const Candidate &candidate : candidates) {
        if (!formatsTaken.contains(candidate.idea.format) && take(candidate))
            formatsTaken.insert(candidate.idea.format);
    }
    for (const Candidate &candidate : candidates)
        take(candidate);
    return ranked;
}

QString OfflineProvider::generateTemplate(const QString &goal, const Profile &profile)
{
    const QString g = goal.toLower();
    const QString tone = normalizedTone(profile.tone);
    const bool flirty = tone.contains(QStringLiteral("flirt")) || tone.contains(QStringLiteral("sweet"));
    const QString greeting = flirty ? QStringLiteral("Hey {{fan.first_name|babe}}") : QStringLiteral("Hi {{fan.first_name|there}}");
    const QString signature = QStringLiteral(" — {{creator.name}}");
    if (g.contains(QStringLiteral("inactive")) || g.contains(QStringLiteral("re-engage")) || g.contains(QStringLiteral("miss"))
        || g.contains(QStringLiteral("back"))) {
        return greeting
            + QStringLiteral(
                   ", it's been a while{{#fan.days_inactive}} ({{fan.days_inactive}} days!){{/fan.days_inactive}} and I miss our chats. "
                   "{{#fan.last_purchase}}You loved {{fan.last_purchase}}, so I kept something new in that style for you. "
                   "{{/fan.last_purchase}}Come say hi?")
            + signature;
    }
    if (g.contains(QStringLiteral("thank")) || g.contains(QStringLiteral("top")) || g.contains(QStringLiteral("vip"))) {
        return greeting
            + QStringLiteral(
                   ", thank you for everything{{#fan.is_top_spender}}, you're one of my very favourite people here{{/fan.is_top_spender}}. "
                   "I'm sending you a little something first.")
            + signature;
    }
    if (g.contains(QStringLiteral("birthday"))) {
        return greeting + QStringLiteral(", happy birthday! 🎂 I made something just for you today.") + signature;
    }
    if (g.contains(QStringLiteral("new")) || g.contains(QStringLiteral("launch")) || g.contains(QStringLiteral("tease"))
        || g.contains(QStringLiteral("promo"))) {
        return greeting
            + QStringLiteral("! Something new {{creator.niche|}} is coming tonight. "
                             "{{^fan.last_purchase}}It's the perfect first unlock. {{/fan.last_purchase}}Want the first look?")
            + signature;
    }
    return greeting + QStringLiteral(", I wanted to reach out about this: ") + goal.trimmed() + QStringLiteral(". What do you think?")
        + signature;
}

CaptionSuggestions OfflineProvider::generateCaptions(const CaptionRequest &request)
{
    QRandomGenerator random(static_cast<quint32>(qHash(request.text + request.platform + request.profile.tone)));
    const QString text = request.text.trimmed();
    const QStringList words = keywords(text);
    const QString topic = words.isEmpty() ? QStringLiteral("this") : words.mid(0, 2).join(u' ');
    CaptionSuggestions suggestions;
    // Different openings and endings around the creator's own words.
    const QStringList openings{QString(), QStringLiteral("New drop: "), QStringLiteral("You asked for it: "),
                               QStringLiteral("Okay, confession: "), QStringLiteral("Just for you: ")};
    const QStringList endings{QStringLiteral(" What do you think?"), QStringLiteral(" Full set in my DMs."),
                              QStringLiteral(" Rate it 1 to 10 👇"), QStringLiteral(" Tell me your favourite part."), QString()};
    for (int i = 0; suggestions.captions.size() < std::clamp(request.count, 1, 10) && i < 25; ++i) {
        QString caption = openings.at((i + random.bounded(2)) % openings.size());
        caption += text.isEmpty() ? captionFor(request.profile.tone, QStringLiteral("photo set"), topic, random) : text;
        if (!caption.endsWith(u'.') && !caption.endsWith(u'!') && !caption.endsWith(u'?'))
            caption += u'.';
        caption += endings.at((i * 2 + random.bounded(3)) % endings.size());
        if (!suggestions.captions.contains(caption))
            suggestions.captions.append(caption);
    }
    for (const QString &word : words + keywords(request.profile.niche))
        suggestions.hashtags.append(tagFrom(word));
    return suggestions;
}

QFuture<Result<CaptionSuggestions>> OfflineProvider::captions(const CaptionRequest &request)
{
    return QtConcurrent::run([request] { return Result<CaptionSuggestions>(generateCaptions(request)); });
}

QString OfflineProvider::displayName() const
{
    return tr("Offline suggestions");
}

QFuture<Result<QList<ContentIdea>>> OfflineProvider::contentIdeas(const IdeaRequest &request)
{
    // On the thread pool: generation is pure, and neither the desktop's UI
    // thread nor the server's event loop should spend milliseconds on it.
    return QtConcurrent::run([request] { return Result<QList<ContentIdea>>(generateIdeas(request)); });
}

QFuture<Result<QString>> OfflineProvider::draftMessageTemplate(const QString &goal, const Profile &profile, const TokenSink &onToken)
{
    const QString text = generateTemplate(goal, profile);
    if (onToken)
        onToken(text);
    return readyFuture<QString>(text);
}

QFuture<Result<void>> OfflineProvider::testConnection()
{
    return readyFuture<void>(Result<void>::success());
}

} // namespace huntaze
