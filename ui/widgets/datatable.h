#pragma once

class QString;
class QTableView;
class QWidget;

namespace huntaze::ui {

class CreatorTableModel;

// A sortable, read-only view of one of the store's lists (see
// creatortablemodels.h): whole rows selected, column widths from a sample of
// rows, the store's order until a header is clicked.
QTableView *makeDataTable(CreatorTableModel *model, const QString &accessibleName, QWidget *parent);

} // namespace huntaze::ui
