#pragma once

#include "domain/fan.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace huntaze {

struct RankedHashtag {
    QString tag;
    double averageEngagement = 0; // on the creator's posts that used it; 0 without history
    int uses = 0; // how many of those posts used it
    bool fromHistory = false; // false: suggested from the niche and the text
};

// Orders hashtags by what they did for this creator: tags with history come
// first, by their average engagement shrunk toward the creator's overall
// average (so one lucky post does not win), and strong tags from history join
// the suggestions; tags with no history follow in the order suggested (niche
// relevance). Tags are lower case, without '#'.
QList<RankedHashtag> rankHashtags(const QStringList &suggested, const QList<Post> &history, int limit);

} // namespace huntaze
