#include "columnsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace huntaze::ui {

ColumnsDialog::ColumnsDialog(creatorcsv::MappedFile file, const QList<CsvRecord> &records, const QTimeZone &defaultZone, QWidget *parent)
    : QDialog(parent), m_file(file)
{
    switch (file) {
    case creatorcsv::MappedFile::Statement: setWindowTitle(tr("Import earnings")); break;
    case creatorcsv::MappedFile::MessageLog: setWindowTitle(tr("Import a message log")); break;
    case creatorcsv::MappedFile::Engagement: setWindowTitle(tr("Import engagement")); break;
    }
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Which column holds what? Huntaze guessed from the column names; change any that is wrong."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    const QStringList header = records.isEmpty() ? QStringList() : records.first().fields;
    const QStringList sample = records.size() > 1 ? records.at(1).fields : QStringList();
    const creatorcsv::ColumnChoice guessed = creatorcsv::guessColumns(file, header);
    for (const creatorcsv::MappedField &field : creatorcsv::mappedFields(file)) {
        auto *chooser = new QComboBox(this);
        chooser->setAccessibleName(field.name);
        chooser->addItem(field.required ? tr("Choose a column") : tr("None"), -1);
        for (qsizetype i = 0; i < header.size(); ++i) {
            const QString example = sample.value(i).left(30);
            chooser->addItem(example.isEmpty() ? header.at(i) : tr("%1 (e.g. %2)").arg(header.at(i), example), static_cast<int>(i));
        }
        chooser->setCurrentIndex(chooser->findData(guessed.column(field.key)));
        connect(chooser, &QComboBox::currentIndexChanged, this, &ColumnsDialog::refresh);
        m_choosers.insert(field.key, chooser);
        form->addRow(field.required ? tr("%1 *").arg(field.name) : field.name, chooser);
    }
    m_zone = new QComboBox(this);
    m_zone->setAccessibleName(tr("Time zone of the file"));
    m_zone->setEditable(false);
    QList<QByteArray> zones = QTimeZone::availableTimeZoneIds();
    if (!zones.contains(defaultZone.id()))
        zones.prepend(defaultZone.id());
    for (const QByteArray &id : std::as_const(zones))
        m_zone->addItem(QString::fromLatin1(id), id);
    m_zone->setCurrentIndex(std::max(0, m_zone->findData(defaultZone.id())));
    form->addRow(tr("Times without an offset are in"), m_zone);
    layout->addLayout(form);
    m_missing = new QLabel(this);
    m_missing->setWordWrap(true);
    layout->addWidget(m_missing);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    importButton()->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    refresh();
}

QPushButton *ColumnsDialog::importButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

creatorcsv::ColumnChoice ColumnsDialog::columns() const
{
    creatorcsv::ColumnChoice columns;
    for (auto it = m_choosers.cbegin(); it != m_choosers.cend(); ++it) {
        const int column = it.value()->currentData().toInt();
        if (column >= 0)
            columns.index.insert(it.key(), column);
    }
    return columns;
}

QTimeZone ColumnsDialog::zone() const
{
    return QTimeZone(m_zone->currentData().toByteArray());
}

void ColumnsDialog::refresh()
{
    const QStringList missing = columns().missing(m_file);
    m_missing->setText(missing.isEmpty() ? QString() : tr("Still to choose: %1.").arg(missing.join(QStringLiteral(", "))));
    importButton()->setEnabled(missing.isEmpty());
}

} // namespace huntaze::ui
