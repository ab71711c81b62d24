#include "desktopfixture.h"
#include "fakeclock.h"
#include "models/drafttablemodel.h"
#include "pages/draftspage.h"
#include "pages/pageids.h"
#include "scriptedbackend.h"
#include "state/creatordatastore.h"
#include "state/userstore.h"
#include "style/theme.h"
#include "testutil.h"
#include "uiwait.h"
#include "widgets/draftconflictview.h"
#include "widgets/drafteditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace huntaze;
using namespace huntaze::ui;
using namespace std::chrono_literals;

namespace {

// A server's desktop, scripted: Mia's drafts page over a backend the test
// fills with what a sync would have brought (drafts, conflicts).
struct ScriptedDesk {
    test::ScriptedBackend backend;
    UserStore users{backend};
    CreatorDataStore data{backend, users};
    std::unique_ptr<DraftsPage> page;

    // Keeps `draft` for creator 1 as the server had it, and `conflict` (when it has fields) beside it.
    Draft start(Draft draft, DraftConflict conflict, Clock &clock)
    {
        draft.creatorId = 1;
        draft = test::await(backend.saveDraft(draft)).value();
        if (!conflict.fields.isEmpty()) {
            conflict.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            conflict.draftId = draft.id;
            conflict.creatorId = 1;
            backend.setConflicts({conflict});
        }
        User mia;
        mia.id = 1;
        mia.email = QStringLiteral("mia@example.com");
        mia.agencyId = 1;
        mia.creatorId = 1;
        mia.creators = {Creator{1, {}}};
        mia.permissions = {agency::permissionId(agency::Permission::ManageDrafts)};
        users.setUser(mia);
        if (!QTest::qWaitFor([&] { return data.drafts().size() == 1; }))
            qFatal("the store never listed the draft");
        if (!conflict.fields.isEmpty() && !QTest::qWaitFor([&] { return data.conflictsOf(draft.id).size() == 1; }))
            qFatal("the store never listed the conflict");
        page = std::make_unique<DraftsPage>(users, data, clock);
        page->resize(1100, 700);
        page->show();
        page->table()->setCurrentIndex(page->model()->index(0, 0));
        return draft;
    }
    // The button of the conflict view whose text or accessible name is `name`.
    QPushButton *button(const QString &name) const
    {
        for (QPushButton *candidate : page->conflictView()->findChildren<QPushButton *>()) {
            if (candidate->isVisible() && (candidate->text() == name || candidate->accessibleName() == name))
                return candidate;
        }
        return nullptr;
    }
    // The texts of the conflict view's visible labels.
    QStringList labels() const
    {
        QStringList texts;
        for (QLabel *label : page->conflictView()->findChildren<QLabel *>()) {
            if (label->isVisible())
                texts.append(label->text());
        }
        return texts;
    }
};

DraftConflict conflictOn(QJsonObject fields, QStringList conflicting)
{
    DraftConflict conflict;
    conflict.fields = std::move(fields);
    conflict.conflicting = std::move(conflicting);
    return conflict;
}

} // namespace

class TestDraftsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aPostIsSavedAsItIsTyped();
    void openingAnotherDraftSavesAtOnce();
    void aMessageDraftHasATemplateAndAnAudience();
    void filters_data();
    void filters();
    void aSearchFollowsEditsWhileItIsOn();
    void draftsOfEveryCreatorAreListed();
    void deleteAsksFirst();
    void aFailedSaveKeepsTheText();
    void anotherVersionIsChosenInTheEditor_data();
    void anotherVersionIsChosenInTheEditor();
    void theVersionsAreSideBySide_data();
    void theVersionsAreSideBySide();
    void theOpenDraftFollowsChangesMadeElsewhere_data();
    void theOpenDraftFollowsChangesMadeElsewhere();

