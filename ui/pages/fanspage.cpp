#include "fanspage.h"

#include "common/async.h"
#include "importing/creatorcsv.h"
#include "models/creatortablemodels.h"
#include "net/apierrors.h"
#include "state/analyticsstore.h"
#include "state/creatordatastore.h"
#include "style/icons.h"
#include "widgets/card.h"
#include "widgets/columnsdialog.h"
#include "widgets/datatable.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace huntaze::ui {

FansPage::FansPage(CreatorDataStore &data, AnalyticsStore &analytics, QWidget *parent) : Page(parent), m_data(data), m_analytics(analytics)
{
    m_importFans = new QAction(themedIcon(QStringLiteral("folder")), tr("Import fans…"), this);
    m_importOffers = new QAction(tr("Import offers…"), this);
    m_addDemo = new QAction(tr("Add demo data"), this);
    m_importPosts = new QAction(tr("Import posts…"), this);
    m_importEarnings = new QAction(tr("Import earnings…"), this);
    m_importEarnings->setToolTip(tr("A platform's earnings statement (CSV): the Dashboard's figures come from it."));
    connect(m_importEarnings, &QAction::triggered, this, [this] { chooseFile(ImportKind::Earnings); });
    m_importMessages = new QAction(tr("Import message log…"), this);
    m_importMessages->setToolTip(tr("The team's conversations with fans (CSV): reply times and paid messages bought, per team member."));
    connect(m_importMessages, &QAction::triggered, this, [this] { chooseFile(ImportKind::Messages); });
    m_importEngagement = new QAction(tr("Import engagement…"), this);
    m_importEngagement->setToolTip(
        tr("A platform's export of your posts' likes, comments and views (CSV): the Dashboard's top posts and best times to post."));
    connect(m_importEngagement, &QAction::triggered, this, [this] { chooseFile(ImportKind::Engagement); });
    m_importForDashboard = new QAction(tr("Import for the Dashboard"), this);
    m_importForDashboard->setToolTip(tr("Earnings statements, the team's message logs and your posts' engagement, from CSV files."));
    auto *dashboardFiles = new QMenu(this);
    dashboardFiles->addActions({m_importEarnings, m_importMessages, m_importEngagement});
    m_importForDashboard->setMenu(dashboardFiles);
    m_importPosts->setToolTip(tr("Past posts with their hashtags and engagement rank hashtags by what works for you."));
    connect(m_importPosts, &QAction::triggered, this, [this] { chooseFile(ImportKind::Posts); });
    m_addDemo->setToolTip(tr("Adds 40 sample fans, 24 paid offers and 30 past posts so you can try every tool."));
    connect(m_importFans, &QAction::triggered, this, [this] { chooseFile(ImportKind::Fans); });
    connect(m_importOffers, &QAction::triggered, this, [this] { chooseFile(ImportKind::Offers); });
    connect(m_addDemo, &QAction::triggered, this, [this] {
        setImporting(true);
        m_progress->setRange(0, 0);
        onFinished(m_data.addDemoData(), this, [this](const Result<int> &added) {
            setImporting(false);
            if (added.ok())
                m_message->showMessage(tr("Added demo fans and offers."), MessageLabel::Kind::Note);
            else
                m_message->showMessage(added.error().message, MessageLabel::Kind::Error);
        });
    });

    auto *status = new QWidget(this);
    m_progress = new QProgressBar(status);
    m_progress->setAccessibleName(tr("Import progress"));
    m_cancel = new QPushButton(tr("Cancel import"), status);
    connect(m_cancel, &QPushButton::clicked, this, &FansPage::cancelImport);
    auto *statusRow = new QHBoxLayout(status);
    statusRow->setContentsMargins(0, 0, 0, 0);
    statusRow->addWidget(m_progress, 1);
    statusRow->addWidget(m_cancel);
    m_progress->hide();
    m_cancel->hide();
    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("importMessage"));
    contentLayout()->addWidget(status);
    contentLayout()->addWidget(m_message);

    m_fansCard = new Card;
    m_fansFilter = new QLineEdit(m_fansCard);
    m_fansFilter->setPlaceholderText(tr("Filter by name, tag or purchase"));
    m_fansFilter->setAccessibleName(tr("Filter fans"));
    m_fansFilter->setClearButtonEnabled(true);
    m_fans = new FanTableModel(m_data, this);
    m_fansTable = makeDataTable(m_fans, tr("Fans"), m_fansCard);
    // Filtering thousands of rows on every key press would stutter: wait for a pause in typing.
    auto *typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(150);
    connect(m_fansFilter, &QLineEdit::textChanged, typing, qOverload<>(&QTimer::start));
    connect(typing, &QTimer::timeout, this, [this] {
        m_fans->setSearch(m_fansFilter->text());
        refreshTitles();
    });
    m_fansCard->body()->addWidget(m_fansFilter);
    m_fansCard->body()->addWidget(m_fansTable);
    contentLayout()->addWidget(m_fansCard);

    m_offersCard = new Card;
    m_offers = new OfferTableModel(m_data, this);
    m_offersTable = makeDataTable(m_offers, tr("Paid offers"), m_offersCard);
    m_offersCard->body()->addWidget(m_offersTable);
    contentLayout()->addWidget(m_offersCard);

    // Each table when its own list changed: the other's model may not have caught up yet.
    for (QTableView *table : {m_fansTable, m_offersTable})
        connect(table->model(), &QAbstractItemModel::modelReset, table, [this, table] {
            showEarningsIfAllowed();
            refreshTitles();
            table->resizeColumnsToContents();
        });
    showEarningsIfAllowed();
    refreshTitles();
    m_fansTable->resizeColumnsToContents();
    m_offersTable->resizeColumnsToContents();
}

