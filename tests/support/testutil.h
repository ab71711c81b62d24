#pragma once

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QTest>
#include <QTimer>

namespace huntaze::test {

// The hang limit of a UI wait on real work, such as the demo data's year of
// earnings and messages (QTRY_*_WITH_TIMEOUT): under AddressSanitizer, with
// other tests running on a two-core machine, it took over 5 s (QTRY's default).
constexpr int workLimitMs = 60000;

// Spins the event loop until `future` has its result (at most `timeoutMs`),
// then returns it. Never calls QFuture::waitForFinished, which could run a
// queued job on the test thread instead of its own. The limit only catches a
// hang: imports through a server under AddressSanitizer, with other tests
// running on a slow two-core machine, took over 20 s. It returns as soon as
// the future finishes (QTest::qWaitFor would sleep 10 ms between looks).
template <typename T> T await(const QFuture<T> &future, int timeoutMs = 60000)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, [&loop] { loop.exit(0); });
        QTimer hang;
        hang.setSingleShot(true);
        QObject::connect(&hang, &QTimer::timeout, &loop, [&loop] { loop.exit(1); });
        hang.start(timeoutMs);
        watcher.setFuture(future);
        if (!future.isFinished() && loop.exec() != 0 && !future.isFinished())
            qFatal("future did not finish within %d ms", timeoutMs);
    }
    return future.result();
}

} // namespace huntaze::test