private:
    DraftsPage *page() const { return qobject_cast<DraftsPage *>(m_app->window().page(pageids::drafts)); }
    CreatorDataStore &data() const { return m_app->core().creatorData(); }
    // Saves a draft through the store, as the other pages do.
    Draft keep(Draft draft)
    {
        const Result<Draft> saved = test::await(data().saveDraft(draft));
        if (!saved.ok())
            qFatal("saving a draft failed: %s", qPrintable(saved.error().message));
        // The store takes it in once the answer reaches it.
        const QString id = saved.value().id;
        if (!QTest::qWaitFor(
                [&] { return std::any_of(data().drafts().cbegin(), data().drafts().cend(), [&](const Draft &d) { return d.id == id; }); }))
            qFatal("the store never listed the saved draft");
        return saved.value();
    }
    static Draft post(const QString &title, const QString &body, Draft::Status status = Draft::Status::Draft)
    {
        Draft draft;
        draft.title = title;
        draft.body = body;
        draft.status = status;
        return draft;
    }
    void type(QWidget *widget, const QString &text)
    {
        widget->setFocus();
        QTest::keyClicks(widget, text);
    }
    // The shown rows' titles, in order.
    QStringList titles() const
    {
        QStringList shown;
        for (int row = 0; row < page()->model()->rowCount(); ++row)
            shown.append(page()->model()->index(row, 0).data().toString());
        return shown;
    }

    test::FakeClock m_clock;
    std::unique_ptr<test::DesktopFixture> m_app;
};

void TestDraftsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(AppSettings::Appearance::Light);
}

void TestDraftsPage::init()
{
    m_app = std::make_unique<test::DesktopFixture>();
    m_app->useClock(m_clock);
    m_app->start();
    m_app->signUp();
    m_app->window().showPage(pageids::drafts);
    QVERIFY(page());
}

void TestDraftsPage::cleanup()
{
    m_app.reset();
}

void TestDraftsPage::aPostIsSavedAsItIsTyped()
{
    QVERIFY(page()->findChild<QLabel *>(QStringLiteral("noDrafts"))->isVisible());
    page()->primaryAction()->trigger();
    DraftEditor *editor = page()->editor();
    QVERIFY(editor->hashtagsEdit()->isVisible());
    QVERIFY(!editor->audienceBox()->isVisible());
    type(editor->titleEdit(), QStringLiteral("Beach sunrise"));
    type(editor->bodyEdit(), QStringLiteral("Golden hour, golden mood"));
    type(editor->hashtagsEdit(), QStringLiteral("#sunrise, beach"));
    editor->platformBox()->setCurrentIndex(editor->platformBox()->findData(QStringLiteral("instagram")));
    Q_EMIT editor->platformBox()->activated(editor->platformBox()->currentIndex());
    editor->plannedCheck()->setChecked(true);
    editor->addMedia({QStringLiteral("/photos/sunrise.jpg")});
    QCOMPARE(page()->saveState(), DraftAutosave::State::Pending);
    QVERIFY(data().drafts().isEmpty());

    // Typing pauses: within a second it is kept.
    m_clock.advance(DraftAutosave::delay);
    QTRY_COMPARE(page()->saveState(), DraftAutosave::State::Saved);
    QVERIFY(page()->saveStateLabel()->text().startsWith(QStringLiteral("All changes saved")));
    QCOMPARE(data().drafts().size(), 1);
    QCOMPARE(titles(), QStringList{QStringLiteral("Beach sunrise")});
    QCOMPARE(page()->table()->currentIndex().row(), 0); // the list shows which draft is open
    const QDateTime planned = editor->plannedEdit()->dateTime().toUTC();

    // Everything survives a restart.
    m_app->stop();
    m_app->start();
    QTRY_VERIFY(m_app->core().users().isSignedIn());
    QTRY_COMPARE(data().drafts().size(), 1);
    const Draft kept = data().drafts().first();
    QCOMPARE(kept.kind, Draft::Kind::Post);
    QCOMPARE(kept.title, QStringLiteral("Beach sunrise"));
    QCOMPARE(kept.body, QStringLiteral("Golden hour, golden mood"));
    QCOMPARE(kept.hashtags, (QStringList{QStringLiteral("sunrise"), QStringLiteral("beach")}));
    QCOMPARE(kept.platform, QStringLiteral("instagram"));
    QCOMPARE(kept.plannedAt, planned);
    QCOMPARE(kept.media, QStringList{QStringLiteral("/photos/sunrise.jpg")});
    QCOMPARE(kept.authorId, m_app->core().users().user()->id);
}

