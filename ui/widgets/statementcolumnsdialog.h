#pragma once

#include "importing/creatorcsv.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace huntaze::ui {

// Before an earnings statement is imported: which of the file's columns is
// the date, the type, the amount… (guessed from their names, each shown with
// its first value), and the time zone of times written without an offset.
class StatementColumnsDialog : public QDialog
{
    Q_OBJECT
public:
    StatementColumnsDialog(const QList<CsvRecord> &records, const QTimeZone &defaultZone, QWidget *parent = nullptr);

    creatorcsv::StatementColumns columns() const;
    QTimeZone zone() const;
    QComboBox *columnChooser(creatorcsv::StatementField field) const { return m_choosers.value(field); }
    QComboBox *zoneChooser() const { return m_zone; }
    QPushButton *importButton() const;

private:
    void refresh();

    QHash<creatorcsv::StatementField, QComboBox *> m_choosers;
    QComboBox *m_zone;
    QLabel *m_missing;
    QDialogButtonBox *m_buttons;
};

} // namespace huntaze::ui
