// The Dashboard and the Performance page on the desktop (embedded backend)
// with millions of statement lines: the time from a click on a period to
// the charts painted, the longest UI-thread stall meanwhile, and the
// process's resident memory.
//
//   bench/dashboardpaint.sh [lines]   (builds RelWithDebInfo, runs offscreen; default 10,000,000 lines)
//
// BENCH_PAINT_DIR=/some/dir keeps the database there and reuses it on the
// next run with the same number of lines, skipping the import (ten million
// lines take about 40 minutes to import at random over five years).
//
// "Painted": the answer shown and the whole window repainted at once
// (QWidget::repaint paints every visible chart before it returns).
#include "analytics/earnings.h"
#include "app/appcore.h"
#include "backend/embeddedbackend.h"
#include "desktopprobe.h"
#include "layout/mainwindow.h"
#include "memorysecretstore.h"
#include "pages/dashboardpage.h"
#include "pages/pageids.h"
#include "pages/performancepage.h"
#include "state/agencyanalyticsstore.h"
#include "state/analyticsstore.h"
#include "state/sessionmanager.h"
#include "state/userstore.h"
#include "style/theme.h"
#include "widgets/earningsdashboard.h"
#include "widgets/periodchooser.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <utility>

using namespace huntaze;
using namespace huntaze::analytics;
using namespace huntaze::bench;