void TestDraftsPage::openingAnotherDraftSavesAtOnce()
{
    const Draft first = keep(post(QStringLiteral("First"), QStringLiteral("one")));
    const Draft second = keep(post(QStringLiteral("Second"), QStringLiteral("two")));
    QCOMPARE(titles(), (QStringList{QStringLiteral("Second"), QStringLiteral("First")}));
    page()->table()->setFocus();
    page()->table()->setCurrentIndex(page()->model()->index(1, 0));
    QCOMPARE(page()->openDraft().id, first.id);
    QCOMPARE(page()->editor()->bodyEdit()->toPlainText(), QStringLiteral("one"));
    page()->editor()->bodyEdit()->moveCursor(QTextCursor::End);
    type(page()->editor()->bodyEdit(), QStringLiteral(" more"));

    // No pause: the other draft is opened at once, and the first one saved then.
    page()->table()->setFocus();
    QTest::keyClick(page()->table(), Qt::Key_Up);
    QTRY_COMPARE(page()->openDraft().id, second.id);
    QTRY_COMPARE(data().drafts().first().body, QStringLiteral("one more"));
    QCOMPARE(data().drafts().first().id, first.id);
    QCOMPARE(data().drafts().size(), 2);
    QCOMPARE(page()->openDraft().id, second.id); // the list's new order does not move the editor
    QCOMPARE(page()->editor()->bodyEdit()->toPlainText(), QStringLiteral("two"));

    // Leaving the page saves as well.
    type(page()->editor()->titleEdit(), QStringLiteral(" take"));
    m_app->window().showPage(pageids::dashboard);
    QTRY_COMPARE(data().drafts().first().title, QStringLiteral("Second take"));
}

void TestDraftsPage::aMessageDraftHasATemplateAndAnAudience()
{
    page()->secondaryActions().first()->trigger();
    DraftEditor *editor = page()->editor();
    QVERIFY(editor->audienceBox()->isVisible());
    QVERIFY(!editor->hashtagsEdit()->isVisible());
    type(editor->bodyEdit(), QStringLiteral("Hi {{fan.nickname}}"));
    QVERIFY2(editor->templateProblem().contains(QStringLiteral("fan.nickname")), qPrintable(editor->templateProblem()));
    editor->bodyEdit()->setPlainText(QStringLiteral("Hi {{fan.first_name|babe}}, a treat for you"));
    QVERIFY(editor->templateProblem().isEmpty());
    editor->audienceBox()->setCurrentIndex(editor->audienceBox()->findData(QStringLiteral("whales")));
    Q_EMIT editor->audienceBox()->activated(editor->audienceBox()->currentIndex());
    m_clock.advance(DraftAutosave::delay);
    QTRY_COMPARE(data().drafts().size(), 1);
    QCOMPARE(data().drafts().first().kind, Draft::Kind::Message);
    QCOMPARE(data().drafts().first().audience, QStringLiteral("whales"));
    QCOMPARE(data().drafts().first().body, QStringLiteral("Hi {{fan.first_name|babe}}, a treat for you"));
    QCOMPARE(page()->model()->index(0, 1).data().toString(), QStringLiteral("Fan message"));
}

void TestDraftsPage::filters_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("kind"); // -1: all
    QTest::addColumn<int>("status"); // -1: any
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("everything") << QString() << -1 << -1
                                << QStringList{QStringLiteral("Gym"), QStringLiteral("Welcome"), QStringLiteral("Beach")};
    QTest::newRow("search in text") << QStringLiteral("SAND") << -1 << -1 << QStringList{QStringLiteral("Beach")};
    QTest::newRow("search in hashtags") << QStringLiteral("#legday") << -1 << -1 << QStringList{QStringLiteral("Gym")};
    QTest::newRow("every word") << QStringLiteral("gym nothing") << -1 << -1 << QStringList{};
    QTest::newRow("messages") << QString() << int(Draft::Kind::Message) << -1 << QStringList{QStringLiteral("Welcome")};
    QTest::newRow("ready posts") << QString() << int(Draft::Kind::Post) << int(Draft::Status::Ready)
                                 << QStringList{QStringLiteral("Beach")};
    QTest::newRow("done") << QString() << -1 << int(Draft::Status::Done) << QStringList{QStringLiteral("Gym")};
}

