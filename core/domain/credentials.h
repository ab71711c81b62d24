#pragma once

#include "common/result.h"

#include <QString>

namespace huntaze {

struct SignUpRequest {
    QString email;
    QString password;
    QString displayName;
    // An invitation code (huntaze-server): join that agency with the role it
    // gives instead of starting an agency of one.
    QString invitation = {};
};

// Email and password rules for local accounts, shared by sign-up forms, the
// embedded backend and (later) the server so they can never disagree.
namespace credentials {

inline constexpr int minPasswordLength = 10;
// Argon2id hashes any length, but a cap keeps a pasted novel from costing
// seconds of CPU on the server.
inline constexpr int maxPasswordLength = 1024;
inline constexpr int maxEmailLength = 254;

QString normalizeEmail(const QString &email);
Result<QString> validateEmail(const QString &email); // the normalised address
Result<void> validatePassword(const QString &password);

} // namespace credentials
} // namespace huntaze
