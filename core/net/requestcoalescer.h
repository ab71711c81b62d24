#pragma once

#include "common/result.h"
#include "net/apirequest.h"

#include <QFuture>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace huntaze {

// Single-flight: concurrent identical requests share one upstream call. Every
// caller gets its own future with the same result or the same error; a caller
// that cancels leaves the others alone, and the upstream call is cancelled
// only when every caller has. The entry is gone once the call ends, so a later
// request starts a fresh call. Use from one thread (the client's).
class RequestCoalescer : public QObject
{
    Q_OBJECT
public:
    using Upstream = QFuture<Result<ApiResponse>>;
    using Starter = std::function<Upstream()>;

    using QObject::QObject;

    // The sharing key of a request: method, URL, body and credentials for
    // GET and HEAD; for other methods only when the caller set coalesceKey.
    // Empty when the request must not be shared.
    static QByteArray keyFor(const ApiRequest &request);

    // Joins the call in flight under `key`, or starts one with `start`. An
    // empty key always starts a call of its own.
    Upstream join(const QByteArray &key, const Starter &start);

    int inFlight() const { return static_cast<int>(m_entries.size()); }

private:
    struct Entry;
    void deliver(const std::shared_ptr<Entry> &entry);

    QHash<QByteArray, std::shared_ptr<Entry>> m_entries;
};

} // namespace huntaze