void TestDraftsPage::filters()
{
    QFETCH(QString, search);
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QStringList, shown);
    keep(post(QStringLiteral("Beach"), QStringLiteral("Sand and sun"), Draft::Status::Ready));
    Draft welcome = post(QStringLiteral("Welcome"), QStringLiteral("Welcome to my page"), Draft::Status::Ready);
    welcome.kind = Draft::Kind::Message;
    keep(welcome);
    Draft gym = post(QStringLiteral("Gym"), QStringLiteral("Leg day"), Draft::Status::Done);
    gym.hashtags = {QStringLiteral("legday")};
    keep(gym);

    for (auto [box, value] : {std::pair{page()->kindFilter(), kind}, std::pair{page()->statusFilter(), status}}) {
        box->setCurrentIndex(box->findData(value));
        Q_EMIT box->activated(box->currentIndex());
    }
    type(page()->searchEdit(), search);
    m_clock.advance(150ms);
    QTRY_COMPARE(titles(), shown);
}

void TestDraftsPage::aSearchFollowsEditsWhileItIsOn()
{
    Draft beach = keep(post(QStringLiteral("Beach"), QStringLiteral("Sand and sun")));
    Draft gym = keep(post(QStringLiteral("Gym"), QStringLiteral("Leg day")));
    type(page()->searchEdit(), QStringLiteral("sand"));
    m_clock.advance(150ms);
    QTRY_COMPARE(titles(), QStringList{QStringLiteral("Beach")});
    // Saved elsewhere while the search stays: each draft is searched as it is now.
    beach.body = QStringLiteral("Pebbles and sun");
    keep(beach);
    QTRY_COMPARE(titles(), QStringList());
    gym.body = QStringLiteral("Sand dunes");
    keep(gym);
    QTRY_COMPARE(titles(), QStringList{QStringLiteral("Gym")});
    // A new draft, then one deleted: each row searched as it is, the others as they were.
    keep(post(QStringLiteral("Desert"), QStringLiteral("More sand")));
    QTRY_COMPARE(titles(), (QStringList{QStringLiteral("Desert"), QStringLiteral("Gym")}));
    QVERIFY(test::await(data().deleteDraft(gym.creatorId, gym.id)).ok());
    QTRY_COMPARE(titles(), QStringList{QStringLiteral("Desert")});
    beach.body = QStringLiteral("Sand again");
    keep(beach);
    QTRY_COMPARE(titles(), (QStringList{QStringLiteral("Beach"), QStringLiteral("Desert")}));
    // A filter change alone searches the same texts.
    page()->statusFilter()->setCurrentIndex(page()->statusFilter()->findData(int(Draft::Status::Done)));
    Q_EMIT page()->statusFilter()->activated(page()->statusFilter()->currentIndex());
    QTRY_COMPARE(titles(), QStringList());
}

void TestDraftsPage::draftsOfEveryCreatorAreListed()
{
    QVERIFY(!page()->creatorFilter()->isVisible()); // one creator: nothing to choose
    const Draft mine = keep(post(QStringLiteral("Mia's"), QStringLiteral("for Mia")));
    Profile profile;
    profile.displayName = QStringLiteral("Zoe");
    const Result<Creator> zoe = test::await(m_app->core().users().addCreator(profile));
    QVERIFY(zoe.ok());
    QTRY_VERIFY(page()->creatorFilter()->isVisible());
    Draft hers = post(QStringLiteral("Zoe's"), QStringLiteral("for Zoe"));
    hers.creatorId = zoe.value().id;
    QCOMPARE(keep(hers).creatorId, zoe.value().id);
    QTRY_COMPARE(page()->model()->rowCount(), 2);
    QCOMPARE(page()->model()->index(0, 2).data().toString(), QStringLiteral("Zoe"));
    QCOMPARE(page()->model()->index(0, 3).data().toString(), QStringLiteral("You"));

    QComboBox *creator = page()->creatorFilter();
    creator->setCurrentIndex(creator->findData(zoe.value().id));
    Q_EMIT creator->activated(creator->currentIndex());
    QCOMPARE(titles(), QStringList{QStringLiteral("Zoe's")});
    // A new draft goes to the creator chosen in the filter.
    page()->primaryAction()->trigger();
    type(page()->editor()->titleEdit(), QStringLiteral("Zoe again"));
    m_clock.advance(DraftAutosave::delay);
    QTRY_COMPARE(page()->saveState(), DraftAutosave::State::Saved);
    QCOMPARE(page()->openDraft().creatorId, zoe.value().id);
    QCOMPARE(titles(), (QStringList{QStringLiteral("Zoe again"), QStringLiteral("Zoe's")}));
    QCOMPARE(data().drafts().size(), 3);
    QVERIFY(std::any_of(data().drafts().cbegin(), data().drafts().cend(), [&](const Draft &d) { return d.id == mine.id; }));
}

