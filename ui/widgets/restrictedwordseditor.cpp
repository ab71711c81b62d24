#include "restrictedwordseditor.h"

#include "common/async.h"
#include "state/creatordatastore.h"
#include "widgets/messagelabel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace huntaze::ui {

RestrictedWordsEditor::RestrictedWordsEditor(CreatorDataStore &data, QWidget *parent) : QWidget(parent), m_data(data)
{
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("restrictedWords"));
    m_table->setAccessibleName(tr("Restricted words"));
    m_table->setHorizontalHeaderLabels({tr("Word or phrase"), tr("Why it is restricted")});
    // The word column is as wide as its header and its longest word, whatever the language.
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(200);

    auto *add = new QPushButton(tr("Add word"), this);
    auto *remove = new QPushButton(tr("Remove selected"), this);
    auto *defaults = new QPushButton(tr("Restore platform defaults"), this);
    auto *save = new QPushButton(tr("Save words"), this);
    save->setObjectName(QStringLiteral("saveRestrictedWords"));
    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, &RestrictedWordsEditor::removeSelectedRows);
    connect(defaults, &QPushButton::clicked, this, &RestrictedWordsEditor::restoreDefaults);
    connect(save, &QPushButton::clicked, this, &RestrictedWordsEditor::save);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {add, remove, defaults})
        buttons->addWidget(button);
    buttons->addStretch(1);
    buttons->addWidget(save);

    m_status = new MessageLabel(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(&m_data, &CreatorDataStore::restrictedWordsChanged, this, [this] { load(m_data.restrictedWords()); });
    load(m_data.restrictedWords());
}

void RestrictedWordsEditor::load(const RestrictedWords &words)
{
    m_table->setRowCount(0);
    for (const RestrictedWords::Term &term : words.terms())
        addRow(term.term, term.reason);
}

void RestrictedWordsEditor::addRow(const QString &term, const QString &reason)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(term));
    m_table->setItem(row, 1, new QTableWidgetItem(reason));
}

void RestrictedWordsEditor::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_table->removeRow(row);
}

void RestrictedWordsEditor::restoreDefaults()
{
    load(RestrictedWords::platformDefaults());
    m_status->showMessage(tr("Platform defaults restored. Save to keep them."), MessageLabel::Kind::Note);
}

RestrictedWords RestrictedWordsEditor::editedWords() const
{
    RestrictedWords words;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString term = m_table->item(row, 0) ? m_table->item(row, 0)->text() : QString();
        const QString reason = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        words.add(term, reason.trimmed().isEmpty() ? tr("On your own list") : reason.trimmed());
    }
    return words;
}

void RestrictedWordsEditor::save()
{
    onFinished(m_data.saveRestrictedWords(editedWords()), this, [this](const Result<void> &saved) {
        if (saved.ok()) {
            m_status->showMessage(tr("Saved. Every caption and message is checked against this list."), MessageLabel::Kind::Note);
            Q_EMIT this->saved();
        } else {
            m_status->showMessage(saved.error().message, MessageLabel::Kind::Error);
        }
    });
}

} // namespace huntaze::ui
