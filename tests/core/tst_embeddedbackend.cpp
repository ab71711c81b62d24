#include "backend/embeddedbackend.h"
#include "importing/demodata.h"
#include "storage/migrator.h"
#include "testutil.h"

#include <QDateTime>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace huntaze;
using huntaze::test::await;

namespace {
const QString password = QStringLiteral("long enough password");
// A hang limit: three creators' years of earnings and conversations, under AddressSanitizer on two busy cores.
constexpr int demoAgencyLimitMs = 180'000;
} // namespace

class TestEmbeddedBackend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void signUpStartsSession();
    void signUpRejectsBadInput_data();
    void signUpRejectsBadInput();
    void duplicateEmailIsRefused();
    void signInWithRightPassword();
    void wrongPasswordAndUnknownEmailLookAlike();
    void restoreSessionAfterRestart();
    void signOutEndsThisSessionOnlyButForEveryProcess();
    void signingOutEverywhereEndsEverySession();
    void changingThePasswordEndsTheOtherSessions_data();
    void changingThePasswordEndsTheOtherSessions();
    void updateProfilePersists();
    void updateProfileNeedsSession();
    void invalidProfileIsRefusedAndNothingChanges();
    void databaseHoldsNoSecrets();
    void newerDatabaseIsRefused();
    void fansAndOffersBelongToTheirAccount();
    void importIsAllOrNothing();
    void statementLinesMadeInCodeMeetTheSameRules();
    void draftsAreKept();
    void aNewAgencyBecomesTheDemoAgency();
    void theDemoAgencyIsForANewAgencyOnly_data();
    void theDemoAgencyIsForANewAgencyOnly();

private:
    std::unique_ptr<EmbeddedBackend> makeBackend();
    User signUp(EmbeddedBackend &backend, const QString &email = QStringLiteral("mia@example.com"));

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EmbeddedBackend> m_backend;
};

std::unique_ptr<EmbeddedBackend> TestEmbeddedBackend::makeBackend()
{
    auto backend = std::make_unique<EmbeddedBackend>(m_dir->filePath(QStringLiteral("huntaze.sqlite")),
                                                     PasswordHasher(PasswordHasher::minimumCost()));
    const Result<void> opened = await(backend->open());
    if (!opened.ok())
        qFatal("open failed: %s", qPrintable(opened.error().detail));
    return backend;
}

User TestEmbeddedBackend::signUp(EmbeddedBackend &backend, const QString &email)
{
    const Result<User> user = await(backend.signUp({email, password, QStringLiteral("Mia Rose")}));
    if (!user.ok())
        qFatal("sign-up failed: %s", qPrintable(user.error().message));
    return user.value();
}

void TestEmbeddedBackend::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_backend = makeBackend();
}

void TestEmbeddedBackend::cleanup()
{
    m_backend.reset();
    m_dir.reset();
}

void TestEmbeddedBackend::signUpStartsSession()
{
    QVERIFY(m_backend->sessionToken().isEmpty());
    const Result<User> user = await(m_backend->signUp({QStringLiteral(" Mia@Example.com "), password, QStringLiteral("Mia Rose")}));
    QVERIFY(user.ok());
    QCOMPARE(user.value().email, QStringLiteral("mia@example.com"));
    QCOMPARE(user.value().profile.displayName, QStringLiteral("Mia Rose"));
    QVERIFY(user.value().id > 0);
    QVERIFY(user.value().createdAt.isValid());
    QVERIFY(m_backend->sessionToken().size() >= 40);
    QCOMPARE(await(m_backend->currentUser()).value(), user.value());
}

void TestEmbeddedBackend::signUpRejectsBadInput_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("pass");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("field");
    QTest::newRow("bad email") << QStringLiteral("mia") << password << QStringLiteral("Mia") << QStringLiteral("email");
    QTest::newRow("short password") << QStringLiteral("mia@example.com") << QStringLiteral("short") << QStringLiteral("Mia")
                                    << QStringLiteral("password");
    QTest::newRow("no name") << QStringLiteral("mia@example.com") << password << QString() << QStringLiteral("displayName");
}

