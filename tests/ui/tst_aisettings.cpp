#include "ai/aitools.h"
#include "desktopfixture.h"
#include "pages/captionspage.h"
#include "pages/ideaspage.h"
#include "pages/messagespage.h"
#include "pages/pageids.h"
#include "pages/settingspage.h"
#include "style/theme.h"
#include "testhttpserver.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;
using Reply = huntaze::test::TestHttpServer::Reply;

class TestAiSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void onlineProviderIsUsedAndRemembered();
    void unencryptedRemoteAddressIsRefused();
    void testConnectionReportsBadKey();
    void streamedDraftFillsTheEditorAsItArrives();
    void slowIdeasCanBeStopped();
    void slowCaptionsCanBeStopped();

private:
    SettingsPage *settings() const { return qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings)); }
    QString status() const { return settings()->findChild<QLabel *>(QStringLiteral("aiStatus"))->text(); }
    void chooseOnline(const QString &address, const QString &key);

    std::unique_ptr<test::TestHttpServer> m_server;
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestAiSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestAiSettings::init()
{
    AppSettings().setAiProvider(AppSettings::AiProviderKind::Offline);
    m_server = std::make_unique<test::TestHttpServer>();
    m_server->setHandler([](const test::TestHttpServer::Request &request) {
        if (request.headers.value("authorization") != "Bearer sk-good")
            return Reply::json(401, {{QStringLiteral("error"), QStringLiteral("bad key")}});
        if (request.path.endsWith("/models"))
            return Reply::json(200, {{QStringLiteral("data"), QJsonArray{}}});
        if (request.body.contains("Theme: stall") || request.body.contains("for: stall"))
            return Reply::stall();
        if (request.body.contains("\"stream\":true")) {
            QList<QByteArray> chunks;
            for (const char *token : {"Hey {{fan.first_name|you}}", ", long time", " no see!", " — {{creator.name}}"}) {
                const QJsonObject delta{{QStringLiteral("content"), QString::fromUtf8(token)}};
                chunks.append(
                    "data: "
                    + QJsonDocument(QJsonObject{{QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("delta"), delta}}}}})
                          .toJson(QJsonDocument::Compact)
                    + "\n\n");
            }
            chunks.append("data: [DONE]\n\n");
            Reply reply = Reply::stream(chunks);
            reply.chunkDelayMs = 30;
            return reply;
        }
        const QJsonObject idea{{QStringLiteral("title"), QStringLiteral("Server idea")},
                               {QStringLiteral("description"), QStringLiteral("d")},
                               {QStringLiteral("format"), QStringLiteral("video")},
                               {QStringLiteral("caption"), QStringLiteral("c")},
                               {QStringLiteral("hashtags"), QJsonArray{QStringLiteral("tag")}}};
        const QString content = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("ideas"), QJsonArray{idea}}}).toJson());
        const QJsonObject message{{QStringLiteral("content"), content}};
        return Reply::json(200, {{QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("message"), message}}}}});
    });
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
    m_app->window().showPage(pageids::settings);
}

void TestAiSettings::cleanup()
{
    m_app.reset();
    m_server.reset();
    AppSettings().setAiProvider(AppSettings::AiProviderKind::Offline);
}

void TestAiSettings::chooseOnline(const QString &address, const QString &key)
{
    QComboBox *provider = settings()->aiProviderBox();
    provider->setCurrentIndex(provider->findData(QVariant::fromValue(AppSettings::AiProviderKind::OpenAiCompatible)));
    QVERIFY(settings()->aiKeyEdit()->isVisible());
    settings()->aiBaseUrlEdit()->setText(address);
    settings()->aiModelEdit()->setText(QStringLiteral("llama3"));
    settings()->aiKeyEdit()->setText(key);
}

void TestAiSettings::onlineProviderIsUsedAndRemembered()
{
    QVERIFY(m_app->core().aiTools().provider().isOffline());
    chooseOnline(m_server->url(QStringLiteral("/v1")).toString(), QStringLiteral("sk-good"));
    QSignalSpy saved(settings(), &SettingsPage::aiSettingsSaved);
    settings()->saveAiSettings();
    QTRY_COMPARE(saved.count(), 1);
    QVERIFY(!m_app->core().aiTools().provider().isOffline());
    QVERIFY(settings()->aiKeyEdit()->text().isEmpty()); // the key never lingers in the form
    QCOMPARE(m_app->keychain()->value(AppSettings::aiApiKeySecret()), QStringLiteral("sk-good"));

    m_app->window().showPage(pageids::ideas);
    auto *ideas = qobject_cast<IdeasPage *>(m_app->window().page(pageids::ideas));
    QVERIFY(!ideas->findChild<QLabel *>(QStringLiteral("ideaSource"))->text().startsWith(QStringLiteral("Offline")));
    QSignalSpy shown(ideas, &IdeasPage::ideasShown);
    ideas->primaryAction()->trigger();
    QTRY_COMPARE(shown.count(), 1);
    QCOMPARE(ideas->ideas().first().title, QStringLiteral("Server idea"));
    QVERIFY(m_server->requests().last().path.endsWith("/chat/completions"));

    // After a restart the provider comes back, key from the keychain.
    m_app->stop();
    m_app->start();
    QTRY_VERIFY(!m_app->core().aiTools().provider().isOffline());
}

