#pragma once

#include <QFuture>
#include <QTest>

namespace huntaze::test {

// Spins the event loop until `future` has its result (at most `timeoutMs`),
// then returns it. Never calls QFuture::waitForFinished, which could run a
// queued job on the test thread instead of its own.
template <typename T> T await(const QFuture<T> &future, int timeoutMs = 20000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        qFatal("future did not finish within %d ms", timeoutMs);
    return future.result();
}

} // namespace huntaze::test