void TestEmbeddedBackend::signUpRejectsBadInput()
{
    QFETCH(QString, email);
    QFETCH(QString, pass);
    QFETCH(QString, displayName);
    QFETCH(QString, field);
    const Result<User> user = await(m_backend->signUp({email, pass, displayName}));
    QVERIFY(!user.ok());
    QCOMPARE(user.error().code, ErrorCode::Validation);
    QCOMPARE(user.error().field, field);
    QVERIFY(m_backend->sessionToken().isEmpty());
    // Nothing was created: the right data still signs up.
    QVERIFY(await(m_backend->signUp({QStringLiteral("mia@example.com"), password, QStringLiteral("Mia")})).ok());
}

void TestEmbeddedBackend::duplicateEmailIsRefused()
{
    signUp(*m_backend);
    const Result<User> again = await(m_backend->signUp({QStringLiteral("MIA@example.com"), password, QStringLiteral("Other")}));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
    QCOMPARE(again.error().field, QStringLiteral("email"));
    // The first account is intact.
    QCOMPARE(await(m_backend->signIn(QStringLiteral("mia@example.com"), password)).value().profile.displayName, QStringLiteral("Mia Rose"));
}

void TestEmbeddedBackend::signInWithRightPassword()
{
    const User created = signUp(*m_backend);
    QVERIFY(await(m_backend->signOut()).ok());
    const Result<User> user = await(m_backend->signIn(QStringLiteral("MIA@EXAMPLE.COM"), password));
    QVERIFY(user.ok());
    QCOMPARE(user.value(), created);
    QVERIFY(!m_backend->sessionToken().isEmpty());
}

void TestEmbeddedBackend::wrongPasswordAndUnknownEmailLookAlike()
{
    signUp(*m_backend);
    QVERIFY(await(m_backend->signOut()).ok());
    const Result<User> wrongPassword = await(m_backend->signIn(QStringLiteral("mia@example.com"), QStringLiteral("wrong password!")));
    const Result<User> unknownEmail = await(m_backend->signIn(QStringLiteral("nobody@example.com"), password));
    QVERIFY(!wrongPassword.ok());
    QVERIFY(!unknownEmail.ok());
    QCOMPARE(wrongPassword.error().code, ErrorCode::InvalidCredentials);
    QCOMPARE(unknownEmail.error().code, ErrorCode::InvalidCredentials);
    QCOMPARE(wrongPassword.error().message, unknownEmail.error().message);
    QVERIFY(wrongPassword.error().field.isEmpty());
    QVERIFY(m_backend->sessionToken().isEmpty());
}

void TestEmbeddedBackend::restoreSessionAfterRestart()
{
    const User created = signUp(*m_backend);
    const QString token = m_backend->sessionToken();
    m_backend.reset();

    m_backend = makeBackend();
    QVERIFY(m_backend->sessionToken().isEmpty());
    const Result<User> restored = await(m_backend->restoreSession(token));
    QVERIFY(restored.ok());
    QCOMPARE(restored.value(), created);
    QCOMPARE(m_backend->sessionToken(), token);

    const Result<User> forged = await(makeBackend()->restoreSession(token + QStringLiteral("x")));
    QCOMPARE(forged.error().code, ErrorCode::Unauthorized);
}

void TestEmbeddedBackend::signOutEndsThisSessionOnlyButForEveryProcess()
{
    signUp(*m_backend);
    const QString token = m_backend->sessionToken();
    // The same account signed in a second time (another window, another run of the app).
    auto other = makeBackend();
    QVERIFY(await(other->signIn(QStringLiteral("mia@example.com"), password)).ok());
    const QString otherToken = other->sessionToken();

    QVERIFY(await(m_backend->signOut()).ok());
    QVERIFY(m_backend->sessionToken().isEmpty());
    QCOMPARE(await(m_backend->currentUser()).error().code, ErrorCode::Unauthorized);
    // The token is dead in the database, not only forgotten here: no process can restore it.
    QCOMPARE(await(makeBackend()->restoreSession(token)).error().code, ErrorCode::Unauthorized);
    // The other session is untouched: signing out is not "sign out everywhere".
    QCOMPARE(await(makeBackend()->restoreSession(otherToken)).value().email, QStringLiteral("mia@example.com"));
}

