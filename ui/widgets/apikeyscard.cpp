#include "apikeyscard.h"

#include "common/async.h"
#include "state/teamstore.h"
#include "widgets/messagelabel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace huntaze::ui {

ApiKeysCard::ApiKeysCard(TeamStore &team, QWidget *parent) : Card(tr("API keys"), parent), m_team(team)
{
    body()->addWidget(makeNote(tr("For your agency's own scripts and tools: a key works on every creator with what its scopes "
                                  "allow, never on the team, sessions or shifts. Send it as \"Authorization: Bearer <key>\"."),
                               this));
    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("apiKeys"));
    m_table->setAccessibleName(tr("API keys"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Key"), tr("Scopes"), tr("Made by"), tr("Last used"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(140);
    body()->addWidget(m_table);

    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("apiKeyName"));
    m_name->setAccessibleName(tr("Key name"));
    m_name->setMaxLength(100);
    m_name->setPlaceholderText(tr("Reporting script, Zapier…"));
    form->addRow(tr("Na&me"), m_name);
    auto *scopes = new QVBoxLayout;
    for (const QString &id : agency::apiScopeIds()) {
        auto *box = new QCheckBox(agency::describe(*agency::apiScopeFromId(id)), this);
        box->setObjectName(QStringLiteral("apiScope-") + id);
        box->setProperty("scope", id);
        scopes->addWidget(box);
        m_scopes.append(box);
    }
    form->addRow(tr("It may"), scopes);
    m_expiry = new QComboBox(this);
    m_expiry->setObjectName(QStringLiteral("apiKeyExpiry"));
    m_expiry->setAccessibleName(tr("Key expiry"));
    m_expiry->addItem(tr("Never expires"), 0);
    m_expiry->addItem(tr("Expires in 30 days"), 30);
    m_expiry->addItem(tr("Expires in 90 days"), 90);
    m_expiry->addItem(tr("Expires in a year"), 365);
    form->addRow(tr("E&xpiry"), m_expiry);
    body()->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_make = new QPushButton(tr("Make the key"), this);
    m_make->setObjectName(QStringLiteral("makeApiKey"));
    connect(m_make, &QPushButton::clicked, this, &ApiKeysCard::makeKey);
    connect(m_name, &QLineEdit::returnPressed, this, &ApiKeysCard::makeKey);
    m_revoke = new QPushButton(tr("Revoke the selected key"), this);
    m_revoke->setObjectName(QStringLiteral("revokeApiKey"));
    m_revoke->setEnabled(false);
    connect(m_revoke, &QPushButton::clicked, this, [this] {
        const QList<QTableWidgetItem *> row = m_table->selectedItems();
        if (row.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Revoke %1?").arg(row.first()->text()),
                                  tr("Whatever uses this key stops working at once. This cannot be undone."))
            == QMessageBox::Yes)
            revokeSelected();
    });
    buttons->addWidget(m_make);
    buttons->addWidget(m_revoke);
    buttons->addStretch(1);
    body()->addLayout(buttons);

    auto *secretRow = new QHBoxLayout;
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("apiKeySecret"));
    m_secret->setAccessibleName(tr("The new key"));
    m_secret->setReadOnly(true);
    m_secret->hide();
    m_copy = new QPushButton(tr("Copy key"), this);
    m_copy->setObjectName(QStringLiteral("copyApiKey"));
    m_copy->hide();
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_secret->text());
        m_status->showMessage(tr("Copied. Keep it somewhere safe: Huntaze shows it only this once."), MessageLabel::Kind::Note);
    });
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copy);
    body()->addLayout(secretRow);
    m_status = new MessageLabel(this);
    body()->addWidget(m_status);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] { m_revoke->setEnabled(selectedKey() != 0); });
    connect(&m_team, &TeamStore::apiKeysChanged, this, &ApiKeysCard::showKeys);
}

