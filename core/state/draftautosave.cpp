#include "draftautosave.h"

#include "common/async.h"
#include "state/creatordatastore.h"

namespace huntaze {

namespace {

// What the storage owns of a draft (its identity, author, times and version), from `stored` into `draft`.
void keepStoredFields(Draft &draft, const Draft &stored)
{
    draft.id = stored.id;
    draft.creatorId = stored.creatorId;
    draft.authorId = stored.authorId;
    draft.authorEmail = stored.authorEmail;
    draft.createdAt = stored.createdAt;
    draft.updatedAt = stored.updatedAt;
    draft.version = stored.version;
}

} // namespace

DraftAutosave::DraftAutosave(CreatorDataStore &store, Clock &clock, QObject *parent) : QObject(parent), m_store(store), m_clock(clock)
{}

void DraftAutosave::open(const Draft &draft)
{
    m_timer.reset();
    ++m_generation;
    m_draft = draft;
    m_changed = false;
    m_saving = false;
    m_lastError.clear();
    setState(State::Saved);
}

void DraftAutosave::edit(const Draft &draft)
{
    // What the storage owns stays as the last save left it.
    Draft edited = draft;
    keepStoredFields(edited, m_draft);
    if (edited == m_draft)
        return;
    m_draft = edited;
    m_changed = true;
    if (m_saving)
        return; // saved after the save under way
    setState(State::Pending);
    m_timer = m_clock.startTimer(delay, this, [this] { save(); });
}

void DraftAutosave::flush()
{
    if (m_changed && !m_saving)
        save();
}

void DraftAutosave::save()
{
    m_timer.reset();
    if (!m_changed || m_saving)
        return;
    if (m_draft.isEmpty() && m_draft.id.isEmpty()) {
        m_changed = false; // nothing to keep yet
        setState(State::Saved);
        return;
    }
    m_changed = false;
    m_saving = true;
    setState(State::Saving);
    onFinished(m_store.saveDraft(m_draft), this, [this, generation = m_generation](const Result<Draft> &saved) {
        if (generation != m_generation)
            return;
        m_saving = false;
        if (!saved.ok()) {
            m_changed = true; // kept pending: the next edit or flush tries again
            m_lastError = saved.error().message;
            setState(State::Failed);
            return;
        }
        m_lastError.clear();
        keepStoredFields(m_draft, saved.value());
        if (m_changed) {
            setState(State::Pending);
            save(); // what changed during the save, at once: the pause was already waited for
        } else {
            setState(State::Saved);
        }
    });
}

void DraftAutosave::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace huntaze
