#pragma once

#include <QByteArray>
#include <QString>

namespace huntaze::sessiontoken {

// A new unguessable session token (256 random bits, base64url).
QString generate();

// What the database keeps instead of the token, so that a copied database file
// does not hand out live sessions.
QByteArray digest(const QString &token);

} // namespace huntaze::sessiontoken
