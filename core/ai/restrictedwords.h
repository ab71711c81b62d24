#pragma once

#include <QJsonArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <vector>

namespace huntaze {

// Words a creator must not publish or send: the platforms' banned terms
// (built in, editable) plus the creator's own list. Every generated or edited
// caption and message is checked; generators drop text that fails.
class RestrictedWords
{
public:
    struct Term {
        QString term; // a word or phrase, matched as whole words, case- and accent-insensitively
        QString reason; // shown next to the highlighted word
        friend bool operator==(const Term &, const Term &) = default;
    };
    struct Violation {
        qsizetype start = 0;
        qsizetype length = 0;
        QString term;
        QString reason;
    };

    // Terms the fan platforms forbid (minors, non-consent, off-platform payment, ...).
    static RestrictedWords platformDefaults();

    void add(const QString &term, const QString &reason);
    void remove(const QString &term);
    const QList<Term> &terms() const { return m_terms; }

    QJsonArray toJson() const;
    static RestrictedWords fromJson(const QJsonArray &json);
    friend bool operator==(const RestrictedWords &a, const RestrictedWords &b) { return a.m_terms == b.m_terms; }

    // Every occurrence, in text order.
    QList<Violation> check(const QString &text) const;
    bool allows(const QString &text) const { return check(text).isEmpty(); }

private:
    QList<Term> m_terms;
    std::vector<QRegularExpression> m_patterns; // one per term, same order
};

} // namespace huntaze
