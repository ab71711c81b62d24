#include "ai/contentidea.h"
#include "desktopfixture.h"
#include "pages/ideaspage.h"
#include "pages/pageids.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "testutil.h"
#include "uiwait.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

class TestIdeasPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void generatesIdeasWithinPlatformLimits_data();
    void generatesIdeasWithinPlatformLimits();
    void ideasCanBeCopiedAndKept();
    void offlineSuggestionsAreLabelled();

private:
    QList<QWidget *> ideaCards() const
    {
        QList<QWidget *> cards;
        for (QWidget *card : page()->findChildren<QWidget *>(QStringLiteral("card")))
            if (card->property("idea").toBool())
                cards.append(card);
        return cards;
    }
    IdeasPage *page() const { return qobject_cast<IdeasPage *>(m_app->window().page(pageids::ideas)); }
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestIdeasPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestIdeasPage::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
    QVERIFY(test::await(m_app->core().creatorData().addDemoData()).ok());
    m_app->window().showPage(pageids::ideas);
}

void TestIdeasPage::cleanup()
{
    m_app.reset();
}

void TestIdeasPage::generatesIdeasWithinPlatformLimits_data()
{
    QTest::addColumn<QString>("platform");
    QTest::addColumn<int>("count");
    QTest::newRow("onlyfans-5") << QStringLiteral("onlyfans") << 5;
    QTest::newRow("x-3") << QStringLiteral("x") << 3;
    QTest::newRow("instagram-8") << QStringLiteral("instagram") << 8;
}

void TestIdeasPage::generatesIdeasWithinPlatformLimits()
{
    QFETCH(QString, platform);
    QFETCH(int, count);
    page()->platformBox()->setCurrentIndex(page()->platformBox()->findData(platform));
    page()->countBox()->setValue(count);
    QTest::keyClicks(page()->themeEdit(), QStringLiteral("beach day"));
    QSignalSpy shown(page(), &IdeasPage::ideasShown);
    QTest::keyClick(page()->themeEdit(), Qt::Key_Return);
    QTRY_COMPARE(shown.count(), 1);
    QCOMPARE(page()->ideas().size(), count);
    QCOMPARE(ideaCards().size(), count);
    const PlatformRules rules = PlatformRules::of(platform);
    for (const ContentIdea &idea : page()->ideas()) {
        QVERIFY(idea.caption.size() <= rules.captionLimit);
        QVERIFY(idea.hashtags.size() <= rules.hashtagLimit);
    }
    QVERIFY(page()->primaryAction()->isEnabled());
    m_app->saveScreenshot(QStringLiteral("ideas"));
}

void TestIdeasPage::ideasCanBeCopiedAndKept()
{
    QSignalSpy shown(page(), &IdeasPage::ideasShown);
    page()->primaryAction()->trigger();
    QTRY_COMPARE(shown.count(), 1);
    QWidget *firstCard = ideaCards().first();
    auto *copyCaption = firstCard->findChild<QPushButton *>(QStringLiteral("copyCaption"));
    QVERIFY(test::waitUntilLaidOut(copyCaption));
    QTest::mouseClick(copyCaption, Qt::LeftButton);
    const ContentIdea &idea = page()->ideas().first();
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(idea.caption));
    QVERIFY(QGuiApplication::clipboard()->text().contains(u'#' + idea.hashtags.first()));

    const qsizetype before = m_app->core().creatorData().drafts().size();
    auto *saveIdea = firstCard->findChild<QPushButton *>(QStringLiteral("saveIdea"));
    QVERIFY(test::waitUntilLaidOut(saveIdea));
    QTest::mouseClick(saveIdea, Qt::LeftButton);
    QTRY_COMPARE(m_app->core().creatorData().drafts().size(), before + 1);
    QCOMPARE(m_app->core().creatorData().drafts().first().title, idea.title);
    // A post draft with the idea's caption and hashtags, ready for the Drafts page.
    const Draft kept = m_app->core().creatorData().drafts().first();
    QCOMPARE(kept.kind, Draft::Kind::Post);
    QCOMPARE(kept.body, idea.caption);
    QCOMPARE(kept.hashtags, idea.hashtags);
    QVERIFY(kept.notes.contains(idea.description));
}

void TestIdeasPage::offlineSuggestionsAreLabelled()
{
    QVERIFY(page()->findChild<QLabel *>(QStringLiteral("ideaSource"))->text().startsWith(QStringLiteral("Offline suggestions")));
}

QTEST_MAIN(TestIdeasPage)
#include "tst_ideaspage.moc"
