#include "ai/aitools.h"
#include "ai/fanmessagecontext.h"
#include "desktopfixture.h"
#include "pages/dashboardpage.h"
#include "pages/messagespage.h"
#include "pages/pageids.h"
#include "pages/settingspage.h"
#include "state/creatordatastore.h"
#include "style/theme.h"
#include "testutil.h"
#include "widgets/restrictedwordseditor.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace huntaze;
using namespace huntaze::ui;

class TestMessagesPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyStarterIsAValidTemplate();
    void previewPersonalisesForSelectedFans();
    void unknownFieldIsMarkedAndBlocksCopy();
    void restrictedWordIsHighlightedWithReason();
    void copyExportAndDraft();
    void exportNeutralisesFormulasAndReportsFailures();
    void topSpendersAndInactivity();
    void draftsATemplateFromAGoal();
    void creatorsOwnRestrictedWordsApplyAndPersist();

private:
    MessagesPage *page() const { return qobject_cast<MessagesPage *>(m_app->window().page(pageids::messages)); }
    QString problems() const { return page()->findChild<QLabel *>(QStringLiteral("templateProblems"))->text(); }
    void selectFans(int count);

    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestMessagesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestMessagesPage::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->start();
    m_app->signUp();
    QVERIFY(test::await(m_app->core().creatorData().addDemoData()).ok());
    m_app->window().showPage(pageids::messages);
    QTRY_COMPARE(page()->fanList()->model()->rowCount(), 40);
}

void TestMessagesPage::cleanup()
{
    m_app.reset();
}

void TestMessagesPage::selectFans(int count)
{
    QAbstractItemModel *fans = page()->fanList()->model();
    page()->fanList()->selectionModel()->select(QItemSelection(fans->index(0, 0), fans->index(count - 1, 0)),
                                                QItemSelectionModel::ClearAndSelect);
}

void TestMessagesPage::everyStarterIsAValidTemplate()
{
    for (const MessageStarter &starter : messageStarters())
        QVERIFY2(MessageTemplate::parse(starter.body).ok(), qPrintable(starter.title));
    QComboBox *starters = page()->starters();
    QCOMPARE(starters->count(), static_cast<int>(messageStarters().size()) + 1);
}

void TestMessagesPage::previewPersonalisesForSelectedFans()
{
    QComboBox *starters = page()->starters();
    starters->setCurrentIndex(1);
    Q_EMIT starters->activated(1);
    QVERIFY(page()->editor()->toPlainText().contains(QStringLiteral("{{fan.first_name|you}}")));
    QVERIFY(problems().isEmpty());
    selectFans(3);
    const QStringList texts = page()->previewTexts();
    QCOMPARE(texts.size(), 3);
    const QList<Fan> &fans = m_app->core().creatorData().fans();
    for (int i = 0; i < 3; ++i) {
        QVERIFY2(texts.at(i).startsWith(QStringLiteral("Hey %1,").arg(fans.at(i).firstName())), qPrintable(texts.at(i)));
        QVERIFY(texts.at(i).endsWith(QStringLiteral("Mia Rose")));
        QVERIFY(!texts.at(i).contains(QStringLiteral("{{")));
    }
    m_app->saveScreenshot(QStringLiteral("messages"));
    QVERIFY(page()->primaryAction()->isEnabled());
}

void TestMessagesPage::unknownFieldIsMarkedAndBlocksCopy()
{
    page()->editor()->setPlainText(QStringLiteral("Hi {{fan.first_name}}!\nYour code: {{fan.coupon}}"));
    QVERIFY2(problems().contains(QStringLiteral("Unknown variable \"fan.coupon\" (line 2, column 14)")), qPrintable(problems()));
    const auto marks = page()->editor()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.selectionStart(), 36);
    QVERIFY(!page()->primaryAction()->isEnabled());
    QVERIFY(page()->previewTexts().isEmpty());

    page()->editor()->setPlainText(QStringLiteral("Hi {{fan.first_name}}!"));
    QVERIFY(problems().isEmpty());
    QVERIFY(page()->primaryAction()->isEnabled());
}