void FansPage::showEarningsIfAllowed()
{
    // A chatter's role sees no earnings: the server sends no spending, and no column or card stands empty for it.
    const bool earnings = m_data.seesEarnings();
    m_fansTable->setColumnHidden(2, !earnings); // total spend
    m_fansTable->setColumnHidden(3, !earnings); // last purchase
    m_offersCard->setVisible(earnings);
}

void FansPage::activate()
{
    const bool imports = m_data.may(agency::Permission::ImportData);
    for (QAction *action : {m_importFans, m_importOffers, m_addDemo, m_importPosts, m_importEngagement, m_importForDashboard})
        allowAction(action, imports);
    allowAction(m_importEarnings, imports && m_data.seesEarnings());
    allowAction(m_importMessages, imports && m_data.seesEarnings());
}

QString FansPage::title() const
{
    return tr("Fans & offers");
}

void FansPage::chooseFile(ImportKind kind)
{
    QString caption = tr("Import fans");
    if (kind == ImportKind::Offers)
        caption = tr("Import paid offers");
    else if (kind == ImportKind::Posts)
        caption = tr("Import past posts");
    else if (kind == ImportKind::Earnings)
        caption = tr("Import an earnings statement");
    else if (kind == ImportKind::Messages)
        caption = tr("Import a message log");
    else if (kind == ImportKind::Engagement)
        caption = tr("Import an engagement export");
    const QString path = QFileDialog::getOpenFileName(this, caption, QString(), tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importFile(kind, path);
}

void FansPage::importFile(ImportKind kind, const QString &path)
{
    if (m_reading.isRunning())
        return;
    switch (kind) {
    case ImportKind::Fans:
        runImport<Fan>(
            creatorcsv::readFans(path), [this](const QList<Fan> &fans) { return m_data.importFans(fans); }, kind);
        break;
    case ImportKind::Offers:
        runImport<Offer>(
            creatorcsv::readOffers(path), [this](const QList<Offer> &offers) { return m_data.importOffers(offers); }, kind);
        break;
    case ImportKind::Posts:
        runImport<Post>(
            creatorcsv::readPosts(path), [this](const QList<Post> &posts) { return m_data.importPosts(posts); }, kind);
        break;
    case ImportKind::Earnings:
    case ImportKind::Messages:
    case ImportKind::Engagement:
        runImport<CsvRecord>(
            creatorcsv::readRecords(path), [this, kind](const QList<CsvRecord> &records) { return importMapped(kind, records); }, kind);
        break;
    }
}

template <typename T, typename Store> void FansPage::runImport(QFuture<Result<QList<T>>> reading, Store store, ImportKind kind)
{
    m_reading = QFuture<void>(reading);
    setImporting(true);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    auto *watcher = new QFutureWatcher<Result<QList<T>>>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, store, kind] {
        watcher->deleteLater();
        const QFuture<Result<QList<T>>> done = watcher->future();
        if (done.isCanceled() || done.resultCount() == 0) {
            setImporting(false);
            m_message->showMessage(tr("Import cancelled. Nothing was imported."), MessageLabel::Kind::Note);
            return;
        }
        const Result<QList<T>> rows = done.result();
        if (!rows.ok()) {
            setImporting(false);
            m_message->showMessage(rows.error().message, MessageLabel::Kind::Error);
            return;
        }
        // Storing: on a server, a large file goes in batches and reports them.
        m_cancel->hide();
        m_progress->setRange(0, 0);
        const QFuture<Result<int>> storing = store(rows.value());
        auto *progress = new QFutureWatcher<Result<int>>(this);
        connect(progress, &QFutureWatcherBase::progressRangeChanged, m_progress, &QProgressBar::setRange);
        connect(progress, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
        connect(progress, &QFutureWatcherBase::finished, progress, &QObject::deleteLater);
        progress->setFuture(storing);
        onFinished(storing, this, [this, kind](const Result<int> &stored) {
            setImporting(false);
            if (!stored.ok() && stored.error().code == ErrorCode::Cancelled)
                m_message->showMessage(tr("Import cancelled. Nothing was imported."), MessageLabel::Kind::Note);
            else if (stored.ok())
                m_message->showMessage(importedMessage(kind, stored.value()), MessageLabel::Kind::Note);
            else
                m_message->showMessage(stored.error().message, MessageLabel::Kind::Error);
        });
    });
    watcher->setFuture(reading);
}

