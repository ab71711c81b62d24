#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace huntaze::sync {

// One local change a device pushes (issue 13, docs/sync.md), written with the
// change itself in one transaction and kept until the server acknowledges it.
struct Mutation {
    enum class Op { Put, Delete };

    qint64 id = 0; // counts up per client from 1: the server applies each once, in order
    QString entity; // what kind of row: "draft", "draft_conflict", "preference", or rows imported: "fans", "offers", "posts"
    QString entityId; // the row's identity (a UUID made where it was first written)
    qint64 baseVersion = 0; // the server's version of the row the device edited; 0: new on the device
    Op op = Op::Put;
    QJsonObject payload; // Put: the fields set, with their new values
    // Put: the same fields' values before the edit (what a merge compares
    // with). Delete: every field as the device saw it (the row is deleted if
    // it still holds just that, whatever its version).
    QJsonObject base;

    static QString opName(Op op); // "put", "delete"
    QJsonObject toJson() const;
    // A mutation as a client sent it; errors name the field ("mutations[3].entityId" once placed by the caller).
    static Result<Mutation> parse(const QJsonValue &json);
    friend bool operator==(const Mutation &, const Mutation &) = default;
};

// The entities a device may push.
QStringList syncedEntities();

// Limits of a push (hostile clients): mutations per request, and a payload's size as compact JSON.
inline constexpr int maxMutationsPerPush = 500;
inline constexpr int maxPayloadBytes = 64 * 1024;
// What a device puts in one push at most (the server takes 4 MiB a request):
// a batch stops before the mutation that would go past it.
inline constexpr qsizetype maxPushBytes = 1024 * 1024;

// What the server does with a pushed batch, given the last mutation of that
// client it applied: mutations at or below it (retries, duplicates) are
// skipped; the rest must follow on from it one by one. A gap refuses the whole
// batch (nothing applied), with the id the server expects next, so the client
// sends again from there.
struct PushPlan {
    QList<Mutation> toApply; // in order
    std::optional<qint64> expected; // set: a gap, the id the server expects next
};
PushPlan planPush(qint64 lastMutationId, const QList<Mutation> &batch);

} // namespace huntaze::sync
