// The draft being edited is saved without a Save button (issue 13): once the
// editing pauses for under a second, one save at a time, a change made during
// a save saved after it under the same id, at once on flush(), and kept
// pending when a save fails. Time is the test's clock; answers are held.
#include "fakeclock.h"
#include "scriptedbackend.h"
#include "state/creatordatastore.h"
#include "state/draftautosave.h"
#include "state/userstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace huntaze;
using huntaze::test::FakeClock;
using huntaze::test::ScriptedBackend;
using namespace std::chrono_literals;

class TestDraftAutosave : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void aChangeIsSavedWhenTheEditingPauses();
    void aChangeDuringASaveIsSavedAfterItUnderTheSameId();
    void flushSavesAtOnce();
    void aFailedSaveStaysPending();
    void anEmptyNewDraftIsNotSaved();

private:
    Draft typed(const QString &body) const
    {
        Draft draft = m_autosave->draft();
        draft.body = body;
        return draft;
    }

    std::unique_ptr<ScriptedBackend> m_backend;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<CreatorDataStore> m_store;
    std::unique_ptr<FakeClock> m_clock;
    std::unique_ptr<DraftAutosave> m_autosave;
};

void TestDraftAutosave::init()
{
    m_backend = std::make_unique<ScriptedBackend>();
    m_users = std::make_unique<UserStore>(*m_backend);
    m_store = std::make_unique<CreatorDataStore>(*m_backend, *m_users);
    m_clock = std::make_unique<FakeClock>();
    m_autosave = std::make_unique<DraftAutosave>(*m_store, *m_clock);
    m_autosave->open(Draft{});
}

void TestDraftAutosave::cleanup()
{
    m_backend->releaseAllHeld();
    m_autosave.reset();
    m_store.reset();
    m_users.reset();
    m_backend.reset();
}

void TestDraftAutosave::aChangeIsSavedWhenTheEditingPauses()
{
    QSignalSpy states(m_autosave.get(), &DraftAutosave::stateChanged);
    m_autosave->edit(typed(QStringLiteral("S")));
    m_clock->advance(500ms);
    m_autosave->edit(typed(QStringLiteral("Su")));
    m_clock->advance(500ms); // 500 ms after the last keystroke: still typing
    QCoreApplication::processEvents();
    QVERIFY(m_backend->savedDrafts().isEmpty());
    QCOMPARE(m_autosave->state(), DraftAutosave::State::Pending);
    m_clock->advance(DraftAutosave::delay - 500ms);
    QTRY_COMPARE(m_backend->savedDrafts().size(), 1);
    QCOMPARE(m_backend->savedDrafts().first().body, QStringLiteral("Su"));
    QTRY_COMPARE(m_autosave->state(), DraftAutosave::State::Saved);
    QVERIFY(!m_autosave->draft().id.isEmpty());
    QCOMPARE(m_store->drafts().size(), 1);
    QCOMPARE(states.count(), 3); // pending, saving, saved
}

void TestDraftAutosave::aChangeDuringASaveIsSavedAfterItUnderTheSameId()
{
    m_backend->holdDraftSaves(true);
    m_autosave->edit(typed(QStringLiteral("Sunrise")));
    m_clock->advance(DraftAutosave::delay);
    QTRY_COMPARE(m_backend->savedDrafts().size(), 1);
    QCOMPARE(m_autosave->state(), DraftAutosave::State::Saving);
    // Typing on while the first save is out: no second save until it answers.
    m_autosave->edit(typed(QStringLiteral("Sunrise run")));
    m_clock->advance(5s);
    QCoreApplication::processEvents();
    QCOMPARE(m_backend->savedDrafts().size(), 1);
    m_backend->releaseHeld(0);
    QTRY_COMPARE(m_backend->savedDrafts().size(), 2);
    const Draft second = m_backend->savedDrafts().at(1);
    QCOMPARE(second.body, QStringLiteral("Sunrise run"));
    QVERIFY(!second.id.isEmpty()); // the id the first save gave: one draft, not two
    m_backend->releaseHeld(1);
    QTRY_COMPARE(m_autosave->state(), DraftAutosave::State::Saved);
    QCOMPARE(m_store->drafts().size(), 1);
    QCOMPARE(m_store->drafts().first().body, QStringLiteral("Sunrise run"));
}

void TestDraftAutosave::flushSavesAtOnce()
{
    m_autosave->edit(typed(QStringLiteral("Leaving now")));
    m_autosave->flush();
    QCOMPARE(m_backend->savedDrafts().size(), 1);
    QTRY_COMPARE(m_autosave->state(), DraftAutosave::State::Saved);
    // Nothing pending: no save, then or when the pause would have ended.
    m_autosave->flush();
    m_clock->advance(DraftAutosave::delay);
    QCoreApplication::processEvents();
    QCOMPARE(m_backend->savedDrafts().size(), 1);
}

void TestDraftAutosave::aFailedSaveStaysPending()
{
    m_backend->refuseDraftSaves(Error{ErrorCode::Storage, QStringLiteral("Huntaze could not save."), {}, {}});
    m_autosave->edit(typed(QStringLiteral("Keep me")));
    m_clock->advance(DraftAutosave::delay);
    QTRY_COMPARE(m_autosave->state(), DraftAutosave::State::Failed);
    QCOMPARE(m_autosave->lastError(), QStringLiteral("Huntaze could not save."));
    QCOMPARE(m_autosave->draft().body, QStringLiteral("Keep me")); // the edit is kept
    m_backend->refuseDraftSaves(std::nullopt);
    m_autosave->flush();
    QTRY_COMPARE(m_autosave->state(), DraftAutosave::State::Saved);
    QCOMPARE(m_backend->savedDrafts().last().body, QStringLiteral("Keep me"));
    QVERIFY(m_autosave->lastError().isEmpty());
}

void TestDraftAutosave::anEmptyNewDraftIsNotSaved()
{
    m_autosave->edit(typed(QStringLiteral("   ")));
    m_clock->advance(DraftAutosave::delay);
    QCoreApplication::processEvents();
    m_autosave->flush();
    QVERIFY(m_backend->savedDrafts().isEmpty());
    QCOMPARE(m_autosave->state(), DraftAutosave::State::Saved);
}

QTEST_GUILESS_MAIN(TestDraftAutosave)
#include "tst_draftautosave.moc"
