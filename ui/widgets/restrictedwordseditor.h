#pragma once

#include "ai/restrictedwords.h"

#include <QWidget>

class QTableWidget;

namespace huntaze {
class CreatorDataStore;
}

namespace huntaze::ui {

class MessageLabel;

// Edits the signed-in creator's restricted words: the platform defaults to
// start with, then whatever they add, remove or reword. Saved to the account.
class RestrictedWordsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RestrictedWordsEditor(CreatorDataStore &data, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    RestrictedWords editedWords() const;
    void addRow(const QString &term = QString(), const QString &reason = QString());
    void removeSelectedRows();
    void restoreDefaults();
    void save();

Q_SIGNALS:
    void saved();

private:
    void load(const RestrictedWords &words);

    CreatorDataStore &m_data;
    QTableWidget *m_table;
    MessageLabel *m_status;
};

} // namespace huntaze::ui