void TestEmbeddedBackend::signingOutEverywhereEndsEverySession()
{
    signUp(*m_backend);
    const QString token = m_backend->sessionToken();
    auto other = makeBackend();
    QVERIFY(await(other->signIn(QStringLiteral("mia@example.com"), password)).ok());
    QVERIFY(await(m_backend->signOutEverywhere()).ok());
    QVERIFY(m_backend->sessionToken().isEmpty());
    QCOMPARE(await(other->currentUser()).error().code, ErrorCode::Unauthorized);
    QCOMPARE(await(makeBackend()->restoreSession(token)).error().code, ErrorCode::Unauthorized);
    QVERIFY(await(makeBackend()->signIn(QStringLiteral("mia@example.com"), password)).ok()); // the login itself stays
}

void TestEmbeddedBackend::changingThePasswordEndsTheOtherSessions_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("next");
    QTest::addColumn<QString>("field"); // empty: changed
    QTest::newRow("changed") << password << QStringLiteral("another long password") << QString();
    QTest::newRow("wrong current password") << QStringLiteral("not the password") << QStringLiteral("another long password")
                                            << QStringLiteral("currentPassword");
    QTest::newRow("no current password") << QString() << QStringLiteral("another long password") << QStringLiteral("currentPassword");
    QTest::newRow("new one too short") << password << QStringLiteral("short") << QStringLiteral("newPassword");
    QTest::newRow("the same again") << password << password << QStringLiteral("newPassword");
}

void TestEmbeddedBackend::changingThePasswordEndsTheOtherSessions()
{
    QFETCH(QString, current);
    QFETCH(QString, next);
    QFETCH(QString, field);
    signUp(*m_backend);
    auto other = makeBackend();
    QVERIFY(await(other->signIn(QStringLiteral("mia@example.com"), password)).ok());

    const Result<void> changed = await(m_backend->changePassword(current, next));
    if (!field.isEmpty()) {
        QVERIFY(!changed.ok());
        QCOMPARE(changed.error().field, field);
        QVERIFY(!changed.error().message.isEmpty());
        // Nothing changed: the old password works, the other session too.
        QVERIFY(await(other->currentUser()).ok());
        QVERIFY(await(makeBackend()->signIn(QStringLiteral("mia@example.com"), password)).ok());
        return;
    }
    QVERIFY2(changed.ok(), qPrintable(changed.ok() ? QString() : changed.error().message));
    QVERIFY(await(m_backend->currentUser()).ok()); // this session stays
    QCOMPARE(await(other->currentUser()).error().code, ErrorCode::Unauthorized);
    QCOMPARE(await(makeBackend()->signIn(QStringLiteral("mia@example.com"), password)).error().code, ErrorCode::InvalidCredentials);
    QVERIFY(await(makeBackend()->signIn(QStringLiteral("mia@example.com"), next)).ok());
    AuditFilter filter;
    filter.action = audit::passwordChanged;
    QCOMPARE(await(m_backend->auditLog(filter)).value().size(), 1);
}

void TestEmbeddedBackend::updateProfilePersists()
{
    signUp(*m_backend);
    Profile profile;
    profile.displayName = QStringLiteral("Mia");
    profile.niche = QStringLiteral("Fitness");
    profile.audience = QStringLiteral("Gym lovers, 25-40");
    profile.tone = QStringLiteral("Playful");
    profile.platforms = {QStringLiteral("onlyfans"), QStringLiteral("instagram")};
    profile.timeZone = QStringLiteral("Europe/Paris");
    const Result<User> saved = await(m_backend->updateProfile(profile));
    QVERIFY(saved.ok());
    QCOMPARE(saved.value().profile.platforms, (QStringList{QStringLiteral("instagram"), QStringLiteral("onlyfans")}));

    const QString token = m_backend->sessionToken();
    m_backend = makeBackend();
    const Result<User> reloaded = await(m_backend->restoreSession(token));
    QCOMPARE(reloaded.value().profile, saved.value().profile);
}

void TestEmbeddedBackend::updateProfileNeedsSession()
{
    Profile profile;
    profile.displayName = QStringLiteral("Mia");
    QCOMPARE(await(m_backend->updateProfile(profile)).error().code, ErrorCode::Unauthorized);
}

