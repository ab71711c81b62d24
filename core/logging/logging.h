#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcState)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcRequests) // huntaze-server: one line per request, its message a JSON object

namespace huntaze::logging {

// Sends every Qt log message to stderr and to a size-rotated file in
// `directory` (huntaze.log, huntaze.log.1, ...). Safe to call from any thread
// once installed; call once, early in main().
void installFileLog(const QString &directory, qint64 maxBytes = 2 * 1024 * 1024, int keepFiles = 3);

// huntaze-server: every message as one JSON line on stderr, for journald and
// log shippers: {"time", "level", "category", "message"}; a request line
// (lcRequests) is its own object with "time" and "level" added.
void installJsonStderrLog();
// The line written for one message (without the newline).
QByteArray jsonLogLine(QtMsgType type, const char *category, const QString &message, const QDateTime &at);

} // namespace huntaze::logging
