#include "creatortablemodels.h"

#include "common/async.h"
#include "domain/money.h"
#include "state/creatordatastore.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <vector>

namespace huntaze::ui {

CreatorTableModel::CreatorTableModel(CreatorDataStore &data, QStringList headers, QObject *parent)
    : QAbstractTableModel(parent), m_data(data), m_headers(std::move(headers))
{
    connect(&m_data, &CreatorDataStore::currencyChanged, this, &CreatorTableModel::reset);
}

void CreatorTableModel::reset()
{
    beginResetModel();
    dropSearchTexts();
    rebuildOrder();
    endResetModel();
}

void CreatorTableModel::resetOneRow(int removedAt, bool newFirst)
{
    beginResetModel();
    const bool made
        = !m_making && m_textsFor == m_generation && m_searchTexts.size() == rows() - (newFirst ? 1 : 0) + (removedAt >= 0 ? 1 : 0);
    if (made) {
        if (removedAt >= 0)
            m_searchTexts.removeAt(removedAt);
        if (newFirst)
            m_searchTexts.prepend(searchText(0).toLower());
        m_textsFor = ++m_generation;
    } else {
        dropSearchTexts();
    }
    rebuildOrder();
    endResetModel();
}

void CreatorTableModel::dropSearchTexts()
{
    m_searchTexts.clear();
    ++m_generation;
}

bool CreatorTableModel::searchTextsReady()
{
    const int total = rows();
    if (m_textsFor == m_generation && m_searchTexts.size() == total)
        return true;
    const std::function<QStringList()> job = searchTextsJob();
    if (!job) {
        m_searchTexts.clear();
        m_searchTexts.reserve(total);
        for (int row = 0; row < total; ++row)
            m_searchTexts.append(searchText(row).toLower());
        m_textsFor = m_generation;
        return true;
    }
    if (m_making)
        return false; // the texts being made are for an older list: made again once they are in
    m_making = true;
    const int generation = m_generation;
    onFinished(QtConcurrent::run(job), this, [this, generation](const QStringList &texts) {
        m_making = false;
        if (generation == m_generation) {
            m_searchTexts = texts;
            m_textsFor = generation;
        }
        if (!m_words.isEmpty())
            refilter(); // with the texts, or making them again for the list as it is now
    });
    return false;
}

void CreatorTableModel::refilter()
{
    beginResetModel();
    rebuildOrder();
    endResetModel();
}

void CreatorTableModel::rebuildOrder()
{
    const int total = rows();
    m_order.clear();
    m_order.reserve(total);
    // Until the texts are made (off this thread), the rows show unsearched.
    const bool searching = !m_words.isEmpty() && searchTextsReady();
    for (int row = 0; row < total; ++row) {
        const bool matches = accepts(row) && (!searching || std::all_of(m_words.begin(), m_words.end(), [&](const QString &word) {
                                 return m_searchTexts.at(row).contains(word);
                             }));
        if (matches)
            m_order.append(row);
    }
    if (m_sortColumn < 0)
        return;
    // One key per row, then a typed comparison: numbers and dates by value, text without case.
    std::vector<QVariant> keys(static_cast<size_t>(total));
    for (const int row : std::as_const(m_order))
        keys[static_cast<size_t>(row)] = value(row, m_sortColumn);
    auto less = [&keys](int a, int b) {
        const QVariant &x = keys[static_cast<size_t>(a)];
        const QVariant &y = keys[static_cast<size_t>(b)];
        if (x.typeId() == QMetaType::QString)
            return x.toString().compare(y.toString(), Qt::CaseInsensitive) < 0;
        return QVariant::compare(x, y) == QPartialOrdering::Less;
    };
    if (m_sortOrder == Qt::AscendingOrder)
        std::stable_sort(m_order.begin(), m_order.end(), less);
    else
        std::stable_sort(m_order.begin(), m_order.end(), [&less](int a, int b) { return less(b, a); });
}

void CreatorTableModel::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_sortColumn = column;
    m_sortOrder = order;
    rebuildOrder();
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void CreatorTableModel::setSearch(const QString &search)
{
    const QStringList words = search.toLower().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    beginResetModel();
    m_words = words;
    rebuildOrder();
    endResetModel();
}

int CreatorTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_order.size());
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
    if (!index.isValid() || index.row() >= m_order.size())
        return {};
    const int row = m_order.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return text(row, index.column());
    case Qt::TextAlignmentRole:
        return isNumeric(index.column()) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole: return value(row, index.column());
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
    reset();
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
    default: return text(row, column);
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
    reset();
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
    case 1: return offer.title;
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

} // namespace huntaze::ui
