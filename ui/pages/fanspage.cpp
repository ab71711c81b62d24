#include "fanspage.h"

#include "common/async.h"
#include "importing/creatorcsv.h"
#include "state/creatordatastore.h"
#include "style/icons.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

QTableWidget *makeTable(const QStringList &headers, const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setAccessibleName(accessibleName);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setMinimumHeight(220);
    table->setSortingEnabled(true);
    return table;
}

// Shows formatted text ("$1,200.50") but sorts by the number behind it.
class NumberItem : public QTableWidgetItem
{
public:
    NumberItem(double value, const QString &text) : QTableWidgetItem(text), m_value(value)
    {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        const auto *number = dynamic_cast<const NumberItem *>(&other);
        return number ? m_value < number->m_value : QTableWidgetItem::operator<(other);
    }

private:
    double m_value;
};

QTableWidgetItem *numberItem(double value, const QString &text)
{
    return new NumberItem(value, text);
}

} // namespace

FansPage::FansPage(CreatorDataStore &data, QWidget *parent) : Page(parent), m_data(data)
{
    m_importFans = new QAction(themedIcon(QStringLiteral("folder")), tr("Import fans…"), this);
    m_importOffers = new QAction(tr("Import offers…"), this);
    m_addDemo = new QAction(tr("Add demo data"), this);
    m_importPosts = new QAction(tr("Import posts…"), this);
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
    m_fansTable = makeTable({tr("Name"), tr("Tags"), tr("Total spend"), tr("Last purchase"), tr("Last active")}, tr("Fans"), m_fansCard);
    m_fansCard->body()->addWidget(m_fansTable);
    contentLayout()->addWidget(m_fansCard);

    m_offersCard = new Card;
    m_offersTable = makeTable({tr("Sent on"), tr("Title"), tr("Price"), tr("Recipients"), tr("Purchases"), tr("Conversion")},
                              tr("Paid offers"), m_offersCard);
    m_offersCard->body()->addWidget(m_offersTable);
    contentLayout()->addWidget(m_offersCard);

    connect(&m_data, &CreatorDataStore::fansChanged, this, &FansPage::refreshFans);
    connect(&m_data, &CreatorDataStore::offersChanged, this, &FansPage::refreshOffers);
    refreshFans();
    refreshOffers();
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
    const QString path = QFileDialog::getOpenFileName(this, caption, QString(), tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importFile(kind, path);
}

void FansPage::importFile(ImportKind kind, const QString &path)
{
    if (m_reading.isRunning())
        return;
    if (kind == ImportKind::Fans)
        runImport<Fan>(
            creatorcsv::readFans(path), [this](const QList<Fan> &fans) { return m_data.importFans(fans); }, kind);
    else
        runImport<Offer>(
            creatorcsv::readOffers(path), [this](const QList<Offer> &offers) { return m_data.importOffers(offers); }, kind);
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
        onFinished(store(rows.value()), this, [this, kind](const Result<int> &stored) {
            setImporting(false);
            if (stored.ok())
                m_message->showMessage(importedMessage(kind, stored.value()), MessageLabel::Kind::Note);
            else
                m_message->showMessage(stored.error().message, MessageLabel::Kind::Error);
        });
    });
    watcher->setFuture(reading);
}

QString FansPage::importedMessage(ImportKind kind, int count)
{
    switch (kind) {
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
    for (QAction *action : {m_importFans, m_importOffers, m_addDemo, m_importPosts})
        action->setEnabled(!importing);
    if (importing)
        m_message->clearMessage();
}

void FansPage::refreshFans()
{
    const QList<Fan> &fans = m_data.fans();
    m_fansCard->setTitle(tr("Fans (%1)").arg(QLocale().toString(static_cast<int>(fans.size()))));
    m_fansTable->setSortingEnabled(false);
    m_fansTable->setRowCount(static_cast<int>(fans.size()));
    const QLocale locale;
    for (int row = 0; row < fans.size(); ++row) {
        const Fan &fan = fans.at(row);
        m_fansTable->setItem(row, 0, new QTableWidgetItem(fan.name));
        m_fansTable->setItem(row, 1, new QTableWidgetItem(fan.tags.join(QStringLiteral(", "))));
        m_fansTable->setItem(row, 2, numberItem(fan.totalSpend, locale.toCurrencyString(fan.totalSpend, QStringLiteral("$"))));
        m_fansTable->setItem(row, 3, new QTableWidgetItem(fan.lastPurchase));
        m_fansTable->setItem(
            row, 4, new QTableWidgetItem(fan.lastActive.isValid() ? locale.toString(fan.lastActive, QLocale::ShortFormat) : QString()));
    }
    m_fansTable->setSortingEnabled(true);
    m_fansTable->resizeColumnsToContents();
}

void FansPage::refreshOffers()
{
    const QList<Offer> &offers = m_data.offers();
    m_offersCard->setTitle(tr("Paid offers (%1)").arg(QLocale().toString(static_cast<int>(offers.size()))));
    m_offersTable->setSortingEnabled(false);
    m_offersTable->setRowCount(static_cast<int>(offers.size()));
    const QLocale locale;
    for (int row = 0; row < offers.size(); ++row) {
        const Offer &offer = offers.at(row);
        const double conversion = offer.recipients > 0 ? 100.0 * offer.purchases / offer.recipients : 0.0;
        m_offersTable->setItem(
            row, 0, new QTableWidgetItem(offer.sentOn.isValid() ? locale.toString(offer.sentOn, QLocale::ShortFormat) : QString()));
        m_offersTable->setItem(row, 1, new QTableWidgetItem(offer.title));
        m_offersTable->setItem(row, 2, numberItem(offer.price, locale.toCurrencyString(offer.price, QStringLiteral("$"))));
        m_offersTable->setItem(row, 3, numberItem(offer.recipients, locale.toString(offer.recipients)));
        m_offersTable->setItem(row, 4, numberItem(offer.purchases, locale.toString(offer.purchases)));
        m_offersTable->setItem(row, 5, numberItem(conversion, locale.toString(conversion, 'f', 1) + locale.percent()));
    }
    m_offersTable->setSortingEnabled(true);
    m_offersTable->resizeColumnsToContents();
}

} // namespace huntaze::ui
