#pragma once

#include "agency/membership.h"
#include "common/result.h"

#include <QSqlDatabase>

namespace huntaze::demodata {

// What the demo agency holds once written.
struct DemoAgency {
    int creators = 0;
    int chatters = 0;
    int lines = 0; // statement, engagement and message lines
};

// Turns a new agency (its owner's one creator, no other member, no fans,
// offers, posts or analytics yet) into a living demo agency, in one
// transaction on `db`: two more creators, a bigger and a smaller one, in the
// first creator's time zone and currency; two chatters without a password
// (demodata::chatters()) who answer every creator's fans and have a shift a
// day for the last ninety days; and for each creator sample fans, offers and
// posts, a year of earnings, ninety days of engagement and the conversations
// behind the paid messages. Refused (Conflict) for an agency that holds
// anything: demo rows must never mix with real ones.
Result<DemoAgency> addDemoAgency(QSqlDatabase &db, const agency::Membership &owner);

} // namespace huntaze::demodata
