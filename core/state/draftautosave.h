#pragma once

#include "domain/draft.h"
#include "net/clock.h"

#include <QObject>

#include <chrono>
#include <memory>

namespace huntaze {

class CreatorDataStore;

// Keeps the draft being edited saved (issue 13): a change is saved once the
// editing pauses for `delay` (under a second), one save at a time; a change
// made while a save runs is saved after it, under the id the first save gave
// a new draft (never a second copy). flush() saves what is pending at once,
// as when the editor closes. A draft with nothing in it yet is not saved.
class DraftAutosave : public QObject
{
    Q_OBJECT
public:
    enum class State { Saved, Pending, Saving, Failed };
    static constexpr std::chrono::milliseconds delay{800};

    explicit DraftAutosave(CreatorDataStore &store, Clock &clock = Clock::system(), QObject *parent = nullptr);

    // Starts editing `draft` (nothing pending).
    void open(const Draft &draft);
    // The editor's current fields.
    void edit(const Draft &draft);
    void flush();

    // The draft as edited, with the id, times and version of its last save.
    const Draft &draft() const { return m_draft; }
    State state() const { return m_state; }
    // Why the last save failed (State::Failed); the edits stay pending.
    const QString &lastError() const { return m_lastError; }

Q_SIGNALS:
    void stateChanged(huntaze::DraftAutosave::State state);

private:
    void save();
    void setState(State state);

    CreatorDataStore &m_store;
    Clock &m_clock;
    std::unique_ptr<ClockTimer> m_timer;
    Draft m_draft;
    bool m_changed = false; // edits not yet sent to a save
    bool m_saving = false;
    int m_generation = 0; // open() starts a new one: a late answer for another draft is ignored
    State m_state = State::Saved;
    QString m_lastError;
};

} // namespace huntaze
