#include "creatortablemodels.h"

#include "domain/money.h"
#include "state/creatordatastore.h"

#include <QLocale>

namespace huntaze::ui {

CreatorTableModel::CreatorTableModel(CreatorDataStore &data, QStringList headers, QObject *parent)
    : QAbstractTableModel(parent), m_data(data), m_headers(std::move(headers))
{
    connect(&m_data, &CreatorDataStore::currencyChanged, this, &CreatorTableModel::reset);
}

void CreatorTableModel::reset()
{
    beginResetModel();
    m_search.clear();
    endResetModel();
}

int CreatorTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rows();
}

int CreatorTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

QVariant CreatorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return m_headers.value(section);
    return {};
}

QVariant CreatorTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rows())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return text(index.row(), index.column());
    case Qt::TextAlignmentRole:
        return isNumeric(index.column()) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole: return value(index.row(), index.column());
    case SearchRole:
        if (m_search.size() != rows()) {
            m_search.clear();
            m_search.reserve(rows());
            for (int row = 0; row < rows(); ++row)
                m_search.append(searchText(row).toLower());
        }
        return m_search.at(index.row());
    default: return {};
    }
}

namespace {

QString shortDate(const QDate &date)
{
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : QString();
}

} // namespace

FanTableModel::FanTableModel(CreatorDataStore &data, QObject *parent)
    : CreatorTableModel(data, {tr("Name"), tr("Tags"), tr("Total spend"), tr("Last purchase"), tr("Last active")}, parent)
{
    connect(&m_data, &CreatorDataStore::fansChanged, this, &FanTableModel::reset);
}

int FanTableModel::rows() const
{
    return static_cast<int>(m_data.fans().size());
}

QString FanTableModel::text(int row, int column) const
{
    const Fan &fan = m_data.fans().at(row);
    switch (column) {
    case 0: return fan.name;
    case 1: return fan.tags.join(QStringLiteral(", "));
    case 2: return money::format(fan.totalSpend, m_data.currency());
    case 3: return fan.lastPurchase;
    default: return shortDate(fan.lastActive);
    }
}

QVariant FanTableModel::value(int row, int column) const
{
    const Fan &fan = m_data.fans().at(row);
    switch (column) {
    case 2: return fan.totalSpend;
    case 4: return fan.lastActive; // an invalid (unknown) date sorts first
    default: return text(row, column).toLower();
    }
}

QString FanTableModel::searchText(int row) const
{
    const Fan &fan = m_data.fans().at(row);
    return fan.name + u' ' + fan.tags.join(u' ') + u' ' + fan.lastPurchase;
}

OfferTableModel::OfferTableModel(CreatorDataStore &data, QObject *parent)
    : CreatorTableModel(data, {tr("Sent on"), tr("Title"), tr("Price"), tr("Recipients"), tr("Purchases"), tr("Conversion")}, parent)
{
    connect(&m_data, &CreatorDataStore::offersChanged, this, &OfferTableModel::reset);
}

int OfferTableModel::rows() const
{
    return static_cast<int>(m_data.offers().size());
}

namespace {
double conversionOf(const Offer &offer)
{
    return offer.recipients > 0 ? 100.0 * offer.purchases / offer.recipients : 0.0;
}
} // namespace

QString OfferTableModel::text(int row, int column) const
{
    const Offer &offer = m_data.offers().at(row);
    const QLocale locale;
    switch (column) {
    case 0: return shortDate(offer.sentOn);
    case 1: return offer.title;
    case 2: return money::format(offer.price, m_data.currency());
    case 3: return locale.toString(offer.recipients);
    case 4: return locale.toString(offer.purchases);
    default: return locale.toString(conversionOf(offer), 'f', 1) + locale.percent();
    }
}

QVariant OfferTableModel::value(int row, int column) const
{
    const Offer &offer = m_data.offers().at(row);
    switch (column) {
    case 0: return offer.sentOn;
    case 1: return offer.title.toLower();
    case 2: return offer.price;
    case 3: return offer.recipients;
    case 4: return offer.purchases;
    default: return conversionOf(offer);
    }
}

QString OfferTableModel::searchText(int row) const
{
    const Offer &offer = m_data.offers().at(row);
    return offer.title + u' ' + shortDate(offer.sentOn);
}

CreatorTableFilter::CreatorTableFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
}

void CreatorTableFilter::setSearch(const QString &search)
{
    const QStringList words = search.toLower().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

bool CreatorTableFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QString text = sourceModel()->index(sourceRow, 0, sourceParent).data(SearchRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word))
            return false;
    }
    return true;
}

} // namespace huntaze::ui
