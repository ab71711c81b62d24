#include "redisratelimiter.h"

#include "logging/logging.h"

#include <QElapsedTimer>
#include <QMutexLocker>

#include <hiredis/hiredis.h>

#include <chrono>

namespace huntaze::server {

namespace {

// The same arithmetic as RateLimiter::decide (tst_redis checks both agree on
// random traffic), done where the value lives so that two instances never
// both spend the last request. Answers the stored instant before this
// request (0: none), and 1 when allowed, 0 when not. Keys expire once their
// budget is whole again.
//   KEYS[1] the budget's key; ARGV: now (ms), interval (ms), window (ms)
const char *const gcraScript = R"lua(
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local tat = math.max(stored, now)
local next = tat + interval
if next - now > window then
    return {tostring(stored), 0}
end
redis.call('SET', KEYS[1], tostring(next), 'PX', math.max(1, next - now))
return {tostring(stored), 1}
)lua";

struct ReplyDeleter {
    void operator()(redisReply *reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

Reply command(redisContext *context, const QList<QByteArray> &arguments)
{
    std::vector<const char *> parts;
    std::vector<size_t> lengths;
    for (const QByteArray &argument : arguments) {
        parts.push_back(argument.constData());
        lengths.push_back(static_cast<size_t>(argument.size()));
    }
    return Reply(static_cast<redisReply *>(redisCommandArgv(context, static_cast<int>(parts.size()), parts.data(), lengths.data())));
}

} // namespace

RedisRateLimiter::RedisRateLimiter(QUrl url, const Clock &clock) : m_url(std::move(url)), m_clock(clock), m_fallback(clock)
{}

RedisRateLimiter::~RedisRateLimiter()
{
    if (m_context)
        redisFree(m_context);
}

bool RedisRateLimiter::isValidUrl(const QUrl &url)
{
    return url.isValid() && url.scheme() == QLatin1String("redis") && !url.host().isEmpty();
}

QString RedisRateLimiter::describe() const
{
    return m_url.toString(QUrl::RemoveUserInfo);
}

bool RedisRateLimiter::isUp() const
{
    QMutexLocker lock(&m_mutex);
    return m_context != nullptr;
}

bool RedisRateLimiter::connectLocked(QString *why)
{
    if (m_context)
        return true;
    if (m_clock.now().toMSecsSinceEpoch() < m_nextAttemptMs) {
        *why = QStringLiteral("Redis unreachable; next try within a second");
        return false;
    }
    // Short: a request waits for this. Redis on the LAN answers in well under a millisecond.
    const timeval timeout{0, 200'000};
    redisContext *context = redisConnectWithTimeout(m_url.host().toUtf8().constData(), m_url.port(6379), timeout);
    if (!context || context->err) {
        *why = context ? QString::fromUtf8(context->errstr) : QStringLiteral("out of memory");
        if (context)
            redisFree(context);
        m_nextAttemptMs = m_clock.now().toMSecsSinceEpoch() + 1000;
        return false;
    }
    redisSetTimeout(context, timeout);
    auto fail = [&](const QString &reason) {
        *why = reason;
        redisFree(context);
        m_nextAttemptMs = m_clock.now().toMSecsSinceEpoch() + 1000;
        return false;
    };
    if (!m_url.password().isEmpty()) {
        QList<QByteArray> auth{QByteArrayLiteral("AUTH")};
        if (!m_url.userName().isEmpty())
            auth.append(m_url.userName().toUtf8());
        auth.append(m_url.password().toUtf8());
        const Reply reply = command(context, auth);
        if (!reply || reply->type == REDIS_REPLY_ERROR)
            return fail(QStringLiteral("authentication refused"));
    }
    const QString database = m_url.path().mid(1);
    if (!database.isEmpty()) {
        const Reply reply = command(context, {QByteArrayLiteral("SELECT"), database.toUtf8()});
        if (!reply || reply->type == REDIS_REPLY_ERROR)
            return fail(QStringLiteral("cannot select database %1").arg(database));
    }
    const Reply loaded = command(context, {QByteArrayLiteral("SCRIPT"), QByteArrayLiteral("LOAD"), QByteArray(gcraScript)});
    if (!loaded || loaded->type != REDIS_REPLY_STRING)
        return fail(QStringLiteral("cannot load the rate-limit script"));
    m_scriptSha = QByteArray(loaded->str, static_cast<qsizetype>(loaded->len));
    m_context = context;
    if (!m_wasUp) {
        qCInfo(lcServer).noquote() << "Redis" << describe() << "is back: rate limits are shared again";
        m_wasUp = true;
    }
    return true;
}

void RedisRateLimiter::dropLocked(const QString &why)
{
    if (m_context) {
        redisFree(m_context);
        m_context = nullptr;
    }
    m_nextAttemptMs = m_clock.now().toMSecsSinceEpoch() + 1000;
    if (m_wasUp) {
        qCWarning(lcServer).noquote() << "Redis" << describe() << "unavailable (" << why
                                      << "): rate limits are this instance's own until it is back";
        m_wasUp = false;
    }
}

std::optional<qint64> RedisRateLimiter::evalLocked(const QByteArray &key, qint64 nowMs, const RateLimit &limit, QString *why)
{
    const qint64 windowMs = std::chrono::milliseconds(limit.window).count();
    const qint64 interval = std::max<qint64>(1, windowMs / limit.requests);
    const QList<QByteArray> arguments{
        QByteArrayLiteral("EVALSHA"), m_scriptSha, QByteArrayLiteral("1"), key, QByteArray::number(nowMs), QByteArray::number(interval),
        QByteArray::number(windowMs)};
    Reply reply = command(m_context, arguments);
    if (reply && reply->type == REDIS_REPLY_ERROR && QByteArray(reply->str).startsWith("NOSCRIPT")) {
        // Redis restarted (or SCRIPT FLUSH): the script goes along this once.
        QList<QByteArray> again = arguments;
        again[0] = QByteArrayLiteral("EVAL");
        again[1] = QByteArray(gcraScript);
        reply = command(m_context, again);
    }
    if (!reply) {
        *why = QString::fromUtf8(m_context->errstr);
        return std::nullopt;
    }
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2 || reply->element[0]->type != REDIS_REPLY_STRING) {
        *why = reply->type == REDIS_REPLY_ERROR ? QString::fromUtf8(reply->str) : QStringLiteral("unexpected answer");
        return std::nullopt;
    }
    return QByteArray(reply->element[0]->str, static_cast<qsizetype>(reply->element[0]->len)).toLongLong();
}

RateDecision RedisRateLimiter::take(const QString &key, const RateLimit &limit)
{
    if (!limit.enabled())
        return m_fallback.take(key, limit);
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    QString why;
    if (connectLocked(&why)) {
        if (const std::optional<qint64> stored = evalLocked(QByteArrayLiteral("huntaze:rate:") + key.toUtf8(), now, limit, &why)) {
            qint64 next = 0;
            return decide(*stored, now, limit, &next);
        }
        dropLocked(why);
    } else if (m_wasUp) {
        dropLocked(why);
    }
    lock.unlock();
    // Never a refusal for want of Redis: this instance's own budgets meanwhile.
    return m_fallback.take(key, limit);
}

RedisRateLimiter::Health RedisRateLimiter::check()
{
    QMutexLocker lock(&m_mutex);
    QString why;
    QElapsedTimer timer;
    timer.start();
    if (!connectLocked(&why))
        return Health{false, 0, why};
    const Reply reply = command(m_context, {QByteArrayLiteral("PING")});
    if (!reply || reply->type == REDIS_REPLY_ERROR) {
        why = reply ? QString::fromUtf8(reply->str) : QString::fromUtf8(m_context->errstr);
        dropLocked(why);
        return Health{false, 0, why};
    }
    return Health{true, static_cast<double>(timer.nsecsElapsed()) / 1e6, {}};
}

} // namespace huntaze::server
