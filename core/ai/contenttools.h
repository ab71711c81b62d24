#pragma once

#include "ai/contentidea.h"
#include "ai/restrictedwords.h"

#include <QList>

namespace huntaze::contenttools {

// What every idea goes through, whichever provider wrote it: hashtags
// normalised (no '#', no spaces, lower case, unique, not restricted) and cut
// to the platform's count; captions cut to the platform's length at a word
// boundary; ideas whose text breaks the restricted list dropped; duplicates
// (same title, case and punctuation aside) removed; at most `count` kept.
QList<ContentIdea> finish(QList<ContentIdea> ideas, const QString &platform, int count, const RestrictedWords &restricted);

QString fitCaption(const QString &caption, int limit);
QStringList cleanHashtags(const QStringList &hashtags, int limit, const RestrictedWords &restricted);

} // namespace huntaze::contenttools
