#include "datatable.h"

#include "models/creatortablemodels.h"

#include <QHeaderView>
#include <QTableView>

namespace huntaze::ui {

QTableView *makeDataTable(CreatorTableModel *model, const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setAccessibleName(accessibleName);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    // Column widths from a sample of rows, not from all 50,000.
    table->horizontalHeader()->setResizeContentsPrecision(100);
    table->setMinimumHeight(220);
    // The store's order until a header is clicked: no indicator before
    // enabling sorting, which would otherwise sort by column 0 at once.
    table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    table->setSortingEnabled(true);
    return table;
}

} // namespace huntaze::ui
