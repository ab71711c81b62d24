#include "restrictedwords.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace huntaze {

namespace {

// Lower case without accents, keeping one character per input character so
// match offsets map straight back onto the original text.
QString foldForMatching(const QString &text)
{
    QString folded;
    folded.reserve(text.size());
    for (const QChar c : text) {
        const QString decomposed = QString(c).normalized(QString::NormalizationForm_D);
        folded.append(decomposed.isEmpty() ? c.toLower() : decomposed.front().toLower());
    }
    return folded;
}

// Whole words only ("minor" must not flag "minority"); any run of spaces or
// hyphens may separate the words of a phrase. Compiled once per term: the
// generators check every candidate they write (compiling per check was 86 %
// of a server's time on content ideas).
QRegularExpression patternFor(const QString &term)
{
    // Hyphens first: the space rule's replacement contains an escaped hyphen itself.
    QString pattern = QRegularExpression::escape(foldForMatching(term));
    pattern.replace(QStringLiteral("\\-"), QStringLiteral("[\\s\\-]*")).replace(QStringLiteral("\\ "), QStringLiteral("[\\s\\-]+"));
    QRegularExpression expression(QStringLiteral("(?<![\\w])") + pattern + QStringLiteral("(?![\\w])"),
                                  QRegularExpression::UseUnicodePropertiesOption);
    expression.optimize();
    return expression;
}

} // namespace

RestrictedWords RestrictedWords::platformDefaults()
{
    // The platforms' rules in English (their moderation reads English), and the
    // same terms in the user's language: each list's translation is that
    // language's words for it, comma-separated.
    struct Category {
        const char *terms;
        const char *reason;
    };
    static constexpr Category categories[] = {
        {QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "underage, minor, teen, teenager, schoolgirl, schoolboy, jailbait, lolita"),
         QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "Refers to minors: banned on every platform")},
        {QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "rape, non-consent, drugged, passed out, forced"),
         QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "Suggests non-consent: banned on every platform")},
        {QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "incest, bestiality"),
         QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "Prohibited content category")},
        {QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "paypal, cashapp, cash app, venmo, zelle, wire transfer"),
         QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "Off-platform payment: against the platforms' terms")},
        {QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "meet up, meetup, escort"),
         QT_TRANSLATE_NOOP("huntaze::RestrictedWords", "Offers to meet in person: against the platforms' terms")},
    };
    RestrictedWords words;
    for (const Category &category : categories) {
        const QString reason = QCoreApplication::translate("huntaze::RestrictedWords", category.reason);
        const QString english = QString::fromLatin1(category.terms);
        const QString translated = QCoreApplication::translate("huntaze::RestrictedWords", category.terms);
        for (const QString &list : {english, translated}) {
            for (const QString &term : list.split(u',', Qt::SkipEmptyParts))
                words.add(term, reason);
        }
    }
    return words;
}

QJsonArray RestrictedWords::toJson() const
{
    QJsonArray json;
    for (const Term &term : m_terms)
        json.append(QJsonObject{{QStringLiteral("term"), term.term}, {QStringLiteral("reason"), term.reason}});
    return json;
}

RestrictedWords RestrictedWords::fromJson(const QJsonArray &json)
{
    RestrictedWords words;
    for (const auto &value : json)
        words.add(value.toObject().value(QStringLiteral("term")).toString(), value.toObject().value(QStringLiteral("reason")).toString());
    return words;
}

void RestrictedWords::add(const QString &term, const QString &reason)
{
    const QString cleaned = term.simplified();
    if (cleaned.isEmpty())
        return;
    remove(cleaned);
    m_terms.append({cleaned, reason});
    m_patterns.push_back(patternFor(cleaned));
}

void RestrictedWords::remove(const QString &term)
{
    const QString folded = foldForMatching(term.simplified());
    for (qsizetype i = m_terms.size() - 1; i >= 0; --i) {
        if (foldForMatching(m_terms.at(i).term) == folded) {
            m_terms.removeAt(i);
            m_patterns.erase(m_patterns.begin() + i);
        }
    }
}

QList<RestrictedWords::Violation> RestrictedWords::check(const QString &text) const
{
    QList<Violation> violations;
    const QString folded = foldForMatching(text);
    for (qsizetype i = 0; i < m_terms.size(); ++i) {
        const Term &term = m_terms.at(i);
        for (auto it = m_patterns.at(static_cast<size_t>(i)).globalMatch(folded); it.hasNext();) {
            const auto match = it.next();
            violations.append({match.capturedStart(), match.capturedLength(), term.term, term.reason});
        }
    }
    std::stable_sort(violations.begin(), violations.end(), [](const Violation &a, const Violation &b) { return a.start < b.start; });
    // "nonconsent" matches both "nonconsent" and "non-consent": report each stretch of text once.
    QList<Violation> distinct;
    for (const Violation &violation : std::as_const(violations)) {
        if (distinct.isEmpty() || violation.start >= distinct.last().start + distinct.last().length)
            distinct.append(violation);
    }
    return distinct;
}

} // namespace huntaze
