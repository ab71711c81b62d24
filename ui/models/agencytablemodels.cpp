#include "agencytablemodels.h"

#include "domain/money.h"
#include "models/creatortablemodels.h"
#include "widgets/chartexport.h"
#include "widgets/earningsdashboard.h"

#include <QLocale>

namespace huntaze::ui {

namespace {

QString money(qint64 cents, const QString &currency)
{
    return money::format(static_cast<double>(cents) / 100.0, currency);
}

QString percent(double share)
{
    return QLocale().toString(share * 100.0, 'f', share < 0.1 && share > 0 ? 1 : 0) + QStringLiteral(" %");
}

QString optionalNumber(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 6) : QString();
}

QString optionalSeconds(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QString();
}

QVariant alignment(bool numeric)
{
    return numeric ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
}

} // namespace

void AgencyCreatorsModel::setRows(const QList<analytics::CreatorRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int AgencyCreatorsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AgencyCreatorsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AgencyCreatorsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Creator");
    case Earnings: return tr("Earnings");
    case Change: return tr("vs previous period");
    case Share: return tr("Share");
    case Active: return tr("Active subscribers");
    case New: return tr("New subscribers");
    case Spenders: return tr("Spenders");
    case Conversion: return tr("Conversion");
    case Trend: return tr("Weekly trend");
    default: return {};
    }
}

QVariant AgencyCreatorsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const analytics::CreatorRow &row = m_rows.at(index.row());
    const QLocale locale;
    if (role == CreatorIdRole)
        return row.creatorId;
    if (role == TrendRole)
        return QVariant::fromValue(row.trend);
    if (role == Qt::TextAlignmentRole)
        return alignment(index.column() != Name && index.column() != Trend);
    if (role == SortRole) {
        switch (index.column()) {
        case Name: return row.name.toLower();
        case Earnings: return row.cents;
        case Change: return row.earnings().relative().value_or(-1e9);
        case Share: return row.share;
        case Active: return row.activeSubscribers;
        case New: return row.newSubscribers;
        case Spenders: return row.spenders;
        case Conversion: return row.conversion().value_or(-1);
        case Trend: return row.trend.isEmpty() ? 0 : row.trend.last() - row.trend.first();
        default: return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case Name: return row.name;
    case Earnings: return money(row.cents, row.currency);
    case Change: {
        const std::optional<double> relative = row.earnings().relative();
        if (!relative)
            return role == Qt::DisplayRole ? QStringLiteral("–") : tr("Nothing earned in the previous period");
        return QString((*relative >= 0 ? QStringLiteral("+") : QStringLiteral("−")) + percent(std::abs(*relative)));
    }
    case Share:
        return role == Qt::DisplayRole ? percent(row.share)
                                       : tr("%1 of the earnings of the creators paid in %2").arg(percent(row.share), row.currency);
    case Active: return locale.toString(row.activeSubscribers);
    case New: return locale.toString(row.newSubscribers);
    case Spenders: return locale.toString(row.spenders);
    case Conversion: {
        const std::optional<double> conversion = row.conversion();
        return conversion ? percent(*conversion) : QStringLiteral("–");
    }
    case Trend: {
        if (role == Qt::DisplayRole)
            return {}; // drawn by the sparkline delegate
        QStringList weeks;
        for (qint64 cents : row.trend)
            weeks.append(money(cents, row.currency));
        return tr("Earnings by week: %1").arg(locale.createSeparatedList(weeks));
    }
    default: return {};
    }
}

QString AgencyCreatorsModel::toCsv() const
{
    QString csv = QStringLiteral("creator_id,creator,currency,earnings,previous_earnings,share,active_subscribers,new_subscribers,spenders,"
                                 "conversion,weekly_earnings\r\n");
    for (const analytics::CreatorRow &row : m_rows) {
        QStringList weeks;
        for (qint64 cents : row.trend)
            weeks.append(chartexport::csvAmount(cents));
        csv += QStringList{QString::number(row.creatorId),
                           chartexport::csvField(row.name),
                           row.currency,
                           chartexport::csvAmount(row.cents),
                           chartexport::csvAmount(row.previousCents),
                           QString::number(row.share, 'g', 6),
                           QString::number(row.activeSubscribers),
                           QString::number(row.newSubscribers),
                           QString::number(row.spenders),
                           optionalNumber(row.conversion()),
                           chartexport::csvField(weeks.join(u' '))}
                   .join(u',')
            + QStringLiteral("\r\n");
    }
    return csv;
}

