// A large creator on the desktop (embedded backend): 50,000 fans, 5,000
// offers, 20,000 past posts. Measures what the user feels: the longest time
// the UI thread does not come back to its event loop (a "stall": the window
// freezes) while signing in and while opening each page for the first time,
// and the resident memory after each step.
//
//   bench/largecreator.sh   (builds RelWithDebInfo, runs offscreen)
//
// A 1 ms timer on the UI thread records the longest gap between its ticks.
#include "app/appcore.h"
#include "backend/embeddedbackend.h"
#include "desktopprobe.h"
#include "layout/mainwindow.h"
#include "memorysecretstore.h"
#include "models/drafttablemodel.h"
#include "pages/draftspage.h"
#include "pages/fanspage.h"
#include "pages/pageids.h"
#include "state/creatordatastore.h"
#include "state/sessionmanager.h"
#include "state/userstore.h"
#include "style/theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLineEdit>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <QUuid>

#include <cstdio>

using namespace huntaze;
using namespace huntaze::bench;

namespace {

QList<Fan> manyFans(int count)
{
    QList<Fan> fans;
    for (int i = 0; i < count; ++i)
        fans.append(Fan{0, QStringLiteral("Fan %1").arg(i), i % 10 == 0 ? QStringList{QStringLiteral("vip")} : QStringList{},
                        static_cast<double>(i % 500) + 0.5, QStringLiteral("Set %1").arg(i % 40), QDate(2026, 1, 1).addDays(i % 300)});
    return fans;
}

QList<Offer> manyOffers(int count)
{
    QList<Offer> offers;
    for (int i = 0; i < count; ++i) {
        const double price = 5.99 + (i % 95);
        const int recipients = 500 + (i * 37) % 4500;
        const int purchases = static_cast<int>(recipients * 0.3 / (1 + price / 10));
        offers.append(Offer{0, QStringLiteral("Offer %1").arg(i), price, recipients, purchases, QDate(2025, 1, 1).addDays(i % 600)});
    }
    return offers;
}

QList<Post> manyPosts(int count)
{
    QList<Post> posts;
    const QStringList tags{QStringLiteral("fitness"), QStringLiteral("beach"), QStringLiteral("gym"), QStringLiteral("travel")};
    for (int i = 0; i < count; ++i)
        posts.append(Post{0,
                          QStringLiteral("instagram"),
                          QStringLiteral("Post %1").arg(i),
                          {tags.at(i % 4), tags.at((i / 4) % 4)},
                          10 + (i * 13) % 900,
                          QDate(2025, 1, 1).addDays(i % 600)});
    return posts;
}

// Drafts written straight into the file (a save each through the backend would take minutes).
void addDrafts(const QString &file, qint64 agencyId, qint64 creatorId, qint64 authorId, int count)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("drafts"));
        db.setDatabaseName(file);
        if (!db.open() || !db.transaction())
            qFatal("cannot open %s", qPrintable(file));
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO drafts (id, agency_id, creator_id, author_id, kind, status, title, body, hashtags, "
                                      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        const QStringList places{QStringLiteral("beach"), QStringLiteral("gym"), QStringLiteral("city"), QStringLiteral("studio")};
        for (int i = 0; i < count; ++i) {
            const QString when = QDateTime(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::utc()).addSecs(i * 60).toString(Qt::ISODateWithMs);
            insert.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
            insert.addBindValue(agencyId);
            insert.addBindValue(creatorId);
            insert.addBindValue(authorId);
            insert.addBindValue(i % 5 == 0 ? QStringLiteral("message") : QStringLiteral("post"));
            insert.addBindValue(i % 3 == 0 ? QStringLiteral("ready") : QStringLiteral("draft"));
            insert.addBindValue(QStringLiteral("Draft %1 at the %2").arg(i).arg(places.at(i % 4)));
            insert.addBindValue(QStringLiteral("Caption number %1, a line or two of text as a creator writes it.").arg(i));
            insert.addBindValue(QStringLiteral("[\"%1\"]").arg(places.at(i % 4)));
            insert.addBindValue(when);
            insert.addBindValue(when);
            if (!insert.exec())
                qFatal("draft not added: %s", qPrintable(insert.lastError().text()));
        }
        if (!db.commit())
            qFatal("drafts not committed");
    }
    QSqlDatabase::removeDatabase(QStringLiteral("drafts"));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    ui::Theme::apply(AppSettings::Appearance::Light);
    auto makeBackend = [&dir](ApiClient &) -> std::unique_ptr<Backend> {
        return std::make_unique<EmbeddedBackend>(dir.filePath(QStringLiteral("huntaze.sqlite")));
    };
    AppCore core(makeBackend, std::make_unique<test::MemorySecretStore>(), dir.path());
    core.start();
    while (!core.isStarted())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);

    const QString email = QStringLiteral("big@example.com"), password = QStringLiteral("a long enough password");
    if (!wait(core.sessions().signUp({email, password, QStringLiteral("Big Creator")})).ok())
        qFatal("sign-up failed");
    if (!wait(core.creatorData().importFans(manyFans(50000))).ok() || !wait(core.creatorData().importOffers(manyOffers(5000))).ok()
        || !wait(core.creatorData().importPosts(manyPosts(20000))).ok())
        qFatal("import failed");
    while (core.creatorData().isLoading())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    addDrafts(dir.filePath(QStringLiteral("huntaze.sqlite")), core.users().user()->agencyId, core.users().user()->creatorId,
              core.users().user()->id, 50000);
    (void)wait(core.sessions().signOut());

    ui::MainWindow window(core);
    window.resize(1280, 800);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    std::printf("large creator: 50,000 fans, 5,000 offers, 20,000 posts, 50,000 drafts (embedded backend)\n");
    std::printf("%-34s %12s %10s\n", "step", "longest stall", "RSS");
    std::printf("%-34s %12s %9.1f MiB\n", "window open, signed out", "-", residentMiB());

    StallWatch watch;
    watch.start();
    QElapsedTimer took;
    took.start();
    const QFuture<Result<User>> signingIn = core.sessions().signIn(email, password);
    while (!signingIn.isFinished() || core.creatorData().isLoading() || window.currentPageId() != ui::pageids::dashboard)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QTest::qWait(50);
    std::printf("%-34s %9lld ms %9.1f MiB   (%lld ms until the lists were loaded)\n", "sign in, dashboard shown", watch.stop(),
                residentMiB(), took.elapsed());

    // The Drafts page: from the click to its table painted with every draft.
    {
        watch.start();
        QElapsedTimer opening;
        opening.start();
        window.showPage(ui::pageids::drafts);
        auto *drafts = qobject_cast<ui::DraftsPage *>(window.page(ui::pageids::drafts));
        drafts->table()->viewport()->repaint();
        const qint64 painted = opening.elapsed();
        QTest::qWait(300);
        std::printf("%-34s %9lld ms %9.1f MiB   (%lld ms to the painted table, %d drafts)\n", "first visit: drafts", watch.stop(),
                    residentMiB(), painted, drafts->model()->rowCount());
        watch.start();
        QTest::keyClicks(drafts->searchEdit(), QStringLiteral("beach"));
        QTest::qWait(400);
        std::printf("%-34s %9lld ms %9.1f MiB   (%d drafts shown)\n", "type \"beach\" in the drafts search", watch.stop(), residentMiB(),
                    drafts->model()->rowCount());
        // A draft saved while the search is on (an autosave): the list is searched again.
        Draft edited = core.creatorData().drafts().first();
        edited.notes = QStringLiteral("edited while searching");
        watch.start();
        (void)wait(core.creatorData().saveDraft(edited));
        QTest::qWait(300);
        std::printf("%-34s %9lld ms %9.1f MiB   (%d drafts shown)\n", "a draft saved, search still on", watch.stop(), residentMiB(),
                    drafts->model()->rowCount());
    }
    for (const QString &page : {ui::pageids::fans, ui::pageids::messages, ui::pageids::pricing, ui::pageids::captions, ui::pageids::ideas,
                                ui::pageids::profile, ui::pageids::settings}) {
        watch.start();
        window.showPage(page);
        QTest::qWait(300); // painting, and background work the page started
        std::printf("%-34s %9lld ms %9.1f MiB\n", qPrintable(QStringLiteral("first visit: ") + page), watch.stop(), residentMiB());
    }
    // What a user does with that many fans: sort by name, by spend, and filter.
    auto *fansPage = qobject_cast<ui::FansPage *>(window.page(ui::pageids::fans));
    window.showPage(ui::pageids::fans);
    for (const auto &[label, column] :
         {std::pair{"sort fans by name", 0}, std::pair{"sort fans by total spend", 2}, std::pair{"sort fans by last active", 4}}) {
        watch.start();
        fansPage->fansTable()->horizontalHeader()->setSortIndicator(column, Qt::DescendingOrder);
        QTest::qWait(100);
        std::printf("%-34s %9lld ms %9.1f MiB\n", label, watch.stop(), residentMiB());
    }
    watch.start();
    QTest::keyClicks(fansPage->fansFilter(), QStringLiteral("vip"));
    QTest::qWait(400); // the filter waits for a pause in typing
    std::printf("%-34s %9lld ms %9.1f MiB   (%d fans shown)\n", "type \"vip\" in the filter", watch.stop(), residentMiB(),
                fansPage->fansTable()->model()->rowCount());
    return 0;
}
