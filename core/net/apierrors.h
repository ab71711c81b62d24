#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

// Errors of HTTP calls, written for the user: the UI shows `message` as it is.
namespace huntaze::apierrors {

Error unreachable(const QString &host, const QString &detail);
Error connectionLost(const QString &host, const QString &detail);
Error timeout(const QString &host, qint64 timeoutMs);
// With what the handshake found wrong with the certificate (QSslError::errorString), when anything.
Error tls(const QString &host, const QStringList &certificateProblems, const QString &detail);
// `serverMessage` is the "error" field of the server's JSON answer, when it sent one.
Error httpStatus(int status, const QString &serverMessage);
Error malformedJson(const QString &host, const QString &detail);
Error circuitOpen(const QString &service, const QDateTime &retryAt);
Error rateLimited(const QString &host, const QDateTime &until);
Error cancelled();

// The server could not be reached or answer at all (as opposed to answering no):
// a device works on its local copy then, and tries again later.
bool meansUnreachable(const Error &error);

} // namespace huntaze::apierrors
