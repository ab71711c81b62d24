#include "profilepage.h"

#include "common/async.h"
#include "state/userstore.h"
#include "style/icons.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QGridLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimeZone>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

QComboBox *editableCombo(const QStringList &suggestions, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItems(suggestions);
    combo->setCurrentIndex(-1);
    combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    combo->completer()->setFilterMode(Qt::MatchContains);
    combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    return combo;
}

QStringList timeZoneIds()
{
    QStringList ids;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        // Region/City names only: the UTC±hh aliases and legacy names just add noise.
        if (id.contains('/') && !id.startsWith("Etc/"))
            ids.append(QString::fromUtf8(id));
    }
    return ids;
}

} // namespace

ProfilePage::ProfilePage(UserStore &users, QWidget *parent) : Page(parent), m_users(users)
{
    m_save = new QAction(themedIcon(QStringLiteral("save")), tr("Save changes"), this);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_save);
    connect(m_save, &QAction::triggered, this, &ProfilePage::save);
    m_discard = new QAction(themedIcon(QStringLiteral("undo")), tr("Discard changes"), this);
    connect(m_discard, &QAction::triggered, this, &ProfilePage::loadFromStore);

    auto *about = new Card(tr("About you"));
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setVerticalSpacing(12);
    m_displayName = new QLineEdit(about);
    m_displayName->setObjectName(QStringLiteral("displayName"));
    m_displayName->setMaxLength(Profile::maxDisplayNameLength);
    m_displayName->setAccessibleName(tr("Display name"));
    form->addRow(tr("&Display name"), m_displayName);

    m_niche = editableCombo({tr("Art"), tr("Beauty"), tr("Comedy"), tr("Cooking"), tr("Cosplay"), tr("Fashion"), tr("Fitness"),
                             tr("Gaming"), tr("Lifestyle"), tr("Music"), tr("Travel")},
                            about);
    m_niche->setObjectName(QStringLiteral("niche"));
    m_niche->setAccessibleName(tr("Creator niche"));
    m_niche->lineEdit()->setPlaceholderText(tr("What your content is about"));
    m_niche->lineEdit()->setMaxLength(Profile::maxNicheLength);
    form->addRow(tr("&Niche"), m_niche);

    m_audience = new QPlainTextEdit(about);
    m_audience->setObjectName(QStringLiteral("audience"));
    m_audience->setAccessibleName(tr("Audience description"));
    m_audience->setPlaceholderText(tr("Who follows you, what they enjoy, when they are online"));
    m_audience->setTabChangesFocus(true);
    m_audience->setFixedHeight(96);
    form->addRow(tr("&Audience"), m_audience);

    m_tone = editableCombo(
        {tr("Confident"), tr("Flirty"), tr("Friendly"), tr("Mysterious"), tr("Playful"), tr("Professional"), tr("Sweet")}, about);
    m_tone->setObjectName(QStringLiteral("tone"));
    m_tone->setAccessibleName(tr("Tone of voice"));
    m_tone->lineEdit()->setMaxLength(Profile::maxToneLength);
    form->addRow(tr("&Tone of voice"), m_tone);

    m_timeZone = editableCombo(timeZoneIds(), about);
    m_timeZone->setObjectName(QStringLiteral("timeZone"));
    m_timeZone->setAccessibleName(tr("Time zone"));
    m_timeZone->lineEdit()->setPlaceholderText(tr("e.g. Europe/Paris"));
    form->addRow(tr("Time &zone"), m_timeZone);
    about->body()->addLayout(form);
    contentLayout()->addWidget(about);

    auto *where = new Card(tr("Where you publish"));
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    const QStringList ids = platforms::all();
    for (int i = 0; i < ids.size(); ++i) {
        auto *box = new QCheckBox(platforms::displayName(ids.at(i)), where);
        box->setObjectName(QStringLiteral("platform-") + ids.at(i));
        m_platforms.insert(ids.at(i), box);
        grid->addWidget(box, i / 3, i % 3);
        connect(box, &QCheckBox::toggled, this, &ProfilePage::updateActions);
    }
    where->body()->addLayout(grid);
    contentLayout()->addWidget(where);

    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("profileMessage"));
    contentLayout()->addWidget(m_message);
    contentLayout()->addStretch(1);

    connect(m_displayName, &QLineEdit::textChanged, this, &ProfilePage::updateActions);
    connect(m_audience, &QPlainTextEdit::textChanged, this, &ProfilePage::updateActions);
    for (QComboBox *combo : {m_niche, m_tone, m_timeZone})
        connect(combo, &QComboBox::currentTextChanged, this, &ProfilePage::updateActions);
    connect(&m_users, &UserStore::userChanged, this, [this] {
        const qint64 userId = m_users.user() ? m_users.user()->id : 0;
        if (!hasUnsavedChanges() || userId != m_loadedUserId)
            loadFromStore();
    });
    loadFromStore();
}

QString ProfilePage::title() const
{
    return tr("Profile");
}

void ProfilePage::activate()
{
    m_displayName->setFocus(Qt::OtherFocusReason);
}

Profile ProfilePage::editedProfile() const
{
    Profile profile;
    profile.displayName = m_displayName->text();
    profile.niche = m_niche->currentText();
    profile.audience = m_audience->toPlainText();
    profile.tone = m_tone->currentText();
    profile.timeZone = m_timeZone->currentText();
    for (auto it = m_platforms.cbegin(); it != m_platforms.cend(); ++it) {
        if (it.value()->isChecked())
            profile.platforms.append(it.key());
    }
    profile.platforms.sort();
    return profile;
}

bool ProfilePage::hasUnsavedChanges() const
{
    return m_loadedUserId != 0 && editedProfile() != m_loaded;
}

void ProfilePage::loadFromStore()
{
    const auto &user = m_users.user();
    const Profile profile = user ? user->profile : Profile();
    m_loaded = profile;
    m_loadedUserId = user ? user->id : 0;
    m_displayName->setText(profile.displayName);
    m_niche->setCurrentText(profile.niche);
    m_audience->setPlainText(profile.audience);
    m_tone->setCurrentText(profile.tone);
    m_timeZone->setCurrentText(profile.timeZone);
    for (auto it = m_platforms.cbegin(); it != m_platforms.cend(); ++it)
        it.value()->setChecked(profile.platforms.contains(it.key()));
    m_message->clearMessage();
    updateActions();
}

void ProfilePage::save()
{
    if (m_saving || !hasUnsavedChanges())
        return;
    m_saving = true;
    m_message->showMessage(tr("Saving…"), MessageLabel::Kind::Note);
    updateActions();
    onFinished(m_users.updateProfile(editedProfile()), this, [this](const Result<User> &saved) {
        m_saving = false;
        if (saved.ok()) {
            loadFromStore();
            m_message->showMessage(tr("Your profile is saved."), MessageLabel::Kind::Note);
        } else {
            m_message->showMessage(saved.error().message, MessageLabel::Kind::Error);
            if (auto *field = findChild<QWidget *>(saved.error().field))
                field->setFocus(Qt::OtherFocusReason);
        }
        updateActions();
    });
}

void ProfilePage::updateActions()
{
    const bool dirty = hasUnsavedChanges();
    m_save->setEnabled(dirty && !m_saving);
    m_discard->setEnabled(dirty && !m_saving);
}

} // namespace huntaze::ui
