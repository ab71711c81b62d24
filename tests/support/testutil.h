#pragma once

#include <QFuture>
#include <QTest>

namespace huntaze::test {

// Spins the event loop until `future` has its result (at most `timeoutMs`),
// then returns it. Never calls QFuture::waitForFinished, which could run a
// queued job on the test thread instead of its own. The limit only catches a
// hang: imports through a server under AddressSanitizer, with other tests
// running on a slow two-core machine, took over 20 s.
template <typename T> T await(const QFuture<T> &future, int timeoutMs = 60000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        qFatal("future did not finish within %d ms", timeoutMs);
    return future.result();
}

} // namespace huntaze::test
