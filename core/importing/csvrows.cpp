#include "csvrows.h"

#include <QCoreApplication>

namespace huntaze::creatorcsv {

namespace {
constexpr int maxProblemsShown = 10;
}

void RowProblems::add(int line, const QString &message)
{
    m_problems.append(QCoreApplication::translate("huntaze::creatorcsv", "Line %1: %2").arg(line).arg(message));
}

Error RowProblems::error() const
{
    QStringList shown = m_problems.mid(0, maxProblemsShown);
    const int hidden = static_cast<int>(m_problems.size()) - maxProblemsShown;
    if (hidden > 0)
        shown.append(QCoreApplication::translate("huntaze::creatorcsv", "…and %n more problems.", nullptr, hidden));
    Error error
        = Error::validation(QStringLiteral("file"),
                            QCoreApplication::translate("huntaze::creatorcsv", "Nothing was imported. Fix these rows and try again:\n%1")
                                .arg(shown.join(u'\n')));
    error.detail = QStringLiteral("%1 bad rows").arg(m_problems.size());
    return error;
}

std::optional<double> parseAmount(QString text)
{
    text.remove(u'$').remove(u'€').remove(u'£').remove(u' ');
    if (!text.contains(u'.') && text.count(u',') == 1)
        text.replace(u',', u'.');
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok && value >= 0 ? std::optional<double>(value) : std::nullopt;
}

QString normalisedName(const QString &name)
{
    QString key = name.trimmed().toLower();
    for (QChar &c : key) {
        if (c == u' ' || c == u'-' || c == u'/' || c == u'.')
            c = u'_';
    }
    return key;
}

} // namespace huntaze::creatorcsv
