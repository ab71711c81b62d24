#pragma once

#include "domain/fan.h"

#include <QList>

namespace huntaze::demodata {

// Believable sample data so a new user can try every tool at once: fans with
// varied spend and activity, and a history of paid offers at several prices
// whose sales follow a realistic demand curve. Deterministic for a given seed.
QList<Fan> fans(int count = 40, quint32 seed = 2026);
QList<Offer> offers(quint32 seed = 2026);
// Past posts whose engagement depends on their hashtags (some tags reliably do better).
QList<Post> posts(quint32 seed = 2026);

} // namespace huntaze::demodata
