// The app in French (longer words than English) in windows from 1024 px
// wide: no header action is cut, every one stays reachable, and the
// restricted words speak French too.
#include "desktopfixture.h"
#include "layout/header.h"
#include "layout/sidebar.h"
#include "pages/fanspage.h"
#include "pages/pageids.h"
#include "pages/settingspage.h"
#include "settings/translations.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "widgets/restrictedwordseditor.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace huntaze;
using namespace huntaze::ui;

class TestFrenchLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void headerActionsAreWholeOrInTheMoreMenu_data();
    void headerActionsAreWholeOrInTheMoreMenu();
    void restrictedWordsAreFrenchToo();

private:
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestFrenchLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(installTranslations(QStringLiteral("fr_FR")));
    Theme::apply(AppSettings::Appearance::Light);
}

void TestFrenchLayout::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
}

void TestFrenchLayout::cleanup()
{
    m_app.reset();
}

void TestFrenchLayout::headerActionsAreWholeOrInTheMoreMenu_data()
{
    QTest::addColumn<QString>("pageId");
    QTest::addColumn<int>("width");
    for (const int width : {1024, 1180, 1600}) {
        for (const QString &page : {pageids::fans, pageids::messages, pageids::ideas, pageids::captions}) {
            const QByteArray name = page.toUtf8() + " at " + QByteArray::number(width);
            QTest::newRow(name.constData()) << page << width;
        }
    }
}

void TestFrenchLayout::headerActionsAreWholeOrInTheMoreMenu()
{
    QFETCH(QString, pageId);
    QFETCH(int, width);
    m_app->window().resize(width, 760);
    m_app->window().showPage(pageId);
    Header *header = m_app->window().header();
    QTRY_COMPARE(header->width(), m_app->window().centralWidget()->width() - m_app->window().sidebar()->width());

    QList<QAction *> reachable;
    for (QToolButton *button : header->secondaryButtons()) {
        if (!button->isVisible())
            continue;
        // Whole: as wide as its text needs ("Ajouter des données de démo", not "des données de démor").
        QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(button->text()));
        QVERIFY(button->geometry().right() <= header->width());
        reachable.append(button->defaultAction());
    }
    if (header->moreButton()->isVisible())
        reachable += header->moreButton()->menu()->actions();
    QCOMPARE(reachable, m_app->window().page(pageId)->secondaryActions());
    QPushButton *primary = header->primaryButton();
    if (primary->isVisible()) {
        QVERIFY2(primary->width() >= primary->sizeHint().width(), qPrintable(primary->text()));
        QVERIFY(primary->geometry().right() <= header->width());
    }
    if (width >= 1600)
        QVERIFY2(!header->moreButton()->isVisible(), "room for every action: none hidden");
}

void TestFrenchLayout::restrictedWordsAreFrenchToo()
{
    m_app->window().resize(1024, 760);
    m_app->window().showPage(pageids::settings);
    auto *settings = qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings));
    QTableWidget *table = settings->restrictedWordsEditor()->table();
    QStringList terms;
    for (int row = 0; row < table->rowCount(); ++row)
        terms.append(table->item(row, 0)->text());
    QVERIFY2(terms.contains(QStringLiteral("mineur")), qPrintable(terms.join(u',')));
    QVERIFY(terms.contains(QStringLiteral("minor"))); // the platforms read English too
    // The first column's header is readable whole ("Mot ou expression", not "1ot ou expressio").
    const QString heading = table->horizontalHeaderItem(0)->text();
    QCOMPARE(heading, QStringLiteral("Mot ou expression"));
    QVERIFY(table->horizontalHeader()->sectionSize(0) >= table->horizontalHeader()->fontMetrics().horizontalAdvance(heading));
}

QTEST_MAIN(TestFrenchLayout)
#include "tst_frenchlayout.moc"
