#include "desktopfixture.h"
#include "pages/pageids.h"
#include "pages/settingspage.h"
#include "pages/startuppage.h"
#include "style/theme.h"
#include "testhttpserver.h"
#include "widgets/backendchooser.h"
#include "widgets/messagelabel.h"

#include <QComboBox>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;
using Reply = huntaze::test::TestHttpServer::Reply;

class TestBackendChooser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void serverAddressMustBeEncrypted();
    void aServerThatIsNotHuntazeIsRefused();
    void deadServerIsReported();
    void huntazeServerIsKeptForTheNextStart();
    void switchingBackToThisComputer();
    void unreachableServerAtStartCanBeRetried();
    void unreachableServerAtStartLeadsToSettings();

private:
    // The app configured for m_server, which does not answer as Huntaze yet.
    StartupPage *startOnSilentServer();
    BackendChooser *chooser() const { return qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings))->backendChooser(); }
    bool tryServer(const QString &address);

    std::unique_ptr<test::TestHttpServer> m_server;
    bool m_serverReady = false;
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestBackendChooser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestBackendChooser::init()
{
    AppSettings settings;
    settings.setBackend(AppSettings::BackendKind::Embedded);
    settings.setServerUrl({});
    m_server = std::make_unique<test::TestHttpServer>();
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->window().showPage(pageids::settings);
}

void TestBackendChooser::cleanup()
{
    m_app.reset();
    m_server.reset();
}

bool TestBackendChooser::tryServer(const QString &address)
{
    chooser()->kindBox()->setCurrentIndex(chooser()->kindBox()->findData(QVariant::fromValue(AppSettings::BackendKind::Remote)));
    if (!chooser()->serverUrlEdit()->isVisible())
        qFatal("the server address field did not appear");
    chooser()->serverUrlEdit()->clear();
    QTest::keyClicks(chooser()->serverUrlEdit(), address);
    QSignalSpy saved(chooser(), &BackendChooser::choiceSaved);
    QTest::keyClick(chooser()->serverUrlEdit(), Qt::Key_Return);
    if (saved.isEmpty() && !saved.wait(15000))
        qFatal("no answer from the chooser");
    return saved.constLast().constFirst().toBool();
}

void TestBackendChooser::serverAddressMustBeEncrypted()
{
    QVERIFY(!tryServer(QStringLiteral("http://agency.example.com")));
    QVERIFY(chooser()->status()->text().contains(QStringLiteral("https")));
    QCOMPARE(AppSettings().backend(), AppSettings::BackendKind::Embedded);
}

void TestBackendChooser::aServerThatIsNotHuntazeIsRefused()
{
    m_server->setHandler([](const test::TestHttpServer::Request &) { return Reply::json(200, {{QStringLiteral("hello"), 1}}); });
    QVERIFY(!tryServer(m_server->url().toString()));
    QVERIFY(chooser()->status()->text().contains(QStringLiteral("not a Huntaze server")));
    QCOMPARE(AppSettings().backend(), AppSettings::BackendKind::Embedded);
}

void TestBackendChooser::deadServerIsReported()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    QVERIFY(!tryServer(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    QVERIFY(chooser()->status()->text().contains(QStringLiteral("127.0.0.1")));
    QVERIFY(chooser()->connectButton()->isEnabled());
}

void TestBackendChooser::huntazeServerIsKeptForTheNextStart()
{
    m_server->setHandler([](const test::TestHttpServer::Request &request) {
        if (request.path == "/health")
            return Reply::json(200, {{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("database"), QStringLiteral("ok")}});
        return Reply::json(404, {});
    });
    QVERIFY(tryServer(m_server->url().toString()));
    AppSettings settings;
    QCOMPARE(settings.backend(), AppSettings::BackendKind::Remote);
    QCOMPARE(QUrl(settings.serverUrl()).port(), m_server->url().port());
    QVERIFY(chooser()->findChild<QPushButton *>(QStringLiteral("restartForBackend"))->isVisible());
    // Nothing changes until the restart: this session keeps its data where it was.
    QVERIFY(m_app->core().backend().identity().startsWith(QStringLiteral("embedded:")));
    m_app->saveScreenshot(QStringLiteral("settings-server"));
}

void TestBackendChooser::switchingBackToThisComputer()
{
    AppSettings().setBackend(AppSettings::BackendKind::Remote);
    QSignalSpy saved(chooser(), &BackendChooser::choiceSaved);
    chooser()->kindBox()->setCurrentIndex(chooser()->kindBox()->findData(QVariant::fromValue(AppSettings::BackendKind::Remote)));
    chooser()->kindBox()->setCurrentIndex(chooser()->kindBox()->findData(QVariant::fromValue(AppSettings::BackendKind::Embedded)));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(AppSettings().backend(), AppSettings::BackendKind::Embedded);
    QVERIFY(!chooser()->serverUrlEdit()->isVisible());
}

StartupPage *TestBackendChooser::startOnSilentServer()
{
    m_serverReady = false;
    m_server->setHandler([this](const test::TestHttpServer::Request &request) {
        if (m_serverReady && request.path == "/health")
            return Reply::json(200, {{QStringLiteral("status"), QStringLiteral("ok")}});
        return Reply::json(404, {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), QStringLiteral("nothing here")}}}});
    });
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->useServer(m_server->url());
    m_app->start(true, false);
    auto *startup = qobject_cast<StartupPage *>(m_app->window().page(pageids::startup));
    if (!QTest::qWaitFor([startup] { return startup->retryButton()->isVisible(); }, 10000))
        qFatal("the start-up failure was never shown");
    return startup;
}

void TestBackendChooser::unreachableServerAtStartCanBeRetried()
{
    StartupPage *startup = startOnSilentServer();
    QVERIFY(!m_app->core().isStarted());
    m_serverReady = true;
    QTest::mouseClick(startup->retryButton(), Qt::LeftButton);
    QTRY_VERIFY(m_app->core().isStarted());
    QTRY_COMPARE(m_app->window().currentPageId(), pageids::signIn);
}

void TestBackendChooser::unreachableServerAtStartLeadsToSettings()
{
    AppSettings().setBackend(AppSettings::BackendKind::Remote);
    StartupPage *startup = startOnSilentServer();
    m_app->saveScreenshot(QStringLiteral("start-failed"));
    QTest::mouseClick(startup->settingsButton(), Qt::LeftButton);
    QCOMPARE(m_app->window().currentPageId(), pageids::settings);
    chooser()->kindBox()->setCurrentIndex(chooser()->kindBox()->findData(QVariant::fromValue(AppSettings::BackendKind::Embedded)));
    QCOMPARE(AppSettings().backend(), AppSettings::BackendKind::Embedded);
    QVERIFY(chooser()->findChild<QPushButton *>(QStringLiteral("restartForBackend"))->isVisible());
}

QTEST_MAIN(TestBackendChooser)
#include "tst_backendchooser.moc"
