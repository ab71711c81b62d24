#include "toppostschart.h"

#include "widgets/chartexport.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLocale>
#include <QTimeZone>
#include <QToolTip>
#include <QValueAxis>

namespace huntaze::ui {

namespace {
constexpr int labelLength = 28;
} // namespace

TopPostsChart::TopPostsChart(QWidget *parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(280);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->setBackgroundVisible(false);
    chart()->legend()->setLabelColor(palette().color(QPalette::WindowText));
    setAccessibleName(tr("Top posts by likes and comments"));
}

QString TopPostsChart::labelOf(const analytics::TopPost &post)
{
    const QString caption = post.caption.simplified();
    if (caption.isEmpty())
        return post.post;
    return caption.size() > labelLength ? caption.left(labelLength - 1) + QChar(0x2026) : caption;
}

QString TopPostsChart::describe(int index) const
{
    if (index < 0 || index >= m_posts.size())
        return {};
    const analytics::TopPost &post = m_posts.at(index);
    const QLocale locale;
    return tr("%1 — %2 likes, %3 comments, %4 views; put up %5")
        .arg(post.caption.simplified().isEmpty() ? post.post : post.caption.simplified().left(80), locale.toString(post.likes),
             locale.toString(post.comments), locale.toString(post.views),
             locale.toString(post.postedAt.toTimeZone(m_zone), QLocale::LongFormat));
}

void TopPostsChart::setPosts(const QList<analytics::TopPost> &posts, const QTimeZone &zone)
{
    m_posts = posts;
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    chart()->removeAllSeries();
    // The chart gives up an axis it removes without deleting it.
    for (QAbstractAxis *axis : chart()->axes()) {
        chart()->removeAxis(axis);
        delete axis;
    }
    auto *likes = new QBarSet(tr("Likes"));
    auto *comments = new QBarSet(tr("Comments"));
    QStringList labels;
    // The chart draws the first category at the bottom: the best post goes last, so it shows on top.
    for (auto it = m_posts.crbegin(); it != m_posts.crend(); ++it) {
        likes->append(static_cast<qreal>(it->likes));
        comments->append(static_cast<qreal>(it->comments));
        // Labels must differ: the same caption twice gets the post's id.
        QString label = labelOf(*it);
        if (labels.contains(label))
            label = it->post;
        labels.append(label);
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->append(likes);
    series->append(comments);
    chart()->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(labels);
    categories->setLabelsColor(palette().color(QPalette::WindowText));
    chart()->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto *values = new QValueAxis;
    values->setLabelFormat(QStringLiteral("%.0f"));
    values->setLabelsColor(palette().color(QPalette::WindowText));
    chart()->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    const auto count = static_cast<int>(m_posts.size());
    connect(series, &QHorizontalStackedBarSeries::hovered, this, [this, count](bool status, int index) {
        if (status)
            QToolTip::showText(QCursor::pos(), describe(count - 1 - index), this);
        else
            QToolTip::hideText();
    });
    setAccessibleDescription(m_posts.isEmpty() ? tr("No posts in this period.") : tr("Top post: %1").arg(describe(0)));
}

QString TopPostsChart::csv() const
{
    QString out = QStringLiteral("post,caption,posted_at,likes,comments,views\r\n");
    for (const analytics::TopPost &post : m_posts)
        out += QStringList{chartexport::csvField(post.post),
                           chartexport::csvField(post.caption),
                           post.postedAt.toUTC().toString(Qt::ISODate),
                           QString::number(post.likes),
                           QString::number(post.comments),
                           QString::number(post.views)}
                   .join(u',')
            + QStringLiteral("\r\n");
    return out;
}

bool TopPostsChart::exportCsv(const QString &path, QString *error) const
{
    return chartexport::saveText(path, csv(), error);
}

bool TopPostsChart::exportPng(const QString &path, QString *error)
{
    return chartexport::savePng(this, path, error);
}

} // namespace huntaze::ui
