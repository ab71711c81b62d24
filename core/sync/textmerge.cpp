#include "textmerge.h"

#include <git2.h>

#include <QStringList>

namespace huntaze::sync {

namespace {

// libgit2's global state, set up once for the process.
class LibGit2
{
public:
    LibGit2() { git_libgit2_init(); }
    ~LibGit2() { git_libgit2_shutdown(); }
    LibGit2(const LibGit2 &) = delete;
    LibGit2 &operator=(const LibGit2 &) = delete;
};

// The text as one token a line, each word and each run of white space its own
// token, so that a line-based merge works word by word. A token's own line
// breaks and backslashes are escaped: the lines split back into exactly the text.
QByteArray tokenLines(const QString &text)
{
    QByteArray lines;
    qsizetype start = 0;
    while (start < text.size()) {
        const bool space = text.at(start).isSpace();
        qsizetype end = start + 1;
        while (end < text.size() && text.at(end).isSpace() == space)
            ++end;
        QString token = text.mid(start, end - start);
        token.replace(u'\\', QStringLiteral("\\\\")).replace(u'\n', QStringLiteral("\\n")).replace(u'\r', QStringLiteral("\\r"));
        lines += token.toUtf8();
        lines += '\n';
        start = end;
    }
    return lines;
}

QString textOf(const char *lines, std::size_t size)
{
    const QString escaped = QString::fromUtf8(lines, static_cast<qsizetype>(size));
    QString text;
    text.reserve(escaped.size());
    for (qsizetype i = 0; i < escaped.size(); ++i) {
        const QChar c = escaped.at(i);
        if (c == u'\n')
            continue; // between tokens
        if (c == u'\\' && i + 1 < escaped.size()) {
            const QChar next = escaped.at(++i);
            text += next == u'n' ? QChar(u'\n') : next == u'r' ? QChar(u'\r') : next;
            continue;
        }
        text += c;
    }
    return text;
}

git_merge_file_input inputOf(const QByteArray &lines)
{
    git_merge_file_input input = GIT_MERGE_FILE_INPUT_INIT;
    input.ptr = lines.constData();
    input.size = static_cast<std::size_t>(lines.size());
    return input;
}

} // namespace

TextMerge mergeText(const QString &base, const QString &ours, const QString &theirs)
{
    if (ours == theirs || theirs == base)
        return {true, ours};
    if (ours == base)
        return {true, theirs};
    static const LibGit2 library;
    const QByteArray baseLines = tokenLines(base), ourLines = tokenLines(ours), theirLines = tokenLines(theirs);
    const git_merge_file_input ancestor = inputOf(baseLines), mine = inputOf(ourLines), other = inputOf(theirLines);
    git_merge_file_options options = GIT_MERGE_FILE_OPTIONS_INIT;
    options.favor = GIT_MERGE_FILE_FAVOR_NORMAL; // a conflict stays one: never pick a side silently
    git_merge_file_result result{};
    if (git_merge_file(&result, &ancestor, &mine, &other, &options) != 0)
        return {};
    TextMerge merge;
    merge.clean = result.automergeable != 0;
    if (merge.clean)
        merge.merged = textOf(result.ptr, result.len);
    git_merge_file_result_free(&result);
    return merge;
}

} // namespace huntaze::sync