QCheckBox *ApiKeysCard::scopeBox(const QString &scopeId) const
{
    for (QCheckBox *box : m_scopes) {
        if (box->property("scope").toString() == scopeId)
            return box;
    }
    return nullptr;
}

void ApiKeysCard::showKeys()
{
    const qint64 selected = selectedKey();
    const QLocale locale;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_table->setRowCount(0);
    for (const agency::ApiKey &key : m_team.apiKeys()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QStringList scopes;
        for (const QString &id : key.scopes)
            scopes.append(id);
        const QString state = key.revokedAt.isValid()         ? tr("Revoked")
            : key.expiresAt.isValid() && key.expiresAt <= now ? tr("Expired")
            : key.expiresAt.isValid() ? tr("Works until %1").arg(locale.toString(key.expiresAt.toLocalTime().date(), QLocale::ShortFormat))
                                      : tr("Works");
        const QString lastUsed
            = key.lastUsedAt.isValid() ? locale.toString(key.lastUsedAt.toLocalTime(), QLocale::ShortFormat) : tr("Never");
        const QStringList cells{key.name, key.prefix + QStringLiteral("…"), scopes.join(QStringLiteral(", ")), key.createdByEmail, lastUsed,
                                state};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, key.id);
            item->setData(Qt::UserRole + 1, key.revokedAt.isValid());
            m_table->setItem(row, column, item);
        }
        if (key.id == selected)
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
}

qint64 ApiKeysCard::selectedKey() const
{
    const QList<QTableWidgetItem *> row = m_table->selectedItems();
    if (row.isEmpty() || row.first()->data(Qt::UserRole + 1).toBool())
        return 0; // revoked already: nothing to do
    return row.first()->data(Qt::UserRole).toLongLong();
}

void ApiKeysCard::makeKey()
{
    QJsonArray scopes;
    for (QCheckBox *box : std::as_const(m_scopes)) {
        if (box->isChecked())
            scopes.append(box->property("scope").toString());
    }
    QJsonObject form{{QStringLiteral("name"), m_name->text()}, {QStringLiteral("scopes"), scopes}};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (const int days = m_expiry->currentData().toInt(); days > 0)
        form.insert(QStringLiteral("expiresAt"), now.addDays(days).toString(Qt::ISODate));
    // The server's own rules, here first: the error names the field at once.
    const Result<agency::NewApiKey> key = agency::NewApiKey::parse(form, now);
    if (!key.ok()) {
        m_status->showMessage(key.error().message, MessageLabel::Kind::Error);
        (key.error().field == QLatin1String("name") ? static_cast<QWidget *>(m_name) : m_scopes.first())->setFocus();
        return;
    }
    m_make->setEnabled(false);
    onFinished(m_team.createApiKey(key.value()), this, [this](const Result<Backend::MadeApiKey> &made) {
        m_make->setEnabled(true);
        if (!made.ok()) {
            m_status->showMessage(made.error().message, MessageLabel::Kind::Error);
            return;
        }
        m_name->clear();
        for (QCheckBox *box : std::as_const(m_scopes))
            box->setChecked(false);
        m_secret->setText(made.value().secret);
        m_secret->show();
        m_copy->show();
        m_secret->setFocus();
        m_secret->selectAll();
        m_status->showMessage(tr("Key \"%1\" made. Copy it now: Huntaze shows it only this once.").arg(made.value().key.name),
                              MessageLabel::Kind::Note);
        Q_EMIT secretShown(made.value().secret);
    });
}

void ApiKeysCard::revokeSelected()
{
    const qint64 id = selectedKey();
    if (id == 0)
        return;
    m_revoke->setEnabled(false);
    onFinished(m_team.revokeApiKey(id), this, [this](const Result<void> &revoked) {
        if (!revoked.ok())
            m_status->showMessage(revoked.error().message, MessageLabel::Kind::Error);
        else
            m_status->showMessage(tr("Revoked: the key stopped working."), MessageLabel::Kind::Note);
    });
}

} // namespace huntaze::ui
