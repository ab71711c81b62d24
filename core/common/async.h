#pragma once

#include "common/result.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>

#include <memory>

#include <utility>

namespace huntaze {

// Calls `handler(result)` on `context`'s thread once `future` has its result.
// If `context` is destroyed first, nothing is called.
//
// Why not QFuture::then(context, ...): before Qt 6.6 that asserts or calls into
// a dead object when the context goes away first (fixed upstream in 6.6 by
// cancelling the continuation). A watcher owned by the context gives the 6.6
// behaviour on Qt 6.4.
template <typename T, typename Handler> void onFinished(const QFuture<T> &future, QObject *context, Handler handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, handler = std::move(handler)]() mutable {
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0)
            handler(watcher->future().result());
    });
    watcher->setFuture(future);
}

// When `downstream` (a continuation handed to a caller) is cancelled, cancels
// `upstream` (the work it waits for) too: Qt 6.4 does not propagate a
// continuation's cancellation to its parent. The watcher lives in `owner`.
template <typename T, typename U> void cancelUpstreamWith(const QFuture<T> &downstream, QFuture<U> upstream, QObject *owner)
{
    auto *watcher = new QFutureWatcher<T>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::canceled, watcher, [upstream]() mutable {
        // Never a finished one: Qt 6.4 then walks a continuation chain that may be freed.
        if (!upstream.isFinished())
            upstream.cancel();
    });
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(downstream);
}

// `promise` reports `future`'s progress too (an import's batches, when a
// future made for the caller stands in for it). The watcher lives in `context`.
template <typename T, typename R> void forwardProgress(const QFuture<T> &future, QObject *context, std::shared_ptr<QPromise<R>> promise)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::progressRangeChanged, context,
                     [promise](int minimum, int maximum) { promise->setProgressRange(minimum, maximum); });
    QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, context,
                     [promise](int value) { promise->setProgressValue(value); });
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(future);
}

// Continues `future` with `next(result)` on `context`'s thread, where `next`
// returns another future; the returned future finishes with that one. Like
// QFuture::then(context, ...) followed by unwrap(), but safe on Qt 6.4 (see
// onFinished): if `context` goes first, the returned future is cancelled.
template <typename R, typename T, typename Next> QFuture<R> chainOn(const QFuture<T> &future, QObject *context, Next next)
{
    auto promise = std::make_shared<QPromise<R>>();
    promise->start();
    QFuture<R> chained = promise->future();
    onFinished(future, context, [promise, context, next = std::move(next)](const T &value) mutable {
        onFinished(QFuture<R>(next(value)), context, [promise](const R &result) {
            promise->addResult(result);
            promise->finish();
        });
    });
    // A promise dropped unfinished (context gone, upstream cancelled) cancels `chained`.
    return chained;
}

template <typename T> QFuture<Result<T>> readyFuture(Result<T> result)
{
    return QtFuture::makeReadyFuture(std::move(result));
}

} // namespace huntaze
