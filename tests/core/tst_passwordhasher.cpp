#include "auth/passwordhasher.h"

#include <QTest>

using namespace huntaze;

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hashIsArgon2idAndVerifies();
    void wrongPasswordIsRejected_data();
    void wrongPasswordIsRejected();
    void saltMakesEveryHashDifferent();
    void weakerHashNeedsRehash();
    void garbageHashNeverVerifies();
};

void TestPasswordHasher::hashIsArgon2idAndVerifies()
{
    const PasswordHasher hasher(PasswordHasher::minimumCost());
    const Result<QByteArray> hash = hasher.hash(QStringLiteral("correct horse battery"));
    QVERIFY(hash.ok());
    QVERIFY2(hash.value().startsWith("$argon2id$"), hash.value().constData());
    QVERIFY(!hash.value().contains("correct horse"));
    QVERIFY(hasher.verify(hash.value(), QStringLiteral("correct horse battery")));
}

void TestPasswordHasher::wrongPasswordIsRejected_data()
{
    QTest::addColumn<QString>("attempt");
    QTest::newRow("different") << QStringLiteral("incorrect horse battery");
    QTest::newRow("case") << QStringLiteral("Correct horse battery");
    QTest::newRow("prefix") << QStringLiteral("correct horse batter");
    QTest::newRow("trailing space") << QStringLiteral("correct horse battery ");
    QTest::newRow("empty") << QString();
}

void TestPasswordHasher::wrongPasswordIsRejected()
{
    QFETCH(QString, attempt);
    const PasswordHasher hasher(PasswordHasher::minimumCost());
    const QByteArray hash = hasher.hash(QStringLiteral("correct horse battery")).value();
    QVERIFY(!hasher.verify(hash, attempt));
}

void TestPasswordHasher::saltMakesEveryHashDifferent()
{
    const PasswordHasher hasher(PasswordHasher::minimumCost());
    const QByteArray first = hasher.hash(QStringLiteral("same password!")).value();
    const QByteArray second = hasher.hash(QStringLiteral("same password!")).value();
    QVERIFY(first != second);
    QVERIFY(hasher.verify(first, QStringLiteral("same password!")));
    QVERIFY(hasher.verify(second, QStringLiteral("same password!")));
}

void TestPasswordHasher::weakerHashNeedsRehash()
{
    const QByteArray weak = PasswordHasher(PasswordHasher::minimumCost()).hash(QStringLiteral("some password")).value();
    const PasswordHasher strong(PasswordHasher::interactiveCost());
    QVERIFY(strong.needsRehash(weak));
    QVERIFY(strong.verify(weak, QStringLiteral("some password")));
    QVERIFY(!PasswordHasher(PasswordHasher::minimumCost()).needsRehash(weak));
}

void TestPasswordHasher::garbageHashNeverVerifies()
{
    const PasswordHasher hasher(PasswordHasher::minimumCost());
    QVERIFY(!hasher.verify(QByteArray(), QString()));
    QVERIFY(!hasher.verify("not a hash", QStringLiteral("not a hash")));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
