#pragma once

#include "analytics/earningsreport.h"
#include "common/result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

// How fans answered a creator's posts (issue 12): likes, comments and views
// per post and day, as the platforms' engagement exports list them. From
// them: the top posts of a period and the hours of the week whose posts do
// best (the best time to post).
namespace huntaze::analytics {

// One line of an engagement export: a post's figures on one day (or, when
// the export has one line per post, on the day it was posted). A later export
// of the same post and day replaces its figures, so an export imported twice
// changes nothing and a fresher one updates the counts.
struct PostEngagement {
    QString post; // the platform's id (or link) of the post
    QDateTime postedAt; // UTC
    QDate day; // the day the figures are for; null: the day of postedAt in the creator's time zone
    qint64 likes = 0;
    qint64 comments = 0;
    qint64 views = 0;
    QString caption; // optional

    // What a heat map and a ranking weigh: fans who acted, not who scrolled past.
    qint64 interactions() const { return likes + comments; }
    // Accepts the fields of toJson(): `post`, `postedAt` with its offset,
    // `day` (YYYY-MM-DD, not before the post), counts as whole numbers of at
    // least 0, a caption. `accountCurrency` is not read (an export has no
    // money); it is there so every line kind parses alike.
    static Result<PostEngagement> parse(const QJsonObject &json, const QString &accountCurrency = {});
    QJsonObject toJson() const;

    friend bool operator==(const PostEngagement &, const PostEngagement &) = default;
};

// A post with its figures summed, as the top posts list it.
struct TopPost {
    QString post;
    QString caption;
    QDateTime postedAt;
    qint64 likes = 0;
    qint64 comments = 0;
    qint64 views = 0;

    qint64 interactions() const { return likes + comments; }
    QJsonObject toJson() const;
    static TopPost fromJson(const QJsonObject &json);

    friend bool operator==(const TopPost &, const TopPost &) = default;
};

// The posts put up in one local hour of one weekday and what they drew, summed over a range.
struct PostingHour {
    int weekday = 1; // 1 Monday .. 7 Sunday
    int hour = 0;
    qint64 posts = 0;
    qint64 interactions = 0;

    friend bool operator==(const PostingHour &, const PostingHour &) = default;
};

// The weekday × hour grids of a range's posts: how many went up, and what
// they drew; a cell's average is interactions over posts.
struct PostingHeatmap {
    WeekHeatmap posts{};
    WeekHeatmap interactions{};

    // Average interactions per post of a cell; none without posts.
    std::optional<double> average(int weekday, int hour) const; // weekday 0 Monday .. 6 Sunday
    friend bool operator==(const PostingHeatmap &, const PostingHeatmap &) = default;
};
PostingHeatmap postingHeatmap(const QList<PostingHour> &hours);

} // namespace huntaze::analytics
