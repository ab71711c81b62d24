#pragma once

#include "analytics/engagement.h"

#include <QChartView>
#include <QTimeZone>

namespace huntaze::ui {

// The period's top posts as horizontal bars, likes and comments stacked,
// the best at the top; hovering a bar shows the post's exact figures, and
// the data exports exactly (post, caption, when it went up, likes, comments, views).
class TopPostsChart : public QChartView
{
    Q_OBJECT
public:
    explicit TopPostsChart(QWidget *parent = nullptr);

    // `zone`: the creator's, in which the times they went up read.
    void setPosts(const QList<analytics::TopPost> &posts, const QTimeZone &zone);
    const QList<analytics::TopPost> &posts() const { return m_posts; }
    // "Sunset #beach — 120 likes, 14 comments, 3,400 views; put up Monday 2 March 18:30".
    QString describe(int index) const;
    // A bar's label: the caption's start, or the post's id without one.
    static QString labelOf(const analytics::TopPost &post);

    QString csv() const;
    bool exportCsv(const QString &path, QString *error) const;
    bool exportPng(const QString &path, QString *error);

private:
    QList<analytics::TopPost> m_posts;
    QTimeZone m_zone;
};

} // namespace huntaze::ui