void TestAiSettings::unencryptedRemoteAddressIsRefused()
{
    chooseOnline(QStringLiteral("http://ai.example.com/v1"), QStringLiteral("sk-good"));
    settings()->saveAiSettings();
    QVERIFY2(status().startsWith(QStringLiteral("Use https")), qPrintable(status()));
    QVERIFY(m_app->core().aiTools().provider().isOffline());
    QVERIFY(!m_app->keychain()->contains(AppSettings::aiApiKeySecret()));
}

void TestAiSettings::testConnectionReportsBadKey()
{
    chooseOnline(m_server->url(QStringLiteral("/v1")).toString(), QStringLiteral("sk-bad"));
    QSignalSpy tested(settings(), &SettingsPage::aiConnectionTested);
    settings()->testAiConnection();
    QTRY_COMPARE(tested.count(), 1);
    QCOMPARE(tested.first().first().toBool(), false);
    QVERIFY2(status().contains(QStringLiteral("refused the API key")), qPrintable(status()));

    settings()->aiKeyEdit()->setText(QStringLiteral("sk-good"));
    settings()->testAiConnection();
    QTRY_COMPARE(tested.count(), 2);
    QCOMPARE(tested.last().first().toBool(), true);
    QVERIFY(status().startsWith(QStringLiteral("Connected to 127.0.0.1")));
}

void TestAiSettings::streamedDraftFillsTheEditorAsItArrives()
{
    chooseOnline(m_server->url(QStringLiteral("/v1")).toString(), QStringLiteral("sk-good"));
    QSignalSpy saved(settings(), &SettingsPage::aiSettingsSaved);
    settings()->saveAiSettings();
    QTRY_COMPARE(saved.count(), 1);

    m_app->window().showPage(pageids::messages);
    auto *messages = qobject_cast<MessagesPage *>(m_app->window().page(pageids::messages));
    QStringList seen;
    connect(messages->editor(), &QPlainTextEdit::textChanged, this, [&] { seen.append(messages->editor()->toPlainText()); });
    messages->goalEdit()->setText(QStringLiteral("re-engage"));
    messages->draftFromGoal();
    QTRY_VERIFY(messages->findChild<QLabel *>(QStringLiteral("messageStatus"))->text().startsWith(QStringLiteral("Draft ready")));
    QCOMPARE(messages->editor()->toPlainText(), QStringLiteral("Hey {{fan.first_name|you}}, long time no see! — {{creator.name}}"));
    // The text grew token by token before the final version replaced it.
    QVERIFY(seen.contains(QStringLiteral("Hey {{fan.first_name|you}}")));
    QVERIFY(seen.contains(QStringLiteral("Hey {{fan.first_name|you}}, long time")));
}

void TestAiSettings::slowIdeasCanBeStopped()
{
    chooseOnline(m_server->url(QStringLiteral("/v1")).toString(), QStringLiteral("sk-good"));
    QSignalSpy saved(settings(), &SettingsPage::aiSettingsSaved);
    settings()->saveAiSettings();
    QTRY_COMPARE(saved.count(), 1);
    m_app->window().showPage(pageids::ideas);
    auto *ideas = qobject_cast<IdeasPage *>(m_app->window().page(pageids::ideas));
    ideas->themeEdit()->setText(QStringLiteral("stall"));
    ideas->primaryAction()->trigger();
    QVERIFY(ideas->isGenerating());
    QTRY_COMPARE(m_server->requestCount(), 1);
    QVERIFY(ideas->secondaryActions().first()->isEnabled());
    ideas->secondaryActions().first()->trigger();
    QVERIFY(!ideas->isGenerating());
    QVERIFY(ideas->primaryAction()->isEnabled());
    QCOMPARE(ideas->findChild<QLabel *>(QStringLiteral("ideasStatus"))->text(), QStringLiteral("Stopped. Nothing was generated."));
    // The call itself was abandoned, not left to time out: the breaker saw no failure.
    QTRY_COMPARE(m_app->core().api().callsInFlight(), 0);
    QCOMPARE(m_app->core().breakers().breaker(QStringLiteral("ai-provider")).metrics().failures, 0u);
}

void TestAiSettings::slowCaptionsCanBeStopped()
{
    chooseOnline(m_server->url(QStringLiteral("/v1")).toString(), QStringLiteral("sk-good"));
    QSignalSpy saved(settings(), &SettingsPage::aiSettingsSaved);
    settings()->saveAiSettings();
    QTRY_COMPARE(saved.count(), 1);
    m_app->window().showPage(pageids::captions);
    auto *captions = qobject_cast<CaptionsPage *>(m_app->window().page(pageids::captions));
    captions->textEdit()->setPlainText(QStringLiteral("stall"));
    captions->primaryAction()->trigger();
    QVERIFY(captions->isWriting());
    QTRY_COMPARE(m_server->requestCount(), 1);
    captions->secondaryActions().last()->trigger(); // Stop
    QVERIFY(!captions->isWriting());
    QVERIFY(captions->primaryAction()->isEnabled());
    QTRY_COMPARE(m_app->core().api().callsInFlight(), 0);
}

QTEST_MAIN(TestAiSettings)
#include "tst_aisettings.moc"