void TestDraftsPage::deleteAsksFirst()
{
    keep(post(QStringLiteral("Keep me"), QStringLiteral("kept")));
    keep(post(QStringLiteral("Drop me"), QStringLiteral("dropped")));
    page()->table()->setCurrentIndex(page()->model()->index(0, 0));
    QCOMPARE(page()->openDraft().title, QStringLiteral("Drop me"));
    auto answer = [](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QVERIFY(box->text().contains(QStringLiteral("cannot be undone")));
            box->button(button)->click();
        });
    };
    answer(QMessageBox::Cancel);
    page()->deleteOpenDraft();
    QCOMPARE(data().drafts().size(), 2);
    QCOMPARE(page()->openDraft().title, QStringLiteral("Drop me"));

    answer(QMessageBox::Yes);
    page()->deleteOpenDraft();
    QTRY_COMPARE(data().drafts().size(), 1);
    QCOMPARE(titles(), QStringList{QStringLiteral("Keep me")});
    QVERIFY(page()->openDraft().id.isEmpty());
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("draftsMessage"))->text(), QStringLiteral("Draft deleted."));
}

void TestDraftsPage::aFailedSaveKeepsTheText()
{
    const Draft kept = keep(post(QStringLiteral("Short"), QStringLiteral("fits")));
    page()->table()->setCurrentIndex(page()->model()->index(0, 0));
    // Everything erased: a draft with nothing in it is refused, with the reason; the stored one stays.
    DraftEditor *editor = page()->editor();
    editor->titleEdit()->selectAll();
    QTest::keyClick(editor->titleEdit(), Qt::Key_Backspace);
    editor->bodyEdit()->selectAll();
    QTest::keyClick(editor->bodyEdit(), Qt::Key_Backspace);
    m_clock.advance(DraftAutosave::delay);
    QTRY_COMPARE(page()->saveState(), DraftAutosave::State::Failed);
    QVERIFY2(page()->saveStateLabel()->text().contains(QStringLiteral("empty draft")), qPrintable(page()->saveStateLabel()->text()));
    QCOMPARE(data().drafts().first().title, QStringLiteral("Short"));
    // Written again: saved with the next pause.
    type(editor->bodyEdit(), QStringLiteral("fits again"));
    m_clock.advance(DraftAutosave::delay);
    QTRY_COMPARE(page()->saveState(), DraftAutosave::State::Saved);
    QCOMPARE(data().drafts().first().body, QStringLiteral("fits again"));
    QCOMPARE(data().drafts().first().id, kept.id);
    QCOMPARE(data().drafts().size(), 1);
}

void TestDraftsPage::anotherVersionIsChosenInTheEditor_data()
{
    QTest::addColumn<QString>("choice");
    QTest::addColumn<QString>("typed"); // an edit made before choosing (a merge by hand)
    QTest::addColumn<QString>("kept");
    QTest::newRow("the other version") << QStringLiteral("Use the other version") << QString() << QStringLiteral("Beach at dusk");
    QTest::newRow("this version") << QStringLiteral("Keep this version") << QString() << QStringLiteral("Beach at dawn");
    QTest::newRow("merged by hand") << QStringLiteral("Keep this version") << QStringLiteral(" and dusk")
                                    << QStringLiteral("Beach at dawn and dusk");
    QTest::newRow("the other title taken") << QStringLiteral("Take the other version's title") << QString()
                                           << QStringLiteral("Beach at dusk");
}

