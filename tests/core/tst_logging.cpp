#include "logging/logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestLogging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesAndRotatesLogFiles();
    void serverLinesAreJson_data();
    void serverLinesAreJson();
};

void TestLogging::serverLinesAreJson_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QJsonObject>("expected"); // besides time and level
    QTest::newRow("plain message") << QStringLiteral("huntaze.server") << QStringLiteral("ready on port 8080")
                                   << QJsonObject{{QStringLiteral("category"), QStringLiteral("huntaze.server")},
                                                  {QStringLiteral("message"), QStringLiteral("ready on port 8080")}};
    QTest::newRow("quotes and a newline stay on one line")
        << QStringLiteral("huntaze.storage") << QStringLiteral("failed: \"x\"\nnext")
        << QJsonObject{{QStringLiteral("category"), QStringLiteral("huntaze.storage")},
                       {QStringLiteral("message"), QStringLiteral("failed: \"x\"\nnext")}};
    QTest::newRow("a request is its own object")
        << QStringLiteral("huntaze.requests") << QStringLiteral(R"({"requestId":"ab12","route":"/api/me","status":200,"member":4})")
        << QJsonObject{{QStringLiteral("requestId"), QStringLiteral("ab12")},
                       {QStringLiteral("route"), QStringLiteral("/api/me")},
                       {QStringLiteral("status"), 200},
                       {QStringLiteral("member"), 4}};
    QTest::newRow("a request line that is not JSON still logs")
        << QStringLiteral("huntaze.requests") << QStringLiteral("GET /")
        << QJsonObject{{QStringLiteral("category"), QStringLiteral("huntaze.requests")},
                       {QStringLiteral("message"), QStringLiteral("GET /")}};
}

void TestLogging::serverLinesAreJson()
{
    QFETCH(QString, category);
    QFETCH(QString, message);
    QFETCH(QJsonObject, expected);
    const QDateTime at(QDate(2026, 11, 30), QTime(9, 30), Qt::UTC);
    const QByteArray line = huntaze::logging::jsonLogLine(QtInfoMsg, category.toLatin1().constData(), message, at);
    QVERIFY(!line.contains('\n'));
    QJsonParseError error;
    QJsonObject parsed = QJsonDocument::fromJson(line, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.take(QStringLiteral("time")).toString(), QStringLiteral("2026-11-30T09:30:00.000Z"));
    QCOMPARE(parsed.take(QStringLiteral("level")).toString(), QStringLiteral("info"));
    QCOMPARE(parsed, expected);
}

void TestLogging::writesAndRotatesLogFiles()
{
    QTemporaryDir dir;
    const QString logs = dir.filePath(QStringLiteral("logs"));
    huntaze::logging::installFileLog(logs, 4096, 3);

    qCInfo(lcStorage) << "first line";
    QFile current(logs + QStringLiteral("/huntaze.log"));
    QVERIFY(current.open(QIODevice::ReadOnly));
    const QByteArray first = current.readAll();
    current.close();
    QVERIFY(first.contains("info huntaze.storage: first line"));

    const QByteArray filler(200, 'x');
    for (int i = 0; i < 200; ++i)
        qCWarning(lcApp) << i << filler;

    const QStringList files = QDir(logs).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files, (QStringList{QStringLiteral("huntaze.log"), QStringLiteral("huntaze.log.1"), QStringLiteral("huntaze.log.2")}));
    for (const QString &name : files)
        QVERIFY2(QFileInfo(QDir(logs).filePath(name)).size() <= 4096, qPrintable(name));
    QVERIFY(current.open(QIODevice::ReadOnly));
    QVERIFY(current.readAll().contains("warning huntaze.app: 199"));
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
