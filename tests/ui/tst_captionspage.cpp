#include "desktopfixture.h"
#include "pages/captionspage.h"
#include "pages/pageids.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "testutil.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

class TestCaptionsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void hashtagsRankedByOwnHistory();
    void withoutHistoryItSaysSo();
    void emptyTextIsExplained();

private:
    CaptionsPage *page() const { return qobject_cast<CaptionsPage *>(m_app->window().page(pageids::captions)); }
    void write(const QString &text);
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestCaptionsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestCaptionsPage::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
    m_app->window().showPage(pageids::captions);
}

void TestCaptionsPage::cleanup()
{
    m_app.reset();
}

void TestCaptionsPage::write(const QString &text)
{
    page()->textEdit()->setPlainText(text);
    QSignalSpy shown(page(), &CaptionsPage::captionsShown);
    page()->primaryAction()->trigger();
    QTRY_COMPARE(shown.count(), 1);
}

void TestCaptionsPage::hashtagsRankedByOwnHistory()
{
    QVERIFY(test::await(m_app->core().creatorData().addDemoData()).ok());
    QTRY_COMPARE(m_app->core().creatorData().posts().size(), 30);
    write(QStringLiteral("Sunrise workout on the beach, fitness motivation"));
    QCOMPARE(page()->captionList()->count(), 3);
    for (const QString &caption : page()->result().captions)
        QVERIFY(caption.size() <= PlatformRules::of(QStringLiteral("instagram")).captionLimit);
    // The demo history makes #behindthescenes the creator's best performer.
    const auto &tags = page()->result().hashtags;
    QVERIFY(!tags.isEmpty());
    QCOMPARE(tags.first().tag, QStringLiteral("behindthescenes"));
    QVERIFY(tags.first().fromHistory);
    QVERIFY(page()->hashtagList()->item(0)->text().contains(QStringLiteral("avg")));
    QVERIFY(page()->findChild<QLabel *>(QStringLiteral("hashtagRanking"))->text().contains(QStringLiteral("your own past posts")));

    // Unticked hashtags stay out of the copied post.
    page()->hashtagList()->item(1)->setCheckState(Qt::Unchecked);
    const QString unticked = u'#' + page()->hashtagList()->item(1)->data(Qt::UserRole).toString();
    page()->secondaryActions().first()->trigger();
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY(copied.startsWith(page()->captionList()->currentItem()->text()));
    QVERIFY(copied.contains(QStringLiteral("#behindthescenes")));
    QVERIFY(!copied.contains(unticked + u' ') && !copied.endsWith(unticked));

    // Kept as a post draft with the ticked hashtags, for the Drafts page.
    page()->secondaryActions().at(1)->trigger();
    const CreatorDataStore &data = m_app->core().creatorData();
    QTRY_COMPARE(data.drafts().size(), 1);
    const Draft kept = data.drafts().first();
    QCOMPARE(kept.kind, Draft::Kind::Post);
    QCOMPARE(kept.body, page()->captionList()->currentItem()->text());
    QCOMPARE(kept.title, QStringLiteral("Sunrise workout on the beach, fitness motivation"));
    QCOMPARE(kept.platform, QStringLiteral("instagram"));
    QVERIFY(kept.hashtags.contains(QStringLiteral("behindthescenes")));
    QVERIFY(!kept.hashtags.contains(unticked.mid(1)));
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("captionsStatus"))->text(), QStringLiteral("Kept in Drafts."));
    m_app->saveScreenshot(QStringLiteral("captions"));
}

void TestCaptionsPage::withoutHistoryItSaysSo()
{
    write(QStringLiteral("Cosy reading evening"));
    QVERIFY(page()->findChild<QLabel *>(QStringLiteral("hashtagRanking"))->text().startsWith(QStringLiteral("No past posts yet")));
    for (const auto &tag : page()->result().hashtags)
        QVERIFY(!tag.fromHistory);
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("captionsStatus"))->text(),
             QStringLiteral("Offline suggestions, written on this computer."));
}

void TestCaptionsPage::emptyTextIsExplained()
{
    page()->textEdit()->clear();
    page()->primaryAction()->trigger();
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("captionsStatus"))->text(), QStringLiteral("Describe the post first."));
}

QTEST_MAIN(TestCaptionsPage)
#include "tst_captionspage.moc"
