#pragma once

#include "importing/mappedcsv.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace huntaze::ui {

// Before an earnings statement or a message log is imported: which of the
// file's columns is the date, the type, the amount… (guessed from their
// names, each shown with its first value), and the time zone of times
// written without an offset.
class ColumnsDialog : public QDialog
{
    Q_OBJECT
public:
    ColumnsDialog(creatorcsv::MappedFile file, const QList<CsvRecord> &records, const QTimeZone &defaultZone, QWidget *parent = nullptr);

    creatorcsv::MappedFile file() const { return m_file; }
    creatorcsv::ColumnChoice columns() const;
    QTimeZone zone() const;
    // `key` as mappedFields() names it ("gross", "sentAt").
    QComboBox *columnChooser(const QString &key) const { return m_choosers.value(key); }
    QComboBox *zoneChooser() const { return m_zone; }
    QPushButton *importButton() const;

private:
    void refresh();

    creatorcsv::MappedFile m_file;
    QHash<QString, QComboBox *> m_choosers;
    QComboBox *m_zone;
    QLabel *m_missing;
    QDialogButtonBox *m_buttons;
};

} // namespace huntaze::ui