QFuture<Result<int>> FansPage::importMapped(ImportKind kind, const QList<CsvRecord> &records)
{
    auto storing = std::make_shared<QPromise<Result<int>>>();
    storing->start();
    creatorcsv::MappedFile file = creatorcsv::MappedFile::Statement;
    if (kind == ImportKind::Messages)
        file = creatorcsv::MappedFile::MessageLog;
    else if (kind == ImportKind::Engagement)
        file = creatorcsv::MappedFile::Engagement;
    auto *dialog = new ColumnsDialog(file, records, m_analytics.zone(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog, records, storing](int result) {
        const auto finish = [storing](const Result<int> &outcome) {
            storing->addResult(outcome);
            storing->finish();
        };
        if (result != QDialog::Accepted)
            return finish(apierrors::cancelled());
        const creatorcsv::FileOptions options{dialog->zone(), m_data.currency()};
        const auto store = [this, finish](const auto &lines, auto importLines) {
            if (!lines.ok())
                return finish(lines.error());
            onFinished(importLines(lines.value()), this, finish);
        };
        if (dialog->file() == creatorcsv::MappedFile::Engagement)
            onFinished(creatorcsv::convertEngagement(records, dialog->columns(), options), this,
                       [this, store](const Result<QList<analytics::PostEngagement>> &lines) {
                           store(lines, [this](const QList<analytics::PostEngagement> &all) { return m_analytics.importEngagement(all); });
                       });
        else if (dialog->file() == creatorcsv::MappedFile::MessageLog)
            onFinished(creatorcsv::convertMessages(records, dialog->columns(), options), this,
                       [this, store](const Result<QList<analytics::MessageEvent>> &messages) {
                           store(messages,
                                 [this](const QList<analytics::MessageEvent> &lines) { return m_analytics.importMessages(lines); });
                       });
        else
            onFinished(creatorcsv::convertEarnings(records, dialog->columns(), options), this,
                       [this, store](const Result<QList<analytics::EarningEvent>> &events) {
                           store(events, [this](const QList<analytics::EarningEvent> &lines) { return m_analytics.importEarnings(lines); });
                       });
    });
    dialog->open();
    return storing->future();
}

QString FansPage::importedMessage(ImportKind kind, int count)
{
    switch (kind) {
    case ImportKind::Earnings:
        return count == 0 ? tr("Nothing new: every line of this statement was imported before.")
                          : tr("Imported %n new statement lines; lines imported before were skipped.", nullptr, count);
    case ImportKind::Messages:
        return count == 0 ? tr("Nothing new: every message of this log was imported before.")
                          : tr("Imported %n new messages; messages imported before were skipped.", nullptr, count);
    case ImportKind::Engagement:
        return count == 0
            ? tr("Nothing new: every post's figures in this export were imported before.")
            : tr("Imported the figures of %n post days; days imported before with the same figures were skipped.", nullptr, count);
    case ImportKind::Fans: return tr("Imported %n fans.", nullptr, count);
    case ImportKind::Offers: return tr("Imported %n paid offers.", nullptr, count);
    case ImportKind::Posts: break;
    }
    return tr("Imported %n past posts.", nullptr, count);
}

void FansPage::cancelImport()
{
    m_reading.cancel();
}

void FansPage::setImporting(bool importing)
{
    m_progress->setVisible(importing);
    m_cancel->setVisible(importing && m_progress->maximum() > 0);
    for (QAction *action : secondaryActions())
        action->setEnabled(!importing);
    m_importFans->setEnabled(!importing);
    for (QAction *action : {m_importEarnings, m_importMessages, m_importEngagement})
        action->setEnabled(!importing);
    if (importing)
        m_message->clearMessage();
}

void FansPage::refreshTitles()
{
    const QLocale locale;
    const int allFans = static_cast<int>(m_data.fans().size());
    const int shownFans = m_fans->rowCount();
    m_fansCard->setTitle(shownFans == allFans ? tr("Fans (%1)").arg(locale.toString(allFans))
                                              : tr("Fans (%1 of %2)").arg(locale.toString(shownFans), locale.toString(allFans)));
    m_offersCard->setTitle(tr("Paid offers (%1)").arg(locale.toString(static_cast<int>(m_data.offers().size()))));
}

} // namespace huntaze::ui
