#pragma once

#include "common/result.h"
#include "pages/page.h"

#include <QFuture>

class QProgressBar;
class QPushButton;
class QTableWidget;

namespace huntaze {
class CreatorDataStore;
}

namespace huntaze::ui {

class Card;
class MessageLabel;

// The creator's fans and paid offers: import them from CSV exports (with
// progress and cancel, all or nothing), or add demo data to try the tools.
class FansPage : public Page
{
    Q_OBJECT
public:
    enum class ImportKind { Fans, Offers, Posts };

    explicit FansPage(CreatorDataStore &data, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_importFans; }
    QList<QAction *> secondaryActions() const override { return {m_importOffers, m_addDemo, m_importPosts}; }

    // What the import actions do after their file dialog; public for tests.
    void importFile(ImportKind kind, const QString &path);
    void cancelImport();

    QTableWidget *fansTable() const { return m_fansTable; }
    QTableWidget *offersTable() const { return m_offersTable; }
    QProgressBar *progressBar() const { return m_progress; }

private:
    template <typename T, typename Store> void runImport(QFuture<Result<QList<T>>> reading, Store store, ImportKind kind);
    void chooseFile(ImportKind kind);
    static QString importedMessage(ImportKind kind, int count);
    void setImporting(bool importing);
    void refreshFans();
    void refreshOffers();

    CreatorDataStore &m_data;
    QAction *m_importFans;
    QAction *m_importOffers;
    QAction *m_addDemo;
    QAction *m_importPosts;
    Card *m_fansCard;
    Card *m_offersCard;
    QTableWidget *m_fansTable;
    QTableWidget *m_offersTable;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    MessageLabel *m_message;
    QFuture<void> m_reading;
};

} // namespace huntaze::ui
