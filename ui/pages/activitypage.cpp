#include "activitypage.h"

#include "backend/backend.h"
#include "common/async.h"
#include "exporting/csvexport.h"
#include "state/userstore.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace huntaze::ui {

ActivityPage::ActivityPage(Backend &backend, UserStore &users, QWidget *parent) : Page(parent), m_backend(backend), m_users(users)
{
    m_export = new QAction(tr("Export CSV…"), this);
    connect(m_export, &QAction::triggered, this, [this] {
        const QString path
            = QFileDialog::getSaveFileName(this, tr("Export the activity"), QStringLiteral("activity.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        QString error;
        if (exportTo(path, &error))
            m_status->showMessage(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)), MessageLabel::Kind::Note);
        else
            m_status->showMessage(error, MessageLabel::Kind::Error);
    });

    auto *card = new Card(tr("Who did what"));
    m_action = new QComboBox(card);
    m_action->setObjectName(QStringLiteral("actionFilter"));
    m_action->setAccessibleName(tr("Show"));
    m_creator = new QComboBox(card);
    m_creator->setObjectName(QStringLiteral("creatorFilter"));
    m_creator->setAccessibleName(tr("About"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_action, 1);
    filters->addWidget(m_creator, 1);
    card->body()->addLayout(filters);
    m_table = new QTableWidget(0, 5, card);
    m_table->setObjectName(QStringLiteral("activity"));
    m_table->setAccessibleName(tr("Activity"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("Creator"), tr("What"), tr("Details")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(260);
    card->body()->addWidget(m_table);
    m_status = new MessageLabel(card);
    card->body()->addWidget(m_status);
    contentLayout()->addWidget(card);

    m_action->addItem(tr("Everything"), QString());
    for (const QString &action : audit::actions())
        m_action->addItem(audit::describe(action), action);
    connect(m_action, &QComboBox::activated, this, &ActivityPage::reload);
    connect(m_creator, &QComboBox::activated, this, &ActivityPage::reload);
    connect(&m_users, &UserStore::userChanged, this, &ActivityPage::showFilters);
    showFilters();
}

QString ActivityPage::title() const
{
    return tr("Activity");
}

void ActivityPage::activate()
{
    allowAction(m_export, m_users.user() && m_users.user()->may(agency::Permission::ExportData));
    reload();
}

void ActivityPage::showFilters()
{
    const qint64 chosen = m_creator->currentData().toLongLong();
    m_creator->clear();
    m_creator->addItem(tr("Every creator"), qint64(0));
    if (m_users.user()) {
        for (const Creator &creator : m_users.user()->creators)
            m_creator->addItem(creator.profile.displayName, creator.id);
    }
    m_creator->setCurrentIndex(qMax(0, m_creator->findData(chosen)));
}

void ActivityPage::reload()
{
    AuditFilter filter;
    filter.action = m_action->currentData().toString();
    filter.creatorId = m_creator->currentData().toLongLong();
    const quint64 ticket = ++m_newest;
    onFinished(m_backend.auditLog(filter), this, [this, ticket](const Result<QList<AuditEntry>> &entries) {
        if (ticket != m_newest)
            return; // the filters changed meanwhile: a newer answer is coming
        if (!entries.ok()) {
            m_status->showMessage(entries.error().message, MessageLabel::Kind::Error);
            return;
        }
        m_status->clearMessage();
        m_entries = entries.value();
        showEntries();
        Q_EMIT entriesShown();
    });
}

QString ActivityPage::creatorName(qint64 creatorId) const
{
    if (creatorId == 0)
        return tr("The agency");
    return m_users.user() ? m_users.user()->creatorName(creatorId) : QString();
}

QString ActivityPage::details(const AuditEntry &entry)
{
    QStringList parts;
    for (auto it = entry.detail.constBegin(); it != entry.detail.constEnd(); ++it) {
        QString value;
        if (it.value().isArray()) {
            QStringList items;
            for (const QJsonValue &item : it.value().toArray())
                items.append(item.isString() ? item.toString() : QString::number(item.toInteger()));
            value = items.join(QStringLiteral(", "));
        } else if (it.value().isDouble()) {
            value = QString::number(it.value().toInteger());
        } else {
            value = it.value().toString();
        }
        if (!value.isEmpty())
            parts.append(it.key() + QStringLiteral(": ") + value);
    }
    return parts.join(QStringLiteral("; "));
}

void ActivityPage::showEntries()
{
    m_table->setRowCount(0);
    for (const AuditEntry &entry : m_entries) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat)));
        m_table->setItem(row, 1, new QTableWidgetItem(entry.actorEmail));
        m_table->setItem(row, 2, new QTableWidgetItem(creatorName(entry.creatorId)));
        m_table->setItem(row, 3, new QTableWidgetItem(audit::describe(entry.action)));
        m_table->setItem(row, 4, new QTableWidgetItem(details(entry)));
    }
}

bool ActivityPage::exportTo(const QString &path, QString *error) const
{
    QList<QStringList> rows{
        {QStringLiteral("time"), QStringLiteral("member"), QStringLiteral("creator"), QStringLiteral("action"), QStringLiteral("details")}};
    for (const AuditEntry &entry : m_entries)
        rows.append({entry.at.toUTC().toString(Qt::ISODate), entry.actorEmail, creatorName(entry.creatorId), entry.action, details(entry)});
    const Result<void> written = csvexport::write(path, rows);
    if (!written.ok() && error)
        *error = written.error().message;
    return written.ok();
}

} // namespace huntaze::ui
