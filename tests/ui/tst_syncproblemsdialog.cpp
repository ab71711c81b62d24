// How the list of sync problems names each change the server refused (issue
// 13): an import by its rows, a preference by its key, a draft by its title.
#include "settings/translations.h"
#include "widgets/syncproblemsdialog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

Q_DECLARE_METATYPE(huntaze::sync::SyncProblem)

class TestSyncProblemsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(installTranslations(QStringLiteral("en_US"))); } // English's plural forms, as the app has them
    void eachChangeIsNamedAsTheMemberMadeIt_data();
    void eachChangeIsNamedAsTheMemberMadeIt();
    void whatWasSentIsKeptWhole();
};

namespace {

sync::SyncProblem problem(const QString &entity, const QString &entityId, const QJsonObject &localCopy)
{
    sync::SyncProblem made;
    made.mutationIds = {1};
    made.entity = entity;
    made.entityId = entityId;
    made.localCopy = localCopy;
    return made;
}

QJsonObject rows(int count)
{
    QJsonArray list;
    for (int i = 0; i < count; ++i)
        list.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Fan %1").arg(i)}});
    return {{QStringLiteral("creatorId"), 3}, {QStringLiteral("rows"), list}};
}

} // namespace

void TestSyncProblemsDialog::eachChangeIsNamedAsTheMemberMadeIt_data()
{
    QTest::addColumn<sync::SyncProblem>("refused");
    QTest::addColumn<QString>("named");
    const QString id = QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    QTest::newRow("one fan") << problem(QStringLiteral("fans"), id, rows(1)) << QStringLiteral("1 fan imported");
    QTest::newRow("an import's fans together") << problem(QStringLiteral("fans"), id, rows(3000)) << QStringLiteral("3000 fans imported");
    QTest::newRow("offers") << problem(QStringLiteral("offers"), id, rows(2)) << QStringLiteral("2 offers imported");
    QTest::newRow("posts") << problem(QStringLiteral("posts"), id, rows(5)) << QStringLiteral("5 posts imported");
    QTest::newRow("a preference") << problem(QStringLiteral("preference"), QStringLiteral("currency"),
                                             {{QStringLiteral("value"), QStringLiteral("EUR")}})
                                  << QStringLiteral("Preference “currency”");
    QTest::newRow("a draft by its title") << problem(QStringLiteral("draft"), id,
                                                     {{QStringLiteral("title"), QStringLiteral("  Beach\nat dawn ")}})
                                          << QStringLiteral("Draft “Beach at dawn”");
    QTest::newRow("a draft edit without its title")
        << problem(QStringLiteral("draft"), id, {{QStringLiteral("body"), QStringLiteral("x")}}) << QStringLiteral("A draft");
    QTest::newRow("a conflict resolved") << problem(QStringLiteral("draft_conflict"), id, {}) << QStringLiteral("A conflict resolved");
}

void TestSyncProblemsDialog::eachChangeIsNamedAsTheMemberMadeIt()
{
    QFETCH(sync::SyncProblem, refused);
    QFETCH(QString, named);
    QCOMPARE(SyncProblemsDialog::describe(refused), named);
}

void TestSyncProblemsDialog::whatWasSentIsKeptWhole()
{
    const sync::SyncProblem refused = problem(QStringLiteral("fans"), QStringLiteral("x"), rows(3000));
    const QString text = SyncProblemsDialog::localCopyText(refused);
    QCOMPARE(QJsonDocument::fromJson(text.toUtf8()).object(), refused.localCopy); // copied, it can be read back as it was sent
    QVERIFY(text.contains(u'\n')); // indented for people
}

QTEST_MAIN(TestSyncProblemsDialog)
#include "tst_syncproblemsdialog.moc"
