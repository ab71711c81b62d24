#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonDocument>

namespace huntaze {

// Parses JSON from a client, refusing what QJsonDocument would silently
// change: a key given twice in one object (QJsonDocument keeps the last), and
// a string or key holding U+0000 or half a surrogate pair ("\ud800", which
// would be stored as "?"). Errors name the place ("fans[2].name") in `field`.
// Invalid UTF-8, bad syntax and nesting deeper than Qt's limit are errors
// with their character position.
Result<QJsonDocument> parseStrictJson(const QByteArray &text);

} // namespace huntaze
