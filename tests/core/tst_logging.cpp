#include "logging/logging.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestLogging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesAndRotatesLogFiles();
};

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
