#include "clock.h"

#include <QPointer>
#include <QTimer>

namespace huntaze {

namespace {

class QtTimer final : public ClockTimer
{
public:
    QtTimer(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback) : m_timer(new QTimer(context))
    {
        m_timer->setSingleShot(true);
        QObject::connect(m_timer, &QTimer::timeout, context, std::move(callback));
        m_timer->start(delay);
    }
    ~QtTimer() override { delete m_timer.data(); }
    void stop() override
    {
        if (m_timer)
            m_timer->stop();
    }

private:
    QPointer<QTimer> m_timer;
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
    std::unique_ptr<ClockTimer> startTimer(std::chrono::milliseconds delay, QObject *context, std::function<void()> callback) override
    {
        return std::make_unique<QtTimer>(delay, context, std::move(callback));
    }
};

} // namespace

Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace huntaze
