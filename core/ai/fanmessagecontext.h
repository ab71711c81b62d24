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

// Starting points for common goals, so nobody faces an empty editor.
struct MessageStarter {
    QString title;
    QString body;
};
QList<MessageStarter> messageStarters();

} // namespace huntaze