void AgencyChattersModel::setRows(const QList<analytics::ChatterRow> &rows, bool showsMoney, const QHash<qint64, QString> &creatorNames)
{
    beginResetModel();
    m_rows = rows;
    m_showsMoney = showsMoney;
    m_creatorNames = creatorNames;
    endResetModel();
}

int AgencyChattersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AgencyChattersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AgencyChattersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Member: return tr("Team member");
    case Creator: return tr("Creator");
    case Sent: return tr("Messages sent");
    case PaidSent: return tr("Paid sent");
    case Bought: return tr("Bought");
    case PurchaseRate: return tr("Purchase rate");
    case MedianReply: return tr("Median reply");
    case SlowReply: return tr("90th percentile reply");
    case Attributed: return tr("Sales attributed");
    default: return {};
    }
}

QVariant AgencyChattersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const analytics::ChatterRow &row = m_rows.at(index.row());
    const analytics::MessageTotals &totals = row.totals;
    const QLocale locale;
    if (role == CreatorIdRole)
        return row.creatorId;
    if (role == Qt::TextAlignmentRole)
        return alignment(index.column() != Member && index.column() != Creator);
    if (role == SortRole) {
        switch (index.column()) {
        case Member: return row.email.toLower();
        case Creator: return m_creatorNames.value(row.creatorId).toLower();
        case Sent: return totals.sent;
        case PaidSent: return totals.paidSent;
        case Bought: return totals.paidBought;
        case PurchaseRate: return totals.purchaseRate().value_or(-1);
        case MedianReply: return totals.replies.percentileSeconds(0.5).value_or(std::numeric_limits<qint64>::max());
        case SlowReply: return totals.replies.percentileSeconds(0.9).value_or(std::numeric_limits<qint64>::max());
        case Attributed: return row.attributedCents();
        default: return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    const auto wait
        = [](const std::optional<qint64> &seconds) { return seconds ? EarningsDashboard::waitText(*seconds) : QStringLiteral("–"); };
    switch (index.column()) {
    case Member: return row.email.isEmpty() ? tr("Member %1").arg(row.memberId) : row.email;
    case Creator:
        return row.creatorId == 0 ? tr("Every creator") : m_creatorNames.value(row.creatorId, tr("Creator %1").arg(row.creatorId));
    case Sent: return locale.toString(totals.sent);
    case PaidSent: return locale.toString(totals.paidSent);
    case Bought: return locale.toString(totals.paidBought);
    case PurchaseRate: {
        const std::optional<double> rate = totals.purchaseRate();
        return rate ? percent(*rate) : QStringLiteral("–");
    }
    case MedianReply: return wait(totals.replies.percentileSeconds(0.5));
    case SlowReply: return wait(totals.replies.percentileSeconds(0.9));
    case Attributed: return m_showsMoney ? money(row.attributedCents(), row.currency) : QStringLiteral("–");
    default: return {};
    }
}

QString AgencyChattersModel::toCsv() const
{
    QString csv
        = QStringLiteral("member_id,member,creator_id,creator,messages_sent,paid_sent,paid_bought,purchase_rate,median_reply_seconds,"
                         "p90_reply_seconds");
    csv += m_showsMoney ? QStringLiteral(",currency,sales_attributed\r\n") : QStringLiteral("\r\n");
    for (const analytics::ChatterRow &row : m_rows) {
        QStringList fields{QString::number(row.memberId),
                           chartexport::csvField(row.email),
                           row.creatorId == 0 ? QString() : QString::number(row.creatorId),
                           chartexport::csvField(m_creatorNames.value(row.creatorId)),
                           QString::number(row.totals.sent),
                           QString::number(row.totals.paidSent),
                           QString::number(row.totals.paidBought),
                           optionalNumber(row.totals.purchaseRate()),
                           optionalSeconds(row.totals.replies.percentileSeconds(0.5)),
                           optionalSeconds(row.totals.replies.percentileSeconds(0.9))};
        if (m_showsMoney)
            fields << row.currency << chartexport::csvAmount(row.attributedCents());
        csv += fields.join(u',') + QStringLiteral("\r\n");
    }
    return csv;
}

} // namespace huntaze::ui
