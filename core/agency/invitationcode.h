#pragma once

#include <QByteArray>
#include <QString>

// Invitation codes (issue 10): shown once to copy, typed or pasted by the
// invitee, so they are short, unambiguous and forgiving: "HZ-7K3M-Q9TX-…"
// in Crockford's base32 (no I, L, O, U), 100 random bits.
namespace huntaze::agency::invitationcode {

QString generate();
// The code in its canonical form (upper case, dashes where they belong), from
// what a user pasted (lower case, spaces, missing dashes, O for 0, I/L for 1);
// empty when it cannot be a code.
QString normalise(const QString &typed);
// What the database keeps instead of the code.
QByteArray digest(const QString &canonical);

} // namespace huntaze::agency::invitationcode
