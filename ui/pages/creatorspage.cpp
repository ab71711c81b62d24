#include "creatorspage.h"

#include "common/async.h"
#include "state/userstore.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace huntaze::ui {

CreatorsPage::CreatorsPage(UserStore &users, QWidget *parent) : Page(parent), m_users(users)
{
    m_add = new QAction(tr("Add creator"), this);
    connect(m_add, &QAction::triggered, this, &CreatorsPage::addCreator);

    auto *listCard = new Card(tr("Your creators"));
    listCard->setObjectName(QStringLiteral("creatorsCard"));
    m_list = new QListWidget(listCard);
    m_list->setObjectName(QStringLiteral("creatorList"));
    m_list->setAccessibleName(tr("Creators"));
    m_list->setMinimumHeight(160);
    m_archive = new QPushButton(tr("Archive"), listCard);
    m_archive->setObjectName(QStringLiteral("archiveCreator"));
    m_archive->setEnabled(false);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) { m_archive->setEnabled(row >= 0 && m_list->count() > 1); });
    connect(m_archive, &QPushButton::clicked, this, &CreatorsPage::archiveSelected);
    listCard->body()->addWidget(makeNote(tr("Archived creators leave every list and every member's reach; their data is kept."), listCard));
    listCard->body()->addWidget(m_list);
    listCard->body()->addWidget(m_archive, 0, Qt::AlignLeft);
    contentLayout()->addWidget(listCard);

    auto *addCard = new Card(tr("Add a creator"));
    m_name = new QLineEdit(addCard);
    m_name->setObjectName(QStringLiteral("newCreatorName"));
    m_name->setPlaceholderText(tr("The name their fans know them by"));
    m_name->setAccessibleName(tr("New creator's name"));
    connect(m_name, &QLineEdit::returnPressed, this, &CreatorsPage::addCreator);
    auto *add = new QPushButton(tr("Add creator"), addCard);
    add->setObjectName(QStringLiteral("addCreator"));
    connect(add, &QPushButton::clicked, this, &CreatorsPage::addCreator);
    auto *row = new QHBoxLayout;
    row->addWidget(m_name, 1);
    row->addWidget(add);
    addCard->body()->addLayout(row);
    m_status = new MessageLabel(addCard);
    addCard->body()->addWidget(m_status);
    contentLayout()->addWidget(addCard);
    contentLayout()->addStretch(1);

    connect(&m_users, &UserStore::userChanged, this, &CreatorsPage::showCreators);
    showCreators();
}

QString CreatorsPage::title() const
{
    return tr("Creators");
}

void CreatorsPage::showCreators()
{
    m_list->clear();
    if (!m_users.user())
        return;
    for (const Creator &creator : m_users.user()->creators) {
        auto *item = new QListWidgetItem(creator.profile.displayName, m_list);
        item->setData(Qt::UserRole, creator.id);
        if (creator.id == m_users.user()->creatorId)
            item->setText(tr("%1 (selected)").arg(creator.profile.displayName));
    }
    m_archive->setEnabled(false);
}

void CreatorsPage::addCreator()
{
    Profile profile;
    profile.displayName = m_name->text().trimmed();
    if (profile.displayName.isEmpty()) {
        m_status->showMessage(tr("Enter the creator's name."), MessageLabel::Kind::Error);
        m_name->setFocus();
        return;
    }
    m_add->setEnabled(false);
    onFinished(m_users.addCreator(profile), this, [this](const Result<Creator> &added) {
        m_add->setEnabled(true);
        if (!added.ok()) {
            m_status->showMessage(added.error().message, MessageLabel::Kind::Error);
            return;
        }
        m_name->clear();
        m_status->showMessage(
            tr("%1 was added. Choose them in the switcher above the pages to work on their data.").arg(added.value().profile.displayName),
            MessageLabel::Kind::Note);
    });
}

void CreatorsPage::archiveSelected()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const qint64 id = item->data(Qt::UserRole).toLongLong();
    const QString name = item->text();
    if (QMessageBox::question(this, tr("Archive %1?").arg(name),
                              tr("%1 will leave every list and nobody will work on them any more. Their data is kept.").arg(name))
        != QMessageBox::Yes)
        return;
    onFinished(m_users.archiveCreator(id), this, [this, name](const Result<void> &archived) {
        m_status->showMessage(archived.ok() ? tr("%1 was archived.").arg(name) : archived.error().message,
                              archived.ok() ? MessageLabel::Kind::Note : MessageLabel::Kind::Error);
    });
}

} // namespace huntaze::ui