void TestEmbeddedBackend::invalidProfileIsRefusedAndNothingChanges()
{
    const User created = signUp(*m_backend);
    Profile profile = created.profile;
    profile.niche = QStringLiteral("Cooking");
    profile.timeZone = QStringLiteral("Nowhere/Nothing");
    const Result<User> refused = await(m_backend->updateProfile(profile));
    QCOMPARE(refused.error().code, ErrorCode::Validation);
    QCOMPARE(refused.error().field, QStringLiteral("timeZone"));
    QCOMPARE(await(m_backend->currentUser()).value().profile, created.profile);
}

void TestEmbeddedBackend::databaseHoldsNoSecrets()
{
    signUp(*m_backend);
    const QString token = m_backend->sessionToken();
    m_backend.reset();
    QByteArray everything;
    const QDir dir(m_dir->path());
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        everything += file.readAll();
    }
    QVERIFY(!everything.isEmpty());
    QVERIFY(!everything.contains(password.toUtf8()));
    QVERIFY(!everything.contains(token.toUtf8()));
    QVERIFY(everything.contains("$argon2id$"));
}

void TestEmbeddedBackend::newerDatabaseIsRefused()
{
    m_backend.reset();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(m_dir->filePath(QStringLiteral("huntaze.sqlite")));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (999, 'future')")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));

    EmbeddedBackend backend(m_dir->filePath(QStringLiteral("huntaze.sqlite")));
    const Result<void> opened = await(backend.open());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::SchemaTooNew);
    QVERIFY(opened.error().message.contains(QStringLiteral("999")));
}

void TestEmbeddedBackend::fansAndOffersBelongToTheirAccount()
{
    QCOMPARE(await(m_backend->fans()).error().code, ErrorCode::Unauthorized);
    signUp(*m_backend, QStringLiteral("mia@example.com"));
    Fan fan;
    fan.name = QStringLiteral("Leo");
    fan.tags = {QStringLiteral("vip")};
    fan.totalSpend = 42.5;
    fan.lastActive = QDate(2026, 11, 20);
    QCOMPARE(await(m_backend->importFans({fan})).value(), 1);
    QCOMPARE(await(m_backend->importOffers({Offer{0, QStringLiteral("Set"), 9.99, 100, 12, QDate(2026, 11, 1)}})).value(), 1);
    const QList<Fan> fans = await(m_backend->fans()).value();
    QCOMPARE(fans.size(), 1);
    QCOMPARE(fans.first().name, QStringLiteral("Leo"));
    QCOMPARE(fans.first().tags, QStringList{QStringLiteral("vip")});
    QCOMPARE(fans.first().lastActive, QDate(2026, 11, 20));
    QCOMPARE(await(m_backend->offers()).value().first().purchases, 12);

    // Another account on the same computer sees none of it.
    QVERIFY(await(m_backend->signOut()).ok());
    signUp(*m_backend, QStringLiteral("leo@example.com"));
    QVERIFY(await(m_backend->fans()).value().isEmpty());
    QVERIFY(await(m_backend->offers()).value().isEmpty());
}

void TestEmbeddedBackend::importIsAllOrNothing()
{
    signUp(*m_backend);
    QList<Offer> offers{{0, QStringLiteral("Good"), 5, 10, 1, {}}, {0, QStringLiteral("Impossible"), 5, 10, 11, {}}};
    const Result<int> imported = await(m_backend->importOffers(offers));
    QVERIFY(!imported.ok());
    // The same row rules as the server's, naming the row, not a generic storage error.
    QCOMPARE(imported.error().code, ErrorCode::Validation);
    QCOMPARE(imported.error().field, QStringLiteral("offers[1].purchases"));
    QVERIFY2(imported.error().message.startsWith(QStringLiteral("Row 2: ")), qPrintable(imported.error().message));
    QVERIFY(await(m_backend->offers()).value().isEmpty());
}