void TestMessagesPage::restrictedWordIsHighlightedWithReason()
{
    page()->editor()->setPlainText(QStringLiteral("Tip me on Venmo, {{fan.first_name}}"));
    QVERIFY2(problems().contains(QStringLiteral("“Venmo”: Off-platform payment")), qPrintable(problems()));
    const auto marks = page()->editor()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.selectedText(), QStringLiteral("Venmo"));
    QVERIFY(!page()->primaryAction()->isEnabled());
    QVERIFY(page()->secondaryActions().first()->isEnabled()); // a draft may still be kept
}

void TestMessagesPage::copyExportAndDraft()
{
    page()->editor()->setPlainText(QStringLiteral("Thanks {{fan.first_name}}, \"you\" rock"));
    selectFans(2);
    page()->primaryAction()->trigger();
    const QStringList texts = page()->previewTexts();
    QCOMPARE(QGuiApplication::clipboard()->text(), texts.join(QStringLiteral("\n\n")));
    QVERIFY(page()->findChild<QLabel *>(QStringLiteral("messageStatus"))->text().startsWith(QStringLiteral("Copied 2 messages")));

    const QString path = m_app->dataPath(QStringLiteral("messages.csv"));
    QVERIFY(page()->exportTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF")); // spreadsheets read the accents as UTF-8
    const QList<QByteArray> lines = csv.mid(3).trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0).trimmed(), QByteArray("\"fan\",\"message\""));
    QVERIFY(lines.at(1).contains("\"\"you\"\" rock"));

    const qsizetype draftsBefore = m_app->core().creatorData().drafts().size();
    page()->secondaryActions().first()->trigger();
    QTRY_COMPARE(m_app->core().creatorData().drafts().size(), draftsBefore + 1);
    QCOMPARE(m_app->core().creatorData().drafts().first().body, page()->editor()->toPlainText());

    // Kept drafts are listed on the dashboard, newest first, ready to copy.
    auto *dashboard = qobject_cast<DashboardPage *>(m_app->window().page(pageids::dashboard));
    QTRY_COMPARE(dashboard->draftList()->count(), static_cast<int>(draftsBefore + 1));
    QVERIFY(dashboard->draftList()->item(0)->text().startsWith(QStringLiteral("Fan message")));
    QCOMPARE(m_app->core().creatorData().drafts().first().kind, Draft::Kind::Message);
    dashboard->draftList()->setCurrentRow(0);
    QVERIFY(dashboard->copySelectedDraft());
    QCOMPARE(QGuiApplication::clipboard()->text(), page()->editor()->toPlainText());

    // The creator's audit log says what was copied and exported in their name, with the words.
    const auto entriesOf = [this](const QString &action) {
        AuditFilter filter;
        filter.action = action;
        return test::await(m_app->core().backend().auditLog(filter)).value();
    };
    QTRY_COMPARE(entriesOf(audit::draftCopied).size(), 1);
    const QList<AuditEntry> copied = entriesOf(audit::messagesCopied);
    QCOMPARE(copied.size(), 1);
    QCOMPARE(copied.first().detail.value(QStringLiteral("count")).toInt(), 2);
    QCOMPARE(copied.first().detail.value(QStringLiteral("text")).toString(), page()->editor()->toPlainText());
    QCOMPARE(copied.first().creatorId, m_app->core().users().user()->creatorId);
    QCOMPARE(entriesOf(audit::messagesExported).size(), 1);
}

