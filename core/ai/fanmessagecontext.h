#pragma once

#include "domain/fan.h"
#include "domain/profile.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

namespace huntaze {

// The values a fan message template sees for one fan (see
// MessageTemplate::fanVariables): names, what they bought, how long they have
// been away, and whether they are among the creator's top spenders.
// Amounts are written in `currency` (money.h) the way the application's language writes money.
QHash<QString, QString> fanMessageValues(const Fan &fan, const Profile &creator, const QList<Fan> &allFans, const QDate &today,
                                         const QString &currency = QStringLiteral("USD"));
// The spend from which a fan is among the top tenth: computed once (linear
// time) for a batch of messages, rather than once per fan.
double topSpenderThreshold(const QList<Fan> &allFans);
QHash<QString, QString> fanMessageValues(const Fan &fan, const Profile &creator, double topSpenderThreshold, const QDate &today,
                                         const QString &currency);

// Starting points for common goals, so nobody faces an empty editor.
struct MessageStarter {
    QString title;
    QString body;
};
QList<MessageStarter> messageStarters();

} // namespace huntaze
