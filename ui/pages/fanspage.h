#pragma once

#include "common/result.h"
#include "importing/csvreader.h"
#include "pages/page.h"

#include <QFuture>

class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace huntaze {
class AnalyticsStore;
class CreatorDataStore;
} // namespace huntaze

namespace huntaze::ui {

class Card;
class CreatorTableModel;
class MessageLabel;

// The creator's fans and paid offers: import them from CSV exports (with
// progress and cancel, all or nothing), or add demo data to try the tools.
class FansPage : public Page
{
    Q_OBJECT
public:
    enum class ImportKind { Fans, Offers, Posts, Earnings, Messages, Engagement };

    FansPage(CreatorDataStore &data, AnalyticsStore &analytics, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_importFans; }
    QList<QAction *> secondaryActions() const override { return {m_importOffers, m_addDemo, m_importPosts, m_importForDashboard}; }
    void activate() override;

    // What the import actions do after their file dialog; public for tests.
    // An earnings statement, a message log or an engagement export then asks which column is what (ColumnsDialog).
    void importFile(ImportKind kind, const QString &path);
    void cancelImport();

    QTableView *fansTable() const { return m_fansTable; }
    QTableView *offersTable() const { return m_offersTable; }
    QLineEdit *fansFilter() const { return m_fansFilter; }
    QProgressBar *progressBar() const { return m_progress; }

private:
    void showEarningsIfAllowed();
    // Asks which column is what, then converts and stores the statement or log.
    QFuture<Result<int>> importMapped(ImportKind kind, const QList<CsvRecord> &records);
    template <typename T, typename Store> void runImport(QFuture<Result<QList<T>>> reading, Store store, ImportKind kind);
    void chooseFile(ImportKind kind);
    static QString importedMessage(ImportKind kind, int count);
    void setImporting(bool importing);
    void refreshTitles();

    CreatorDataStore &m_data;
    QAction *m_importFans;
    QAction *m_importOffers;
    QAction *m_addDemo;
    QAction *m_importPosts;
    // A menu of the Dashboard's files: statements, message logs, engagement exports.
    QAction *m_importForDashboard;
    QAction *m_importEarnings;
    QAction *m_importMessages;
    QAction *m_importEngagement;
    AnalyticsStore &m_analytics;
    Card *m_fansCard;
    Card *m_offersCard;
    QTableView *m_fansTable;
    QTableView *m_offersTable;
    QLineEdit *m_fansFilter;
    CreatorTableModel *m_fans;
    CreatorTableModel *m_offers;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    MessageLabel *m_message;
    QFuture<void> m_reading;
};

} // namespace huntaze::ui
