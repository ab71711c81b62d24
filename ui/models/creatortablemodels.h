#pragma once

#include "domain/fan.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <functional>

namespace huntaze {
class CreatorDataStore;
}

namespace huntaze::ui {

// Roles the creator tables offer besides the displayed text.
enum CreatorTableRole {
    SortRole = Qt::UserRole + 1, // the value behind the text: a number, a date, lower-case text
};

// A read-only table over one of the store's lists. Nothing is built per cell:
// a view asks for the cells it paints, so 50,000 fans cost what one screen
// of them costs. Resets when the store's list changes.
//
// Sorting (by the value behind the text: amounts, counts, dates) and the
// search filter are done here on a list of row numbers, with each key
// extracted once: a QSortFilterProxyModel asks data() twice per comparison,
// which took ~300 ms for 50,000 fans.
class CreatorTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Keeps the rows whose searchable text contains every word, whatever the case.
    void setSearch(const QString &search);
    int totalRows() const { return rows(); }
    // The row of the store's list a shown row stands for, and back (-1: not shown).
    int storeRow(int shownRow) const { return m_order.value(shownRow, -1); }
    int shownRow(int storeRow) const { return static_cast<int>(m_order.indexOf(storeRow)); }

protected:
    CreatorTableModel(CreatorDataStore &data, QStringList headers, QObject *parent);
    // The list's size, a cell's text and its value, and a row's searchable text.
    virtual int rows() const = 0;
    virtual QString text(int row, int column) const = 0;
    virtual QVariant value(int row, int column) const = 0;
    virtual QString searchText(int row) const = 0;
    // A job that makes every row's search text, lower case, from a copy of
    // the list, run off the UI thread (a long list: 50,000 drafts); none: the
    // texts are made here, on the first search.
    virtual std::function<QStringList()> searchTextsJob() const { return {}; }
    virtual bool isNumeric(int column) const = 0;
    // Whether a row passes the table's own filters (besides the search).
    virtual bool accepts(int row) const
    {
        Q_UNUSED(row);
        return true;
    }
    // The list changed.
    void reset();
    // The table's own filters changed, the list did not: the search texts stay.
    void refilter();
    // The list changed by one row: the one at `removedAt` went (-1: none),
    // and with `newFirst` one was put first. The other rows' search texts stay.
    void resetOneRow(int removedAt, bool newFirst);

    CreatorDataStore &m_data;

private:
    void rebuildOrder(); // filter, then sort, into m_order
    // Whether the search texts are there for the list as it is; when not, they are being made (searchTextsJob).
    bool searchTextsReady();
    void dropSearchTexts();

    QStringList m_headers;
    QStringList m_searchTexts; // lower case, built on the first search, dropped on reset
    int m_textsFor = 0; // the list's generation they are made for, or being made for
    int m_generation = 0; // counts the list's changes
    bool m_making = false; // a searchTextsJob runs
    QStringList m_words;
    int m_sortColumn = -1; // -1: the store's order
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QList<int> m_order; // shown row -> row of the store's list
};

class FanTableModel : public CreatorTableModel
{
    Q_OBJECT
public:
    explicit FanTableModel(CreatorDataStore &data, QObject *parent = nullptr);

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant value(int row, int column) const override;
    QString searchText(int row) const override;
    bool isNumeric(int column) const override { return column == 2; }
};

class OfferTableModel : public CreatorTableModel
{
    Q_OBJECT
public:
    explicit OfferTableModel(CreatorDataStore &data, QObject *parent = nullptr);

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant value(int row, int column) const override;
    QString searchText(int row) const override;
    bool isNumeric(int column) const override { return column >= 2; }
};

} // namespace huntaze::ui
