#pragma once

#include "agency/membership.h"

#include <QList>
#include <QSqlQuery>
#include <QString>

namespace huntaze {

// Several creators of one agency, read in one statement rather than one per
// creator: the agency view asks the same figures of each (issue 12), and on
// a server each statement is a round trip and a plan.
struct CreatorSet {
    qint64 agencyId = 0;
    QList<qint64> creatorIds;

    static CreatorSet of(const agency::CreatorScope &scope) { return {scope.agencyId, {scope.creatorId}}; }

    // "agency_id = ? AND creator_id IN (?, ...)", columns of `alias` when
    // given (`creatorColumn` for a table of creators); never true for no
    // creator. bind() gives its values, in order.
    QString condition(const QString &alias = {}, const QString &creatorColumn = QStringLiteral("creator_id")) const
    {
        const QString prefix = alias.isEmpty() ? QString() : alias + u'.';
        if (creatorIds.isEmpty())
            return prefix + QStringLiteral("agency_id = ? AND 1 = 0");
        QString marks = QStringLiteral("?");
        for (qsizetype i = 1; i < creatorIds.size(); ++i)
            marks += QStringLiteral(", ?");
        return prefix + QStringLiteral("agency_id = ? AND ") + prefix + creatorColumn + QStringLiteral(" IN (") + marks + u')';
    }
    void bind(QSqlQuery &query) const
    {
        query.addBindValue(agencyId);
        for (const qint64 id : creatorIds)
            query.addBindValue(id);
    }
};

} // namespace huntaze
