#include "hashtagranker.h"

#include <QHash>

#include <algorithm>

namespace huntaze {

QList<RankedHashtag> rankHashtags(const QStringList &suggested, const QList<Post> &history, int limit)
{
    // Shrinkage: a tag seen on n posts counts as n real posts plus `prior` average ones.
    constexpr double prior = 5.0;
    struct Stats {
        double sum = 0;
        int uses = 0;
    };
    QHash<QString, Stats> stats;
    double total = 0;
    for (const Post &post : history) {
        total += post.engagement;
        for (const QString &tag : post.hashtags) {
            Stats &s = stats[tag.toLower()];
            s.sum += post.engagement;
            ++s.uses;
        }
    }
    const double overall = history.isEmpty() ? 0 : total / static_cast<double>(history.size());
    auto score = [&](const Stats &s) { return (s.sum + prior * overall) / (s.uses + prior); };

    QList<RankedHashtag> known;
    QList<RankedHashtag> fresh;
    QStringList seen;
    auto consider = [&](const QString &raw, bool suggestedByText) {
        QString tag = raw.toLower();
        tag.remove(u'#');
        if (tag.isEmpty() || seen.contains(tag))
            return;
        const auto found = stats.constFind(tag);
        if (found != stats.cend()) {
            seen.append(tag);
            known.append({tag, found->sum / found->uses, found->uses, true});
        } else if (suggestedByText) {
            seen.append(tag);
            fresh.append({tag, 0, 0, false});
        }
    };
    for (const QString &tag : suggested)
        consider(tag, true);
    // The creator's own best performers that used to work at least twice, above their average.
    for (auto it = stats.cbegin(); it != stats.cend(); ++it) {
        if (it->uses >= 2 && score(*it) > overall)
            consider(it.key(), false);
    }
    std::stable_sort(known.begin(), known.end(),
                     [&](const RankedHashtag &a, const RankedHashtag &b) { return score(stats.value(a.tag)) > score(stats.value(b.tag)); });
    QList<RankedHashtag> ranked = known + fresh;
    return ranked.mid(0, limit);
}

} // namespace huntaze
