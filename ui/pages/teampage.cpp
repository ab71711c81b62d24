#include "teampage.h"

#include "common/async.h"
#include "state/teamstore.h"
#include "state/userstore.h"
#include "widgets/apikeyscard.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace huntaze::ui {

TeamPage::TeamPage(TeamStore &team, UserStore &users, QWidget *parent) : Page(parent), m_team(team), m_users(users)
{
    m_invite = new QAction(tr("Invite"), this);
    connect(m_invite, &QAction::triggered, this, &TeamPage::invite);

    m_unavailable = new MessageLabel(this);
    m_unavailable->setObjectName(QStringLiteral("teamNeedsServer"));
    contentLayout()->addWidget(m_unavailable);

    auto *membersCard = new Card(tr("Members"));
    m_table = new QTableWidget(0, 4, membersCard);
    m_table->setObjectName(QStringLiteral("members"));
    m_table->setAccessibleName(tr("Members"));
    m_table->setHorizontalHeaderLabels({tr("Email"), tr("Role"), tr("Creators"), tr("Last active")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(180);
    membersCard->body()->addWidget(m_table);
    contentLayout()->addWidget(membersCard);

    auto *grantCard = new Card(tr("Role and creators"));
    grantCard->body()->addWidget(makeNote(tr("Chatters work only on the creators ticked here; a creator's login is the first one ticked. "
                                             "Invite someone new with them, or apply them to the member selected above."),
                                          grantCard));
    m_role = new QComboBox(grantCard);
    m_role->setObjectName(QStringLiteral("role"));
    m_role->setAccessibleName(tr("Role"));
    m_role->addItem(tr("Chatter: fans, messages, captions and ideas of their creators"), QStringLiteral("chatter"));
    m_role->addItem(tr("Admin: everything but the owners"), QStringLiteral("admin"));
    m_role->addItem(tr("Creator: their own profile and its data"), QStringLiteral("creator"));
    m_role->addItem(tr("Owner: everything"), QStringLiteral("owner"));
    m_creators = new QListWidget(grantCard);
    m_creators->setObjectName(QStringLiteral("assignedCreators"));
    m_creators->setAccessibleName(tr("Creators they work on"));
    m_creators->setMaximumHeight(140);
    grantCard->body()->addWidget(m_role);
    grantCard->body()->addWidget(m_creators);
    auto *buttons = new QHBoxLayout;
    auto *inviteButton = new QPushButton(tr("Create an invitation"), grantCard);
    inviteButton->setObjectName(QStringLiteral("invite"));
    connect(inviteButton, &QPushButton::clicked, this, &TeamPage::invite);
    m_apply = new QPushButton(tr("Apply to the selected member"), grantCard);
    m_apply->setObjectName(QStringLiteral("applyGrant"));
    connect(m_apply, &QPushButton::clicked, this, &TeamPage::applyToSelected);
    m_remove = new QPushButton(tr("Remove the selected member"), grantCard);
    m_remove->setObjectName(QStringLiteral("removeMember"));
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QList<QTableWidgetItem *> row = m_table->selectedItems();
        if (row.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Remove %1?").arg(row.first()->text()),
                                  tr("%1 loses access to the agency at once: every session they have ends.").arg(row.first()->text()))
            == QMessageBox::Yes)
            removeSelected();
    });
    // A lost phone or a shared computer: they stay a member and sign in again.
    m_endSessions = new QPushButton(tr("End their sessions"), grantCard);
    m_endSessions->setObjectName(QStringLiteral("endSessions"));
    connect(m_endSessions, &QPushButton::clicked, this, [this] {
        const qint64 userId = selectedMember();
        if (userId == 0)
            return;
        onFinished(m_team.endSessions(userId), this, [this](const Result<void> &ended) {
            m_status->showMessage(ended.ok() ? tr("Their sessions have ended; they stay a member and can sign in again.")
                                             : ended.error().message,
                                  ended.ok() ? MessageLabel::Kind::Note : MessageLabel::Kind::Error);
        });
    });
    // Huntaze sends no email: a member who forgot their password gets a code from a manager.
    m_resetPassword = new QPushButton(tr("Password reset code"), grantCard);
    m_resetPassword->setObjectName(QStringLiteral("resetPassword"));
    connect(m_resetPassword, &QPushButton::clicked, this, [this] {
        const QList<QTableWidgetItem *> row = m_table->selectedItems();
        const qint64 userId = selectedMember();
        if (userId == 0 || row.isEmpty())
            return;
        const QString who = row.first()->text();
        onFinished(m_team.issuePasswordReset(userId), this, [this, who](const Result<NewInvitation> &issued) {
            if (!issued.ok()) {
                m_status->showMessage(issued.error().message, MessageLabel::Kind::Error);
                return;
            }
            m_code->setText(issued.value().code);
            m_code->show();
            m_copy->show();
            m_status->showMessage(tr("Give this code to %1: with it and their email they choose a new password, once, until %2. "
                                     "Their sessions end then.")
                                      .arg(who, QLocale().toString(issued.value().expiresAt.toLocalTime(), QLocale::ShortFormat)),
                                  MessageLabel::Kind::Note);
            Q_EMIT resetCodeShown(issued.value().code);
        });
    });
    buttons->addWidget(inviteButton);
    buttons->addWidget(m_apply);
    buttons->addWidget(m_endSessions);
    buttons->addWidget(m_resetPassword);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    grantCard->body()->addLayout(buttons);
    m_code = new QLineEdit(grantCard);
    m_code->setObjectName(QStringLiteral("invitationCode"));
    m_code->setAccessibleName(tr("Invitation code"));
    m_code->setReadOnly(true);
    m_code->hide();
    m_copy = new QPushButton(tr("Copy code"), grantCard);
    m_copy->setObjectName(QStringLiteral("copyCode"));
    m_copy->hide();
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_code->text());
        m_status->showMessage(tr("Invitation code copied."), MessageLabel::Kind::Note);
    });
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_copy);
    grantCard->body()->addLayout(codeRow);
    m_status = new MessageLabel(grantCard);
    grantCard->body()->addWidget(m_status);
    contentLayout()->addWidget(grantCard);

    // Custom roles: per page and per action, with a data scope.
    auto *roleCard = new Card(tr("Make a role"));
    m_roleCard = roleCard;
    roleCard->body()->addWidget(makeNote(tr("A role is a name, what it allows and which creators it applies to. Members given it "
                                            "see only the pages it allows."),
                                         roleCard));
    auto *roleForm = new QFormLayout;
    m_roleName = new QLineEdit(roleCard);
    m_roleName->setObjectName(QStringLiteral("roleName"));
    m_roleName->setAccessibleName(tr("Role name"));
    m_roleName->setMaxLength(60);
    m_roleName->setPlaceholderText(tr("Night chatter, Analyst…"));
    m_roleScope = new QComboBox(roleCard);
    m_roleScope->setObjectName(QStringLiteral("roleScope"));
    m_roleScope->setAccessibleName(tr("Creators it applies to"));
    m_roleScope->addItem(tr("The creators assigned to each member"), agency::scopeId(agency::DataScope::AssignedCreators));
    m_roleScope->addItem(tr("Every creator of the agency"), agency::scopeId(agency::DataScope::AllCreators));
    m_roleScope->addItem(tr("The member's own creator profile"), agency::scopeId(agency::DataScope::OwnCreator));
    roleForm->addRow(tr("&Name"), m_roleName);
    roleForm->addRow(tr("&Creators"), m_roleScope);
    roleCard->body()->addLayout(roleForm);
    m_permissions = new QListWidget(roleCard);
    m_permissions->setObjectName(QStringLiteral("rolePermissions"));
    m_permissions->setAccessibleName(tr("What the role allows"));
    for (const agency::Permission permission : agency::allPermissions()) {
        if (permission == agency::Permission::DeleteAgency)
            continue; // owners only
        auto *item = new QListWidgetItem(agency::describe(permission), m_permissions);
        item->setData(Qt::UserRole, agency::permissionId(permission));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_permissions->setMinimumHeight(200);
    roleCard->body()->addWidget(m_permissions);
    m_makeRole = new QPushButton(tr("Make the role"), roleCard);
    m_makeRole->setObjectName(QStringLiteral("makeRole"));
    connect(m_makeRole, &QPushButton::clicked, this, &TeamPage::makeRole);
    connect(m_roleName, &QLineEdit::returnPressed, this, &TeamPage::makeRole);
    roleCard->body()->addWidget(m_makeRole, 0, Qt::AlignLeft);
    m_roleStatus = new MessageLabel(roleCard);
    roleCard->body()->addWidget(m_roleStatus);
    contentLayout()->addWidget(roleCard);

    m_apiKeys = new ApiKeysCard(m_team);
    contentLayout()->addWidget(m_apiKeys);

    auto *dangerCard = new Card(tr("Delete the agency"));
    m_dangerCard = dangerCard;
    dangerCard->body()->addWidget(makeNote(tr("Deletes every creator, fan, offer, post, draft, shift and audit entry of the agency, "
                                              "and ends every member's session. Logins stay: members can join another agency "
                                              "with an invitation. This cannot be undone."),
                                           dangerCard));
    m_deleteAgency = new QPushButton(tr("Delete the agency…"), dangerCard);
    m_deleteAgency->setObjectName(QStringLiteral("deleteAgency"));
    connect(m_deleteAgency, &QPushButton::clicked, this, [this] {
        const QString name = m_users.user() ? m_users.user()->agencyName : QString();
        bool ok = false;
        const QString typed = QInputDialog::getText(this, tr("Delete %1?").arg(name),
                                                    tr("Everything in %1 is deleted for good. Type its name to confirm:").arg(name),
                                                    QLineEdit::Normal, {}, &ok);
        if (ok)
            deleteAgency(typed);
    });
    dangerCard->body()->addWidget(m_deleteAgency, 0, Qt::AlignLeft);
    m_dangerStatus = new MessageLabel(dangerCard);
    dangerCard->body()->addWidget(m_dangerStatus);
    contentLayout()->addWidget(dangerCard);
    contentLayout()->addStretch(1);

    const auto updateButtons = [this] {
        const bool selected = selectedMember() != 0;
        m_apply->setEnabled(selected);
        m_endSessions->setEnabled(selected);
        m_resetPassword->setEnabled(selected);
        m_remove->setEnabled(selected);
    };
    connect(m_table, &QTableWidget::itemSelectionChanged, this, updateButtons);
    connect(&m_team, &TeamStore::membersChanged, this, [this, updateButtons] {
        showMembers();
        updateButtons();
    });
    connect(&m_team, &TeamStore::loadFailed, this,
            [this](const QString &message) { m_status->showMessage(message, MessageLabel::Kind::Error); });
    connect(&m_users, &UserStore::userChanged, this, &TeamPage::showCreatorChoice);
    connect(&m_team, &TeamStore::customRolesChanged, this, [this] {
        // The presets first, then the agency's own roles.
        while (m_role->count() > 4)
            m_role->removeItem(4);
        for (const CustomRole &role : m_team.customRoles())
            m_role->addItem(tr("%1 (custom role)").arg(role.name), QStringLiteral("custom:%1").arg(role.id));
        selectMadeRole();
    });
    showCreatorChoice();
    updateButtons();
}

