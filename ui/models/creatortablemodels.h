#pragma once

#include "domain/fan.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace huntaze {
class CreatorDataStore;
}

namespace huntaze::ui {

// Roles the creator tables offer besides the displayed text.
enum CreatorTableRole {
    SortRole = Qt::UserRole + 1, // the value behind the text: a number, a date, lower-case text
    SearchRole, // on column 0: the row's searchable text, lower case
};

// A read-only table over one of the store's lists. Nothing is built per cell:
// a view asks for the cells it paints, so 50,000 fans cost what one screen
// of them costs. Resets when the store's list changes.
class CreatorTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QVariant data(const QModelIndex &index, int role) const override;

protected:
    CreatorTableModel(CreatorDataStore &data, QStringList headers, QObject *parent);
    // The list's size, a cell's text and its value, and a row's searchable text.
    virtual int rows() const = 0;
    virtual QString text(int row, int column) const = 0;
    virtual QVariant value(int row, int column) const = 0;
    virtual QString searchText(int row) const = 0;
    virtual bool isNumeric(int column) const = 0;
    void reset();

    CreatorDataStore &m_data;

private:
    QStringList m_headers;
    mutable QStringList m_search; // built on the first search, dropped on reset
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

// Sorts by SortRole and keeps the rows whose searchable text contains every
// word typed, whatever the case.
class CreatorTableFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CreatorTableFilter(QObject *parent = nullptr);
    void setSearch(const QString &search);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
};

} // namespace huntaze::ui