void TestDraftsPage::anotherVersionIsChosenInTheEditor()
{
    QFETCH(QString, choice);
    QFETCH(QString, typed);
    QFETCH(QString, kept);
    ScriptedDesk desk;
    const Draft draft
        = desk.start(post(QStringLiteral("Beach at dawn"), QStringLiteral("text")),
                     conflictOn({{QStringLiteral("title"), QStringLiteral("Beach at dusk")}}, {QStringLiteral("title")}), m_clock);
    DraftsPage &page = *desk.page;
    QVERIFY(page.conflictView()->isVisible());
    QVERIFY(desk.labels().contains(QStringLiteral("Beach at dusk")));
    QVERIFY(desk.labels().contains(QStringLiteral("Beach at dawn")));
    if (!typed.isEmpty()) {
        page.editor()->titleEdit()->setFocus();
        page.editor()->titleEdit()->end(false);
        QTest::keyClicks(page.editor()->titleEdit(), typed);
    }
    QPushButton *button = desk.button(choice);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    if (choice.startsWith(QStringLiteral("Take"))) {
        // Taken into the editor like typing: saved, then kept with the other button.
        QCOMPARE(page.editor()->titleEdit()->text(), kept);
        QCOMPARE(page.saveState(), DraftAutosave::State::Pending);
        QVERIFY(desk.labels().contains(QStringLiteral("The editor now holds the same as the other version.")));
        QTest::mouseClick(desk.button(QStringLiteral("Keep this version")), Qt::LeftButton);
    }
    QTRY_VERIFY(!page.conflictView()->isVisible());
    QTRY_COMPARE(desk.data.drafts().first().title, kept);
    QCOMPARE(page.editor()->titleEdit()->text(), kept);
    QCOMPARE(desk.data.drafts().first().id, draft.id);
    QVERIFY(desk.data.conflictsOf(draft.id).isEmpty());
}

void TestDraftsPage::theVersionsAreSideBySide_data()
{
    QTest::addColumn<QJsonObject>("other");
    QTest::addColumn<QStringList>("conflicting");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("otherTexts"); // the other version's values as shown
    QTest::newRow("title changed both ways") << QJsonObject{{QStringLiteral("title"), QStringLiteral("Dusk")}}
                                             << QStringList{QStringLiteral("title")} << QStringList{QStringLiteral("title")}
                                             << QStringList{QStringLiteral("Dusk")};
    QTest::newRow("one field both ways, one only there")
        << QJsonObject{{QStringLiteral("title"), QStringLiteral("Dusk")}, {QStringLiteral("notes"), QStringLiteral("shoot at 6")}}
        << QStringList{QStringLiteral("title")} << QStringList{QStringLiteral("title"), QStringLiteral("notes")}
        << QStringList{QStringLiteral("Dusk"), QStringLiteral("shoot at 6")};
    QTest::newRow("hashtags and no plan") << QJsonObject{{QStringLiteral("hashtags"),
                                                          QJsonArray{QStringLiteral("beach"), QStringLiteral("sun")}},
                                                         {QStringLiteral("plannedAt"), QString()}}
                                          << QStringList{QStringLiteral("hashtags")}
                                          << QStringList{QStringLiteral("hashtags"), QStringLiteral("plannedAt")}
                                          << QStringList{QStringLiteral("#beach #sun"), QStringLiteral("Not planned")};
    QTest::newRow("the same value both ways") << QJsonObject{{QStringLiteral("title"), QStringLiteral("Dawn")}}
                                              << QStringList{QStringLiteral("title")} << QStringList{} << QStringList{};
}

