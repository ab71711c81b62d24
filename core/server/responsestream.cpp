#include "responsestream.h"

namespace huntaze::server {

void ResponseStream::write(const QByteArray &bytes)
{
    if (m_ended || bytes.isEmpty())
        return;
    if (m_takenUp)
        Q_EMIT data(bytes);
    else
        m_waiting += bytes;
}

void ResponseStream::end()
{
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT ended();
}

QByteArray ResponseStream::takeUp()
{
    m_takenUp = true;
    return std::exchange(m_waiting, {});
}

void ResponseStream::abandon()
{
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT abandoned();
}

} // namespace huntaze::server
