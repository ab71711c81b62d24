#pragma once

#include <QString>

namespace huntaze::sync {

// What a three-way merge of one text field made of two edits.
struct TextMerge {
    bool clean = false; // false: the edits overlap, and both versions must be kept
    QString merged; // when clean: the base with both edits
};

// Merges `ours` and `theirs`, two edits of `base` made apart (issue 13: a
// draft's caption edited on two devices), with libgit2's three-way file merge.
// Word by word rather than line by line, as captions are often one line: two
// edits merge when they change different words (or lines), with at least an
// untouched space or word between them; two different changes to the same
// words, or insertions at the same place, do not.
TextMerge mergeText(const QString &base, const QString &ours, const QString &theirs);

} // namespace huntaze::sync