// Each field the versions hold differently is a row: this value, the other,
// the field's name in bold when both sides changed it, and a Take button that
// brings the other value into the editor.
void TestDraftsPage::theVersionsAreSideBySide()
{
    QFETCH(QJsonObject, other);
    QFETCH(QStringList, conflicting);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, otherTexts);
    ScriptedDesk desk;
    Draft mine = post(QStringLiteral("Dawn"), QStringLiteral("caption"));
    mine.hashtags = {QStringLiteral("beach")};
    mine.plannedAt = QDateTime(QDate(2026, 12, 24), QTime(18, 0), Qt::UTC);
    desk.start(mine, conflictOn(other, conflicting), m_clock);
    DraftConflictView *view = desk.page->conflictView();
    QVERIFY(view->isVisible());
    QCOMPARE(view->fieldsShown(), rows);
    for (const QString &text : otherTexts)
        QVERIFY2(desk.labels().contains(text), qPrintable(desk.labels().join(u'|')));
    for (const QString &field : rows) {
        const QString name = DraftConflictView::fieldName(field, Draft::Kind::Post);
        const auto label = [&]() -> QLabel * {
            for (QLabel *candidate : view->findChildren<QLabel *>())
                if (candidate->isVisible() && candidate->text() == name)
                    return candidate;
            return nullptr;
        }();
        QVERIFY2(label, qPrintable(name));
        QCOMPARE(label->font().bold(), conflicting.contains(field));
        QVERIFY(desk.button(QStringLiteral("Take the other version's %1").arg(name.toLower())));
    }
    if (rows.isEmpty())
        return;
    // Taking every row leaves the editor as the other version, and no row.
    for (const QString &field : rows) {
        QPushButton *take = desk.button(
            QStringLiteral("Take the other version's %1").arg(DraftConflictView::fieldName(field, Draft::Kind::Post).toLower()));
        QVERIFY(take);
        QTest::mouseClick(take, Qt::LeftButton);
        QVERIFY(!view->fieldsShown().contains(field));
    }
    QVERIFY(view->fieldsShown().isEmpty());
    const QJsonObject editor = desk.page->editor()->draft().editableFields();
    for (auto it = other.constBegin(); it != other.constEnd(); ++it)
        QCOMPARE(editor.value(it.key()), it.value());
    m_clock.advance(DraftAutosave::delay);
    QTRY_COMPARE(desk.page->saveState(), DraftAutosave::State::Saved);
    QCOMPARE(desk.backend.savedDrafts().last().editableFields(), editor);
}

void TestDraftsPage::theOpenDraftFollowsChangesMadeElsewhere_data()
{
    QTest::addColumn<bool>("editingHere");
    QTest::newRow("nothing unsaved here") << false;
    QTest::newRow("unsaved edits here") << true;
}

// A sync that brings another device's change of the open draft shows it,
// unless this editor holds edits not saved yet: they are never overwritten.
void TestDraftsPage::theOpenDraftFollowsChangesMadeElsewhere()
{
    QFETCH(bool, editingHere);
    ScriptedDesk desk;
    const Draft draft = desk.start(post(QStringLiteral("Dawn"), QStringLiteral("caption")), {}, m_clock);
    DraftsPage &page = *desk.page;
    QCOMPARE(page.openDraft().id, draft.id);
    if (editingHere) {
        page.editor()->titleEdit()->setFocus();
        page.editor()->titleEdit()->end(false);
        QTest::keyClicks(page.editor()->titleEdit(), QStringLiteral(" here"));
    }
    Draft elsewhere = draft;
    elsewhere.body = QStringLiteral("caption from the phone");
    elsewhere.version = draft.version + 1;
    QVERIFY(test::await(desk.backend.saveDraft(elsewhere)).ok());
    Q_EMIT desk.backend.draftsChanged(); // as a sync does
    QTRY_COMPARE(desk.data.drafts().first().body, QStringLiteral("caption from the phone"));
    QCOMPARE(page.editor()->bodyEdit()->toPlainText(), editingHere ? QStringLiteral("caption") : QStringLiteral("caption from the phone"));
    QCOMPARE(page.editor()->titleEdit()->text(), editingHere ? QStringLiteral("Dawn here") : QStringLiteral("Dawn"));
    QCOMPARE(page.saveState(), editingHere ? DraftAutosave::State::Pending : DraftAutosave::State::Saved);
}

QTEST_MAIN(TestDraftsPage)
#include "tst_draftspage.moc"
