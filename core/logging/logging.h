#pragma once

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcState)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace huntaze::logging {

// Sends every Qt log message to stderr and to a size-rotated file in
// `directory` (huntaze.log, huntaze.log.1, ...). Safe to call from any thread
// once installed; call once, early in main().
void installFileLog(const QString &directory, qint64 maxBytes = 2 * 1024 * 1024, int keepFiles = 3);

} // namespace huntaze::logging
