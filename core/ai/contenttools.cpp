#include "contenttools.h"

#include <QRegularExpression>
#include <QSet>

namespace huntaze::contenttools {

namespace {

QString titleKey(const QString &title)
{
    static const QRegularExpression nonWord(QStringLiteral("[^\\w]+"), QRegularExpression::UseUnicodePropertiesOption);
    return title.toLower().remove(nonWord);
}

} // namespace

QString fitCaption(const QString &caption, int limit)
{
    const QString text = caption.trimmed();
    if (text.size() <= limit)
        return text;
    // Cut at the last space that leaves room for the ellipsis, never mid-word.
    QString cut = text.left(limit - 1);
    const qsizetype space = cut.lastIndexOf(u' ');
    if (space > limit / 2)
        cut.truncate(space);
    while (!cut.isEmpty() && (cut.back().isPunct() || cut.back().isSpace()))
        cut.chop(1);
    return cut + QChar(0x2026);
}

QStringList cleanHashtags(const QStringList &hashtags, int limit, const RestrictedWords &restricted)
{
    QStringList clean;
    for (QString tag : hashtags) {
        tag = tag.trimmed().toLower();
        while (tag.startsWith(u'#'))
            tag.remove(0, 1);
        tag.remove(u' ');
        if (tag.isEmpty() || clean.contains(tag) || !restricted.allows(tag))
            continue;
        if (clean.size() >= limit)
            break;
        clean.append(tag);
    }
    return clean;
}

QList<ContentIdea> finish(QList<ContentIdea> ideas, const QString &platform, int count, const RestrictedWords &restricted)
{
    const PlatformRules rules = PlatformRules::of(platform);
    QList<ContentIdea> kept;
    QSet<QString> seen;
    for (ContentIdea &idea : ideas) {
        idea.platform = platform;
        idea.caption = fitCaption(idea.caption, rules.captionLimit);
        idea.hashtags = cleanHashtags(idea.hashtags, rules.hashtagLimit, restricted);
        const QString key = titleKey(idea.title);
        if (idea.title.isEmpty() || seen.contains(key))
            continue;
        if (!restricted.allows(idea.title) || !restricted.allows(idea.description) || !restricted.allows(idea.caption))
            continue;
        seen.insert(key);
        kept.append(idea);
        if (kept.size() >= count)
            break;
    }
    return kept;
}

} // namespace huntaze::contenttools
