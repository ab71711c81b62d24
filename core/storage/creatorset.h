#pragma once

#include "agency/membership.h"
#include "common/result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
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

// For each of `creators` with rows, the sum of `sum` over the rows of
// `table` (as s) up to `day` where `condition` holds (its `values` bound in
// order): a figure kept as its changes by day. `what` names it in an error.
Result<QHash<qint64, qint64>> sumsByCreatorUpTo(QSqlDatabase &db, const QString &what, const QString &table, const QString &sum,
                                                const QString &condition, const QList<QVariant> &values, const CreatorSet &creators,
                                                const QDate &day);

} // namespace huntaze