QString TeamPage::title() const
{
    return tr("Team");
}

void TeamPage::activate()
{
    const bool available = m_team.isAvailable();
    if (!available)
        m_unavailable->showMessage(tr("Chatters, invitations and roles need a Huntaze server: your data is on this computer, where "
                                      "you are its only member. Settings → Your data connects to a server."),
                                   MessageLabel::Kind::Note);
    else
        m_unavailable->clearMessage();
    m_invite->setEnabled(available);
    m_roleCard->setVisible(available && m_users.user() && m_users.user()->may(agency::Permission::ManageRoles));
    m_dangerCard->setVisible(available && m_users.user() && m_users.user()->may(agency::Permission::DeleteAgency));
    const bool managesKeys = available && m_users.user() && m_users.user()->may(agency::Permission::ManageApiKeys);
    m_apiKeys->setVisible(managesKeys);
    if (managesKeys)
        m_team.reloadApiKeys();
    for (QWidget *widget : std::initializer_list<QWidget *>{m_table, m_role, m_creators})
        widget->setEnabled(available);
    if (available)
        m_team.reload();
}

void TeamPage::showCreatorChoice()
{
    m_creators->clear();
    if (!m_users.user())
        return;
    for (const Creator &creator : m_users.user()->creators) {
        auto *item = new QListWidgetItem(creator.profile.displayName, m_creators);
        item->setData(Qt::UserRole, creator.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
}

void TeamPage::showMembers()
{
    m_table->setRowCount(0);
    if (!m_users.user())
        return;
    const User &viewer = *m_users.user();
    for (const TeamMember &member : m_team.members()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *email = new QTableWidgetItem(member.email);
        email->setData(Qt::UserRole, member.userId);
        m_table->setItem(row, 0, email);
        m_table->setItem(row, 1, new QTableWidgetItem(member.roleName));
        QStringList names;
        for (const qint64 id : member.creators)
            names.append(viewer.creatorName(id));
        if (member.ownCreator != 0)
            names.append(viewer.creatorName(member.ownCreator));
        const bool allCreators = member.role == QLatin1String("owner") || member.role == QLatin1String("admin");
        m_table->setItem(row, 2, new QTableWidgetItem(allCreators ? tr("All") : names.join(QStringLiteral(", "))));
        m_table->setItem(row, 3,
                         new QTableWidgetItem(member.lastActive.isValid()
                                                  ? QLocale().toString(member.lastActive.toLocalTime(), QLocale::ShortFormat)
                                                  : tr("Never")));
    }
}

qint64 TeamPage::selectedMember() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    for (const QTableWidgetItem *item : selected) {
        if (item->column() == 0)
            return item->data(Qt::UserRole).toLongLong();
    }
    return 0;
}

namespace {

agency::MemberGrant grantFrom(const QComboBox *role, const QListWidget *creators)
{
    agency::MemberGrant grant;
    const QString chosen = role->currentData().toString();
    if (chosen.startsWith(QLatin1String("custom:"))) {
        grant.preset = agency::Preset::Custom;
        grant.customRoleId = chosen.mid(7).toLongLong();
    } else {
        grant.preset = agency::presetFromId(chosen).value_or(agency::Preset::Chatter);
    }
    for (int row = 0; row < creators->count(); ++row) {
        if (creators->item(row)->checkState() == Qt::Checked)
            grant.creators.append(creators->item(row)->data(Qt::UserRole).toLongLong());
    }
    if (grant.preset == agency::Preset::Creator) {
        grant.ownCreator = grant.creators.value(0);
        grant.creators.clear();
    }
    return grant;
}

} // namespace

void TeamPage::invite()
{
    const agency::MemberGrant grant = grantFrom(m_role, m_creators);
    if (grant.preset == agency::Preset::Creator && grant.ownCreator == 0) {
        m_status->showMessage(tr("Tick the creator this login is."), MessageLabel::Kind::Error);
        return;
    }
    onFinished(m_team.invite(grant), this, [this](const Result<NewInvitation> &invitation) {
        if (!invitation.ok()) {
            m_status->showMessage(invitation.error().message, MessageLabel::Kind::Error);
            return;
        }
        m_code->setText(invitation.value().code);
        m_code->show();
        m_copy->show();
        m_status->showMessage(tr("Give this code to the person you invite; it works once, until %1. They enter it when they create "
                                 "their account or sign in.")
                                  .arg(QLocale().toString(invitation.value().expiresAt.toLocalTime(), QLocale::ShortFormat)),
                              MessageLabel::Kind::Note);
        Q_EMIT invitationShown(invitation.value().code);
    });
}

void TeamPage::applyToSelected()
{
    const qint64 userId = selectedMember();
    if (userId == 0)
        return;
    onFinished(m_team.changeMember(userId, grantFrom(m_role, m_creators)), this, [this](const Result<void> &changed) {
        m_status->showMessage(changed.ok() ? tr("Role and creators changed.") : changed.error().message,
                              changed.ok() ? MessageLabel::Kind::Note : MessageLabel::Kind::Error);
    });
}

void TeamPage::makeRole()
{
    QStringList ids;
    for (int row = 0; row < m_permissions->count(); ++row) {
        if (m_permissions->item(row)->checkState() == Qt::Checked)
            ids.append(m_permissions->item(row)->data(Qt::UserRole).toString());
    }
    if (ids.isEmpty()) {
        m_roleStatus->showMessage(tr("Tick at least one thing the role allows."), MessageLabel::Kind::Error);
        return;
    }
    const agency::DataScope scope
        = agency::scopeFromId(m_roleScope->currentData().toString()).value_or(agency::DataScope::AssignedCreators);
    const Result<agency::Role> role = agency::Role::custom(m_roleName->text(), ids, scope);
    if (!role.ok()) {
        m_roleStatus->showMessage(role.error().message, MessageLabel::Kind::Error);
        return;
    }
    m_makeRole->setEnabled(false);
    onFinished(m_team.createRole(role.value()), this, [this, name = role.value().name()](const Result<qint64> &made) {
        m_makeRole->setEnabled(true);
        if (!made.ok()) {
            m_roleStatus->showMessage(made.error().message, MessageLabel::Kind::Error);
            return;
        }
        m_madeRole = QStringLiteral("custom:%1").arg(made.value());
        selectMadeRole(); // the list read again may have come first
        m_roleName->clear();
        for (int row = 0; row < m_permissions->count(); ++row)
            m_permissions->item(row)->setCheckState(Qt::Unchecked);
        m_roleStatus->showMessage(
            tr("The role %1 is ready: it is chosen above, to invite someone with it or give it to a member.").arg(name),
            MessageLabel::Kind::Note);
    });
}

void TeamPage::selectMadeRole()
{
    // A role just made is the one the manager means to give next: chosen as
    // soon as both the answer and the list read again are in, whichever is last.
    if (m_madeRole.isEmpty())
        return;
    if (const int made = m_role->findData(m_madeRole); made >= 0) {
        m_role->setCurrentIndex(made);
        m_madeRole.clear();
    }
}

void TeamPage::deleteAgency(const QString &typedName)
{
    m_deleteAgency->setEnabled(false);
    onFinished(m_team.deleteAgency(typedName), this, [this](const Result<void> &deleted) {
        m_deleteAgency->setEnabled(true);
        if (!deleted.ok()) {
            m_dangerStatus->showMessage(deleted.error().message, MessageLabel::Kind::Error);
            return;
        }
        Q_EMIT agencyDeleted();
    });
}

void TeamPage::removeSelected()
{
    const qint64 userId = selectedMember();
    if (userId == 0)
        return;
    onFinished(m_team.removeMember(userId), this, [this](const Result<void> &removed) {
        m_status->showMessage(removed.ok() ? tr("The member was removed; their sessions have ended.") : removed.error().message,
                              removed.ok() ? MessageLabel::Kind::Note : MessageLabel::Kind::Error);
    });
}

} // namespace huntaze::ui
