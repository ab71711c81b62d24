#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace huntaze {

// Something a creator or their team keeps to post or send later (issue 13):
// a post (caption, hashtags, platform, planned time, media files) or a
// message to fans (a template and the audience it is for). Its identity is a
// UUID, made where it is first written, so a device can make one offline.
struct Draft {
    enum class Kind { Post, Message };
    enum class Status { Draft, Ready, Done };

    QString id; // a UUID; empty: not saved yet
    qint64 creatorId = 0; // whose draft (set by storage)
    qint64 authorId = 0; // the member who wrote it first (set by storage)
    QString authorEmail; // theirs, to name them in lists (set by storage)
    Kind kind = Kind::Post;
    Status status = Status::Draft;
    QString title;
    QString body; // the caption of a post, the template of a message
    QString notes;
    QStringList hashtags; // a post's, without '#'
    QString platform; // a post's, lowercase
    QDateTime plannedAt; // when a post should go up; invalid: not planned
    QStringList media; // a post's files, as paths or URLs
    QString audience; // a message's spend segment (analytics::segmentId); empty: every fan
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 version = 0; // the server's version of its last write (0: never on a server)
    bool deleted = false; // a tombstone, as a sync passes it on (lists never hold one)

    // Nothing written yet: no title, body or notes (blank ones count as none).
    bool isEmpty() const;
    // The hashtags as they are posted: "#beach #sunrise".
    QString hashtagLine() const;

    static QString kindName(Kind kind); // "post", "message"
    // Also the kinds drafts had before issue 13: "idea" and "caption" are posts.
    static std::optional<Kind> kindFrom(const QString &name);
    static QString statusName(Status status); // "draft", "ready", "done"
    static std::optional<Status> statusFrom(const QString &name);

    QJsonObject toJson() const;
    // The fields a person edits (what a sync merges): toJson() without identity, author, times, version and tombstone.
    QJsonObject editableFields() const;
    // This draft with `fields` (editable ones, as editableFields() names them) put in; identity, author, times and version kept.
    Draft withEditableFields(const QJsonObject &fields) const;
    static Draft fromJson(const QJsonObject &json);
    // A draft as a client sent it (unknown fields ignored), validated.
    static Result<Draft> parse(const QJsonValue &json);
    friend bool operator==(const Draft &, const Draft &) = default;
};

// An edit that overlapped a change made meanwhile, kept beside the draft.
struct DraftConflict {
    QString id; // a UUID
    QString draftId;
    qint64 creatorId = 0;
    qint64 authorId = 0; // who pushed the edit
    QJsonObject fields; // the device's values of the fields it changed
    QStringList conflicting; // those changed both ways
    qint64 version = 0;
    bool resolved = false;

    QJsonObject toJson() const;
    static DraftConflict fromJson(const QJsonObject &json);
    friend bool operator==(const DraftConflict &, const DraftConflict &) = default;
};

// A draft asked for by id that is not there (deleted, or never): NotFound.
Error draftNotFound();
// A conflict chosen between again (or never there): NotFound.
Error conflictAlreadyResolved();

// Fit to keep (the rules once for every backend, the server and imports):
// texts within their limits with no forbidden character, a title, text or
// notes, labels for hashtags and platform, at most maxDraftMedia files, a
// known audience. Normalised: platform lowercase, hashtags without '#',
// instants in UTC.
Result<Draft> validateDraft(Draft draft);

} // namespace huntaze