// Lines that never went through a file's parsing (a move, another tool) are
// held to the same rules, named by line, not refused by the database.
void TestEmbeddedBackend::statementLinesMadeInCodeMeetTheSameRules()
{
    signUp(*m_backend);
    const QDateTime at(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC);
    const analytics::EarningEvent good{at, analytics::EarningKind::Tip, 500, 400, QStringLiteral("USD"), QStringLiteral("ada"), {}, 0};
    analytics::EarningEvent netAboveGross = good;
    netAboveGross.occurredAt = at.addSecs(60);
    netAboveGross.netCents = 600;
    const Result<int> refused = await(m_backend->importEarnings({good, netAboveGross}));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Validation);
    QCOMPARE(refused.error().field, QStringLiteral("earnings[1].net"));
    QVERIFY2(refused.error().message.startsWith(QStringLiteral("Line 2: ")), qPrintable(refused.error().message));
    QCOMPARE(await(m_backend->importEarnings({good})).value(), 1); // nothing of the refused import was kept
    // In another currency than the account's: refused as a file's line would be (Huntaze converts nothing).
    analytics::EarningEvent inEuros = good;
    inEuros.occurredAt = at.addSecs(120);
    inEuros.currency = QStringLiteral("EUR");
    const Result<int> otherCurrency = await(m_backend->importEarnings({inEuros}));
    QVERIFY(!otherCurrency.ok());
    QCOMPARE(otherCurrency.error().field, QStringLiteral("earnings[0].currency"));
    QVERIFY2(otherCurrency.error().message.contains(QStringLiteral("counts in USD")), qPrintable(otherCurrency.error().message));
    QVERIFY(await(m_backend->setCreatorPreference(QStringLiteral("currency"), QStringLiteral("EUR"))).ok());
    QCOMPARE(await(m_backend->importEarnings({inEuros})).value(), 1);
}

void TestEmbeddedBackend::draftsAreKept()
{
    signUp(*m_backend);
    Draft blank;
    blank.kind = Draft::Kind::Message;
    blank.body = QStringLiteral("  ");
    QCOMPARE(await(m_backend->saveDraft(blank)).error().code, ErrorCode::Validation);
    Draft message;
    message.kind = Draft::Kind::Message;
    message.title = QStringLiteral("Re-engage");
    message.body = QStringLiteral("Hi {{fan.first_name}}");
    message.audience = QStringLiteral("whales");
    Draft saved = await(m_backend->saveDraft(message)).value();
    QVERIFY(!QUuid::fromString(saved.id).isNull());
    QVERIFY(saved.createdAt.isValid());
    QCOMPARE(saved.audience, QStringLiteral("whales"));
    QList<Draft> drafts = await(m_backend->visibleDrafts()).value();
    QCOMPARE(drafts.size(), 1);
    QCOMPARE(drafts.first(), saved);

    // Saved again under its id: the same draft, changed; deleted: gone from the list.
    saved.body = QStringLiteral("Hey {{fan.first_name}}");
    saved.status = Draft::Status::Ready;
    const Draft changed = await(m_backend->saveDraft(saved)).value();
    QCOMPARE(changed.id, saved.id);
    QCOMPARE(changed.createdAt, saved.createdAt);
    drafts = await(m_backend->visibleDrafts()).value();
    QCOMPARE(drafts.size(), 1);
    QCOMPARE(drafts.first().body, QStringLiteral("Hey {{fan.first_name}}"));
    QCOMPARE(drafts.first().status, Draft::Status::Ready);
    QVERIFY(await(m_backend->deleteDraft(0, saved.id)).ok());
    QVERIFY(await(m_backend->visibleDrafts()).value().isEmpty());
    QCOMPARE(await(m_backend->deleteDraft(0, saved.id)).error().code, ErrorCode::NotFound);
    // A deleted draft stays deleted: saving under its id again is refused, never a silent second copy.
    QVERIFY(!await(m_backend->saveDraft(saved)).ok());
    QVERIFY(await(m_backend->visibleDrafts()).value().isEmpty());
}