void TestMessagesPage::topSpendersAndInactivity()
{
    QList<Fan> fans;
    for (int i = 0; i < 20; ++i)
        fans.append(Fan{i + 1, QStringLiteral("Fan %1").arg(i), {}, double(i * 10), {}, QDate(2026, 11, 1)});
    Fan quiet{99, QStringLiteral("Quiet One"), {QStringLiteral("VIP")}, 0, QStringLiteral("Set"), QDate(2026, 10, 1)};
    Profile creator;
    creator.displayName = QStringLiteral("Lola");
    const QDate today(2026, 11, 25);
    QCOMPARE(fanMessageValues(fans.last(), creator, fans, today).value(QStringLiteral("fan.is_top_spender")), QStringLiteral("true"));
    QCOMPARE(fanMessageValues(fans.at(18), creator, fans, today).value(QStringLiteral("fan.is_top_spender")), QStringLiteral("true"));
    QCOMPARE(fanMessageValues(fans.at(17), creator, fans, today).value(QStringLiteral("fan.is_top_spender")), QString());
    const auto values = fanMessageValues(quiet, creator, fans, today);
    QCOMPARE(values.value(QStringLiteral("fan.is_top_spender")), QStringLiteral("true")); // tagged vip
    QCOMPARE(values.value(QStringLiteral("fan.days_inactive")), QStringLiteral("55"));
    QCOMPARE(values.value(QStringLiteral("fan.first_name")), QStringLiteral("Quiet"));
    QCOMPARE(values.value(QStringLiteral("creator.name")), QStringLiteral("Lola"));
    QCOMPARE(values.value(QStringLiteral("fan.total_spend")), QString());
}

void TestMessagesPage::draftsATemplateFromAGoal()
{
    QTest::keyClicks(page()->goalEdit(), QStringLiteral("Re-engage fans inactive 30 days"));
    QTest::keyClick(page()->goalEdit(), Qt::Key_Return);
    QTRY_VERIFY(page()->findChild<QLabel *>(QStringLiteral("messageStatus"))->text().startsWith(QStringLiteral("Offline draft ready")));
    QVERIFY(!page()->isDrafting());
    const QString draft = page()->editor()->toPlainText();
    QVERIFY2(draft.contains(QStringLiteral("{{fan.days_inactive}}")), qPrintable(draft));
    QVERIFY(problems().isEmpty());
    selectFans(1);
    QVERIFY(!page()->previewTexts().first().contains(QStringLiteral("{{")));
}

void TestMessagesPage::creatorsOwnRestrictedWordsApplyAndPersist()
{
    auto *settings = qobject_cast<SettingsPage *>(m_app->window().page(pageids::settings));
    RestrictedWordsEditor *editor = settings->restrictedWordsEditor();
    QVERIFY(editor->isVisibleTo(settings));
    const int defaults = editor->table()->rowCount();
    QCOMPARE(defaults, static_cast<int>(RestrictedWords::platformDefaults().terms().size()));
    editor->addRow(QStringLiteral("my ex"), QStringLiteral("Personal"));
    editor->table()->selectRow(0); // drop the first default
    editor->removeSelectedRows();
    QSignalSpy saved(editor, &RestrictedWordsEditor::saved);
    editor->save();
    QTRY_COMPARE(saved.count(), 1);
    QVERIFY(!m_app->core().aiTools().restrictedWords().allows(QStringLiteral("Say hi to my ex")));

    page()->editor()->setPlainText(QStringLiteral("Hi {{fan.first_name}}, my ex says hi"));
    QVERIFY2(problems().contains(QStringLiteral("“my ex”: Personal")), qPrintable(problems()));
    QVERIFY(!page()->primaryAction()->isEnabled());

    // Kept with the account across restarts.
    m_app->stop();
    m_app->start();
    QTRY_VERIFY(!m_app->core().aiTools().restrictedWords().allows(QStringLiteral("my ex")));
    QCOMPARE(m_app->core().creatorData().restrictedWords().terms().size(), defaults);
}

void TestMessagesPage::exportNeutralisesFormulasAndReportsFailures()
{
    // A template that renders to a formula would run in the spreadsheet that opens the export.
    page()->editor()->setPlainText(QStringLiteral("=HYPERLINK(\"http://evil\";\"{{fan.first_name}}\")"));
    selectFans(1);
    const QString path = m_app->dataPath(QStringLiteral("formula.csv"));
    QVERIFY(page()->exportTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY2(csv.contains(",\"'=HYPERLINK("), csv.constData());
    file.close();

    // A file that cannot be written is a clear error, and leaves nothing half-written behind.
    const QString nowhere = m_app->dataPath(QStringLiteral("missing-folder/messages.csv"));
    QString error;
    QVERIFY(!page()->exportTo(nowhere, &error));
    QVERIFY2(error.contains(QStringLiteral("missing-folder")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(nowhere));
}

QTEST_MAIN(TestMessagesPage)
#include "tst_messagespage.moc"