namespace {

// Five years of lines ending `lastDay`, from 20,000 fans, at random seconds.
QList<EarningEvent> batchOfLines(QRandomGenerator &random, const QDate &lastDay, int count)
{
    static const QList<EarningKind> kinds = allKinds();
    QList<EarningEvent> events;
    events.reserve(count);
    const QDateTime first(lastDay.addYears(-5).addDays(1), QTime(0, 0), Qt::UTC);
    for (int i = 0; i < count; ++i) {
        EarningEvent event;
        event.occurredAt = first.addSecs(random.bounded(5 * 365 * 86400));
        event.kind = kinds.at(random.bounded(static_cast<int>(kinds.size())));
        if (event.kind != EarningKind::ExpiredSubscription) {
            event.grossCents = random.bounded(100, 20'000);
            event.netCents = event.grossCents * 8 / 10;
        }
        event.currency = QStringLiteral("USD");
        event.fan = QStringLiteral("fan%1").arg(random.bounded(20'000));
        events.append(event);
    }
    return events;
}

} // namespace

// The application whose longest event, delivered from the event loop, each
// step names: what the longest stall was spent on.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer delivering;
        delivering.start();
        const QEvent::Type type = event->type(); // the receiver may delete the event
        const char *className = receiver->metaObject()->className();
        const bool handled = QApplication::notify(receiver, event);
        const qint64 took = delivering.elapsed();
        --m_depth;
        if (took > m_longest) {
            m_longest = took;
            m_longestEvent = QStringLiteral("%1 ms %2/%3").arg(took).arg(QLatin1String(className)).arg(static_cast<int>(type));
        }
        return handled;
    }
    // The longest event since the last call, and forgets it.
    QString takeLongestEvent()
    {
        m_longest = -1;
        return std::exchange(m_longestEvent, QStringLiteral("-"));
    }

private:
    int m_depth = 0;
    qint64 m_longest = -1;
    QString m_longestEvent = QStringLiteral("-");
};

int main(int argc, char *argv[])
{
    TimedApplication app(argc, argv);
    const qint64 lines = argc > 1 ? QByteArray(argv[1]).toLongLong() : 10'000'000;
    QTemporaryDir temporary;
    const QString kept = qEnvironmentVariable("BENCH_PAINT_DIR");
    const QDir dir(kept.isEmpty() ? temporary.path() : kept);
    if (!kept.isEmpty())
        QDir().mkpath(kept);
    QFile importedLines(dir.filePath(QStringLiteral("imported-lines")));
    const bool reused = importedLines.open(QIODevice::ReadOnly) && importedLines.readAll().trimmed().toLongLong() == lines;
    importedLines.close();
    if (!reused)
        QFile::remove(dir.filePath(QStringLiteral("huntaze.sqlite")));
    ui::Theme::apply(AppSettings::Appearance::Light);
    auto makeBackend = [&dir](ApiClient &) -> std::unique_ptr<Backend> {
        return std::make_unique<EmbeddedBackend>(dir.filePath(QStringLiteral("huntaze.sqlite")));
    };
    AppCore core(makeBackend, std::make_unique<test::MemorySecretStore>(), dir.path());
    core.start();
    while (!core.isStarted())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    const QString email = QStringLiteral("paint@example.com"), password = QStringLiteral("a long enough password");
    if (!reused && !wait(core.sessions().signUp({email, password, QStringLiteral("Paint Creator")})).ok())
        qFatal("sign-up failed");
    QRandomGenerator random(17);
    const QDate today = core.analytics().today();
    QElapsedTimer importing;
    importing.start();
    for (qint64 done = 0; !reused && done < lines; done += 200'000) {
        const Result<int> added
            = wait(core.analytics().importEarnings(batchOfLines(random, today, static_cast<int>(std::min<qint64>(200'000, lines - done)))));
        if (!added.ok())
            qFatal("import failed: %s", qPrintable(added.error().message));
    }
    const qint64 importMs = importing.elapsed();
    if (!kept.isEmpty() && !reused && importedLines.open(QIODevice::WriteOnly))
        importedLines.write(QByteArray::number(lines));
    if (core.users().isSignedIn())
        (void)wait(core.sessions().signOut());
    // What the import left in this process is not the window's: measure a fresh sign-in.
    ui::MainWindow window(core);
    window.resize(1440, 900);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    if (reused)
        std::printf("Dashboard with %lld statement lines over five years, 20,000 fans (embedded backend); database reused from %s\n", lines,
                    qPrintable(dir.path()));
    else
        std::printf(
            "Dashboard with %lld statement lines over five years, 20,000 fans (embedded backend); imported in %lld ms (%.0f lines/s)\n",
            lines, importMs, static_cast<double>(lines) * 1000.0 / static_cast<double>(std::max<qint64>(1, importMs)));
    std::printf("%-40s %14s %14s %14s %10s   %s\n", "step", "to painted", "of it repaint", "longest stall", "RSS",
                "longest event (receiver/type)");
    std::printf("%-40s %14s %14s %14s %6.1f MiB\n", "window open, signed out", "-", "-", "-", residentMiB());
    // The window repainted at once; how long the repaint itself took.
    const auto repaint = [&window] {
        QElapsedTimer painting;
        painting.start();
        window.repaint();
        return painting.elapsed();
    };

    StallWatch watch;
    (void)app.takeLongestEvent();
    QElapsedTimer took;
    AnalyticsStore &store = core.analytics();
    const auto answered = [&store] {
        return !store.isLoading() && store.dashboard()
            && (store.request().sinceFirstEarning || store.dashboard()->request.range == store.request().range);
    };
    watch.start();
    took.start();
    const QFuture<Result<User>> signingIn = core.sessions().signIn(email, password);
    while (!signingIn.isFinished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    // The password's Argon2id check (libsodium's interactive limits) is meant to take a while.
    std::printf("%-40s %11lld ms %14s %14s\n", "sign in (the password checked)", took.elapsed(), "-", "-");
    QElapsedTimer afterSignIn;
    afterSignIn.start();
    while (window.currentPageId() != ui::pageids::dashboard || !answered())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    const qint64 repainting = repaint();
    std::printf("%-40s %11lld ms %11lld ms %11lld ms %6.1f MiB   %s\n", "then the dashboard painted", afterSignIn.elapsed(), repainting,
                watch.stop(), residentMiB(), qPrintable(app.takeLongestEvent()));

    auto *page = qobject_cast<ui::DashboardPage *>(window.page(ui::pageids::dashboard));
    QComboBox *range = page->analytics()->rangeChooser();
    for (int index = 0; index < range->count(); ++index) {
        if (range->itemData(index).value<AnalyticsStore::Preset>() == AnalyticsStore::Preset::Custom)
            continue;
        watch.start();
        took.start();
        range->setCurrentIndex(index);
        Q_EMIT range->activated(index); // as a click on the item does
        while (!answered())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        const qint64 repaintingPeriod = repaint();
        std::printf("%-40s %11lld ms %11lld ms %11lld ms %6.1f MiB   %s\n", qPrintable(QStringLiteral("period: ") + range->itemText(index)),
                    took.elapsed(), repaintingPeriod, watch.stop(), residentMiB(), qPrintable(app.takeLongestEvent()));
    }

    // The Performance page (one creator, the owner's view) for 30 days and a year.
    AgencyAnalyticsStore &agency = core.agencyAnalytics();
    const auto agencyAnswered
        = [&agency] { return !agency.isLoading() && agency.analytics() && agency.analytics()->request.range == agency.request().range; };
    watch.start();
    took.start();
    window.showPage(ui::pageids::performance);
    while (!agencyAnswered())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    const qint64 repaintingPerformance = repaint();
    std::printf("%-40s %11lld ms %11lld ms %11lld ms %6.1f MiB   %s\n", "Performance page, 30 days", took.elapsed(), repaintingPerformance,
                watch.stop(), residentMiB(), qPrintable(app.takeLongestEvent()));
    watch.start();
    took.start();
    agency.setPreset(AnalyticsStore::Preset::LastYear);
    while (!agencyAnswered())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    const qint64 repaintingYear = repaint();
    std::printf("%-40s %11lld ms %11lld ms %11lld ms %6.1f MiB   %s\n", "Performance page, last 12 months", took.elapsed(), repaintingYear,
                watch.stop(), residentMiB(), qPrintable(app.takeLongestEvent()));
    return 0;
}