void TestEmbeddedBackend::aNewAgencyBecomesTheDemoAgency()
{
    signUp(*m_backend);
    QVERIFY(m_backend->offersDemoAgency());
    const Result<int> made = await(m_backend->addDemoAgency(), demoAgencyLimitMs);
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().detail));
    QVERIFY(made.value() > 1000); // a year of statement lines alone is thousands
    const User owner = await(m_backend->currentUser()).value();
    QCOMPARE(owner.creators.size(), 3);

    analytics::DashboardRequest request;
    request.range = analytics::DateRange::lastDays(QDateTime::currentDateTimeUtc().date(), 30);
    const Result<analytics::AgencyAnalytics> view = await(m_backend->agencyAnalytics(request), demoAgencyLimitMs);
    QVERIFY(view.ok());
    QCOMPARE(view.value().creators.size(), 3);
    for (const analytics::CreatorRow &creator : view.value().creators)
        QVERIFY2(creator.cents > 0 && creator.activeSubscribers > 0, qPrintable(creator.name));
    QStringList chatters;
    for (const analytics::ChatterRow &row : view.value().chatters) {
        if (row.totals.sent > 0)
            chatters.append(row.email);
    }
    chatters.sort();
    QCOMPARE(chatters, (QStringList{demodata::chatters().at(0).email, demodata::chatters().at(1).email}));

    // Their shifts credit them with sales by the shift rule too.
    QVERIFY(await(m_backend->setSalesAttribution(analytics::Attribution::Shift)).ok());
    const Result<analytics::AgencyAnalytics> byShift = await(m_backend->agencyAnalytics(request), demoAgencyLimitMs);
    QVERIFY(byShift.ok());
    for (const demodata::Chatter &chatter : demodata::chatters()) {
        const auto row = std::find_if(byShift.value().chatters.cbegin(), byShift.value().chatters.cend(),
                                      [&chatter](const analytics::ChatterRow &r) { return r.email == chatter.email; });
        QVERIFY2(row != byShift.value().chatters.cend() && row->attributedCents() > 0, qPrintable(chatter.email));
    }

    // Nobody signs in as a demo chatter, whatever the password.
    QVERIFY(await(m_backend->signOut()).ok());
    for (const QString &guess : {password, QString(QStringLiteral(" ")), QString()}) {
        const Result<User> signedIn = await(m_backend->signIn(demodata::chatters().at(0).email, guess));
        QVERIFY(!signedIn.ok());
        QVERIFY(signedIn.error().code == ErrorCode::InvalidCredentials || signedIn.error().code == ErrorCode::Validation);
    }
}

void TestEmbeddedBackend::theDemoAgencyIsForANewAgencyOnly_data()
{
    QTest::addColumn<QString>("before");
    QTest::newRow("made before") << QStringLiteral("demo");
    QTest::newRow("with fans") << QStringLiteral("fans");
    QTest::newRow("with a second creator") << QStringLiteral("creator");
    QTest::newRow("with earnings") << QStringLiteral("earnings");
}

void TestEmbeddedBackend::theDemoAgencyIsForANewAgencyOnly()
{
    QFETCH(QString, before);
    signUp(*m_backend);
    if (before == QLatin1String("demo"))
        QVERIFY(await(m_backend->addDemoAgency(), demoAgencyLimitMs).ok());
    if (before == QLatin1String("fans"))
        QVERIFY(await(m_backend->importFans(demodata::fans(3))).ok());
    if (before == QLatin1String("creator")) {
        Profile second;
        second.displayName = QStringLiteral("Second");
        QVERIFY(await(m_backend->addCreator(second)).ok());
    }
    if (before == QLatin1String("earnings")) {
        const QList<analytics::EarningEvent> one{demodata::earnings(QDate(2026, 1, 31), QTimeZone::utc(), QStringLiteral("USD")).first()};
        QVERIFY(await(m_backend->importEarnings(one)).ok());
    }
    const int creators = static_cast<int>(await(m_backend->currentUser()).value().creators.size());
    const qsizetype fans = await(m_backend->fans()).value().size();

    const Result<int> refused = await(m_backend->addDemoAgency(), demoAgencyLimitMs);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY(!refused.error().message.isEmpty());
    // Nothing of it was written.
    QCOMPARE(await(m_backend->currentUser()).value().creators.size(), creators);
    QCOMPARE(await(m_backend->fans()).value().size(), fans);
}

QTEST_GUILESS_MAIN(TestEmbeddedBackend)
#include "tst_embeddedbackend.moc"
