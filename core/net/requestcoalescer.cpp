#include "requestcoalescer.h"

#include "net/apierrors.h"

#include <QCryptographicHash>
#include <QFutureWatcher>
#include <QPromise>

#include <vector>

namespace huntaze {

struct RequestCoalescer::Entry {
    QByteArray key;
    Upstream upstream;
    std::vector<std::shared_ptr<QPromise<Result<ApiResponse>>>> callers;
};

QByteArray RequestCoalescer::keyFor(const ApiRequest &request)
{
    const QByteArray method = request.method.toUpper();
    const bool readOnly = method == "GET" || method == "HEAD";
    if ((!readOnly && request.coalesceKey.isEmpty()) || request.onData)
        return {}; // a stream feeds one caller's callback: nothing to share

    // The key only lives in this process's memory, so credentials and small
    // bodies go in as they are (cheaper than hashing, and collision-free);
    // large bodies are represented by their SHA-256.
    QByteArray key;
    key.reserve(256);
    key += method;
    key += ' ';
    key += request.url.toEncoded();
    key += "\nbody:";
    if (request.body.size() <= 512)
        key += request.body;
    else
        key += QCryptographicHash::hash(request.body, QCryptographicHash::Sha256);
    // Credentials are part of the key: two users must never share an answer.
    key += "\nbearer:";
    key += request.bearerToken.toUtf8();
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0 || name.compare("Cookie", Qt::CaseInsensitive) == 0
            || name.compare("X-API-Key", Qt::CaseInsensitive) == 0) {
            key += '\n';
            key += name.toLower();
            key += ':';
            key += value;
        }
    }
    if (!readOnly) {
        key += "\nkey:";
        key += request.coalesceKey.toUtf8();
    }
    return key;
}

RequestCoalescer::Upstream RequestCoalescer::join(const QByteArray &key, const Starter &start)
{
    std::shared_ptr<Entry> entry = key.isEmpty() ? nullptr : m_entries.value(key);
    if (!entry) {
        entry = std::make_shared<Entry>();
        entry->key = key;
        entry->upstream = start();
        if (!key.isEmpty())
            m_entries.insert(key, entry);
        auto *watcher = new QFutureWatcher<Result<ApiResponse>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, entry] {
            watcher->deleteLater();
            deliver(entry);
        });
        watcher->setFuture(entry->upstream);
    }

    auto caller = std::make_shared<QPromise<Result<ApiResponse>>>();
    caller->start();
    entry->callers.push_back(caller);
    QFuture<Result<ApiResponse>> future = caller->future();

    // A caller may give up (future.cancel()) without taking the others down.
    auto *cancelWatcher = new QFutureWatcher<Result<ApiResponse>>(this);
    connect(cancelWatcher, &QFutureWatcherBase::canceled, this, [entry, caller] {
        std::erase(entry->callers, caller);
        caller->finish();
        if (entry->callers.empty() && !entry->upstream.isFinished())
            entry->upstream.cancel();
    });
    connect(cancelWatcher, &QFutureWatcherBase::finished, cancelWatcher, &QObject::deleteLater);
    cancelWatcher->setFuture(future);
    return future;
}

void RequestCoalescer::deliver(const std::shared_ptr<Entry> &entry)
{
    if (!entry->key.isEmpty() && m_entries.value(entry->key) == entry)
        m_entries.remove(entry->key);
    const Result<ApiResponse> result
        = entry->upstream.resultCount() > 0 ? entry->upstream.result() : Result<ApiResponse>(apierrors::cancelled());
    const auto callers = std::move(entry->callers);
    for (const auto &caller : callers) {
        caller->addResult(result);
        caller->finish();
    }
}

} // namespace huntaze
