#include "strictjson.h"

#include "domain/rules.h"

#include <QCoreApplication>
#include <QJsonParseError>
#include <QSet>

namespace huntaze {

namespace {

// Walks text that QJsonDocument has already accepted, so it only has to find
// what the parser lets through, not to diagnose syntax.
class Scanner
{
public:
    explicit Scanner(const QByteArray &text) : m_at(text.constData()), m_end(text.constData() + text.size()) {}

    std::optional<Error> scan()
    {
        value(QString());
        return m_problem;
    }

private:
    bool more() const { return m_at < m_end && !m_problem; }

    void skipSpace()
    {
        while (m_at < m_end && (*m_at == ' ' || *m_at == '\t' || *m_at == '\n' || *m_at == '\r'))
            ++m_at;
    }

    void value(const QString &path)
    {
        skipSpace();
        if (!more())
            return;
        if (*m_at == '{')
            object(path);
        else if (*m_at == '[')
            array(path);
        else if (*m_at == '"')
            checkText(path, string());
        else
            while (m_at < m_end && !QByteArrayView(",]} \t\r\n").contains(*m_at))
                ++m_at;
    }

    void object(const QString &path)
    {
        ++m_at; // {
        QSet<QString> keys;
        skipSpace();
        if (m_at < m_end && *m_at == '}') {
            ++m_at;
            return;
        }
        while (more()) {
            skipSpace();
            const QString key = string();
            const QString keyPath = path.isEmpty() ? key : path + u'.' + key;
            checkText(keyPath, key);
            if (keys.contains(key) && !m_problem)
                m_problem = Error::validation(
                    keyPath, QCoreApplication::translate("huntaze::StrictJson", "\"%1\" is given twice; send each field once.").arg(key));
            keys.insert(key);
            skipSpace();
            ++m_at; // :
            value(keyPath);
            skipSpace();
            if (m_at < m_end && *m_at++ == ',')
                continue;
            return; // }
        }
    }

    void array(const QString &path)
    {
        ++m_at; // [
        skipSpace();
        if (m_at < m_end && *m_at == ']') {
            ++m_at;
            return;
        }
        for (qsizetype index = 0; more(); ++index) {
            value(QStringLiteral("%1[%2]").arg(path).arg(index));
            skipSpace();
            if (m_at < m_end && *m_at++ == ',')
                continue;
            return; // ]
        }
    }

    // A string token, escapes decoded (so "a" and "\u0061" are the same key).
    QString string()
    {
        ++m_at; // opening quote
        QString decoded;
        const char *run = m_at;
        auto flush = [&] { decoded += QString::fromUtf8(run, m_at - run); };
        while (m_at < m_end && *m_at != '"') {
            if (*m_at != '\\') {
                ++m_at;
                continue;
            }
            flush();
            ++m_at;
            const char escape = m_at < m_end ? *m_at++ : 'u';
            switch (escape) {
            case 'b': decoded += u'\b'; break;
            case 'f': decoded += u'\f'; break;
            case 'n': decoded += u'\n'; break;
            case 'r': decoded += u'\r'; break;
            case 't': decoded += u'\t'; break;
            case 'u': {
                const QByteArrayView hex(m_at, std::min<qsizetype>(4, m_end - m_at));
                bool ok = false;
                decoded += QChar(static_cast<char16_t>(hex.toUShort(&ok, 16)));
                m_at += hex.size();
                break;
            }
            default: decoded += QLatin1Char(escape); break; // \" \\ \/
            }
            run = m_at;
        }
        flush();
        if (m_at < m_end)
            ++m_at; // closing quote
        return decoded;
    }

    void checkText(const QString &path, const QString &text)
    {
        if (m_problem || !rules::forbiddenCharacter(text))
            return;
        Error error = rules::text(path.isEmpty() ? QStringLiteral("body") : path, text, INT_MAX).error();
        m_problem = error;
    }

    const char *m_at;
    const char *m_end;
    std::optional<Error> m_problem;
};

} // namespace

Result<QJsonDocument> parseStrictJson(const QByteArray &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        Error error = Error::validation(
            QStringLiteral("body"),
            QCoreApplication::translate("huntaze::StrictJson", "The request body is not valid JSON: %1 at character %2.")
                .arg(parseError.errorString())
                .arg(parseError.offset));
        error.position = parseError.offset;
        return error;
    }
    if (std::optional<Error> problem = Scanner(text).scan())
        return *problem;
    return document;
}

} // namespace huntaze
