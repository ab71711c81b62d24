// docs/openapi.yaml and the server's routes (issue 11): a route the document
// lacks, or a documented one the server does not have, fails; so does a route
// documented as public (no bearer token) that is not, or the reverse, and a
// reference to a component the document does not define.
#include "server/huntazeserver.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace huntaze;
using namespace huntaze::server;

namespace {

struct Documented {
    QSet<QString> routes; // "POST /api/auth/sign-in"
    QSet<QString> publicRoutes; // `security: []`, or only the scrape token
    QSet<QString> references; // "#/components/schemas/User"
    QSet<QString> components; // "#/components/schemas/User"
};

// Reads what the checks need from the document's layout (two spaces per
// level, as written): paths, their operations and their security, the
// components defined and every $ref.
Documented read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("cannot read %s", qPrintable(path));
    Documented documented;
    static const QRegularExpression topLevel(QStringLiteral("^([a-z]+):"));
    static const QRegularExpression pathLine(QStringLiteral("^  (/\\S*):\\s*$"));
    static const QRegularExpression operationLine(QStringLiteral("^    (get|put|post|delete|patch|head|options):\\s*$"));
    static const QRegularExpression operationSecurity(QStringLiteral("^      security:\\s*(.*)$"));
    static const QRegularExpression componentKind(QStringLiteral("^  ([A-Za-z]+):\\s*$"));
    static const QRegularExpression componentName(QStringLiteral("^    ([A-Za-z0-9._-]+):"));
    static const QRegularExpression reference(QStringLiteral("\\$ref:\\s*\"([^\"]+)\""));
    QString section, currentPath, currentOperation, currentKind;
    bool securityFollows = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).chopped(1);
        for (QRegularExpressionMatchIterator refs = reference.globalMatch(line); refs.hasNext();)
            documented.references.insert(refs.next().captured(1));
        if (const QRegularExpressionMatch top = topLevel.match(line); top.hasMatch()) {
            section = top.captured(1);
            continue;
        }
        if (section == QLatin1String("paths")) {
            if (const QRegularExpressionMatch p = pathLine.match(line); p.hasMatch()) {
                currentPath = p.captured(1);
            } else if (const QRegularExpressionMatch o = operationLine.match(line); o.hasMatch()) {
                currentOperation = o.captured(1).toUpper() + QLatin1Char(' ') + currentPath;
                documented.routes.insert(currentOperation);
            } else if (const QRegularExpressionMatch s = operationSecurity.match(line); s.hasMatch()) {
                if (s.captured(1).trimmed() == QLatin1String("[]"))
                    documented.publicRoutes.insert(currentOperation);
                else
                    securityFollows = true;
                continue;
            } else if (securityFollows && line.trimmed() == QLatin1String("- scrapeToken: []")) {
                documented.publicRoutes.insert(currentOperation);
            }
            securityFollows = false;
        } else if (section == QLatin1String("components")) {
            if (const QRegularExpressionMatch k = componentKind.match(line); k.hasMatch())
                currentKind = k.captured(1);
            else if (const QRegularExpressionMatch n = componentName.match(line); n.hasMatch())
                documented.components.insert(QStringLiteral("#/components/%1/%2").arg(currentKind, n.captured(1)));
        }
    }
    return documented;
}

} // namespace

class TestOpenApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists();
    void publicRoutesAreTheDocumentedOnes();
    void everyReferenceIsDefined();

private:
    Documented m_documented;
    QSet<QString> m_routes;
    QSet<QString> m_publicRoutes;
};

void TestOpenApi::initTestCase()
{
    m_documented = read(QStringLiteral(HUNTAZE_SOURCE_DIR "/docs/openapi.yaml"));
    ServerConfig config;
    config.database.driver = DatabaseConfig::Driver::Postgres; // never connected: not started
    HuntazeServer server(config);
    for (const Router::Entry &entry : server.http().router().entries()) {
        const QString route = QString::fromLatin1(entry.method) + QLatin1Char(' ') + entry.pattern;
        QVERIFY2(!m_routes.contains(route), qPrintable(route + QStringLiteral(" is routed twice")));
        m_routes.insert(route);
        if (entry.isPublic)
            m_publicRoutes.insert(route);
    }
    QVERIFY(m_routes.size() > 50);
}

void TestOpenApi::everyRouteIsDocumentedAndEveryDocumentedRouteExists()
{
    QStringList undocumented = (m_routes - m_documented.routes).values();
    QStringList missing = (m_documented.routes - m_routes).values();
    undocumented.sort();
    missing.sort();
    QVERIFY2(undocumented.isEmpty(), qPrintable(QStringLiteral("not in docs/openapi.yaml: ") + undocumented.join(QStringLiteral(", "))));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("documented, not routed: ") + missing.join(QStringLiteral(", "))));
}

void TestOpenApi::publicRoutesAreTheDocumentedOnes()
{
    QStringList publicRoutes = m_publicRoutes.values();
    QStringList documented = m_documented.publicRoutes.values();
    publicRoutes.sort();
    documented.sort();
    QCOMPARE(documented, publicRoutes);
}

void TestOpenApi::everyReferenceIsDefined()
{
    QVERIFY(!m_documented.references.isEmpty());
    QStringList undefined = (m_documented.references - m_documented.components).values();
    undefined.sort();
    QVERIFY2(undefined.isEmpty(), qPrintable(QStringLiteral("referenced, not defined: ") + undefined.join(QStringLiteral(", "))));
}

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
