#pragma once

#include "analytics/agencyanalytics.h"

#include <QAbstractTableModel>
#include <QHash>

namespace huntaze::ui {

// Roles of the agency tables besides the displayed text (SortRole, the value
// behind the text, is CreatorTableRole's).
enum AgencyTableRole {
    TrendRole = Qt::UserRole + 2, // QList<qint64>: a creator's earnings by week, for the sparkline
    CreatorIdRole, // the row's creator
};

// The agency's creators side by side, one row each, in their own currency.
class AgencyCreatorsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Earnings, Change, Share, Active, New, Spenders, Conversion, Trend, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(const QList<analytics::CreatorRow> &rows);
    const QList<analytics::CreatorRow> &rows() const { return m_rows; }
    // Every row with exact figures (amounts in units of the row's currency), RFC 4180.
    QString toCsv() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    QList<analytics::CreatorRow> m_rows;
};

// Team members side by side: over every creator, or one creator's rows.
// Without money (a chatter's own view) the attributed sales are left out.
class AgencyChattersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Member, Creator, Sent, PaidSent, Bought, PurchaseRate, MedianReply, SlowReply, Attributed, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    // `creatorNames`: what the Creator column shows (empty on rows over every creator).
    void setRows(const QList<analytics::ChatterRow> &rows, bool showsMoney, const QHash<qint64, QString> &creatorNames);
    const QList<analytics::ChatterRow> &rows() const { return m_rows; }
    bool showsMoney() const { return m_showsMoney; }
    QString toCsv() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    QList<analytics::ChatterRow> m_rows;
    bool m_showsMoney = true;
    QHash<qint64, QString> m_creatorNames;
};

} // namespace huntaze::ui
