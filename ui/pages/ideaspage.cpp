#include "ideaspage.h"

#include "ai/aitools.h"
#include "common/async.h"
#include "state/creatordatastore.h"
#include "state/userstore.h"
#include "style/icons.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace huntaze::ui {

IdeasPage::IdeasPage(AiTools &tools, UserStore &users, CreatorDataStore &data, QWidget *parent)
    : Page(parent), m_tools(tools), m_users(users), m_data(data)
{
    m_generate = new QAction(tr("Generate ideas"), this);
    m_generate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_generate->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_generate);
    connect(m_generate, &QAction::triggered, this, &IdeasPage::generate);
    m_stop = new QAction(tr("Stop"), this);
    m_stop->setEnabled(false);
    connect(m_stop, &QAction::triggered, this, &IdeasPage::stop);

    auto *options = new Card(tr("What do you need?"));
    auto *form = new QFormLayout;
    m_platform = new QComboBox(options);
    m_platform->setAccessibleName(tr("Platform"));
    form->addRow(tr("&Platform"), m_platform);
    m_count = new QSpinBox(options);
    m_count->setRange(1, 10);
    m_count->setValue(5);
    m_count->setAccessibleName(tr("Number of ideas"));
    form->addRow(tr("&How many"), m_count);
    m_theme = new QLineEdit(options);
    m_theme->setPlaceholderText(tr("Optional: a theme, e.g. beach day, Halloween"));
    m_theme->setAccessibleName(tr("Theme"));
    connect(m_theme, &QLineEdit::returnPressed, m_generate, &QAction::trigger);
    form->addRow(tr("&Theme"), m_theme);
    m_tone = new QComboBox(options);
    m_tone->setEditable(true);
    m_tone->setAccessibleName(tr("Tone"));
    // Shown translated; the generators read the English key kept as item data.
    m_tone->addItem(QString());
    for (const auto &[key, label] :
         {std::pair{"playful", tr("Playful")}, std::pair{"flirty", tr("Flirty")}, std::pair{"friendly", tr("Friendly")},
          std::pair{"confident", tr("Confident")}, std::pair{"mysterious", tr("Mysterious")}})
        m_tone->addItem(label, QString::fromLatin1(key));
    m_tone->lineEdit()->setPlaceholderText(tr("Your profile's tone"));
    form->addRow(tr("T&one"), m_tone);
    options->body()->addLayout(form);
    m_source = makeNote(QString(), options);
    m_source->setObjectName(QStringLiteral("ideaSource"));
    options->body()->addWidget(m_source);
    contentLayout()->addWidget(options);

    m_status = new MessageLabel(this);
    m_status->setObjectName(QStringLiteral("ideasStatus"));
    contentLayout()->addWidget(m_status);
    m_results = new QVBoxLayout;
    m_results->setSpacing(16);
    contentLayout()->addLayout(m_results);
    contentLayout()->addStretch(1);

    connect(&m_users, &UserStore::userChanged, this, &IdeasPage::refreshPlatforms);
    connect(&m_tools, &AiTools::providerChanged, this, &IdeasPage::activate);
    refreshPlatforms();
}

QString IdeasPage::title() const
{
    return tr("Content ideas");
}

void IdeasPage::activate()
{
    m_source->setText(m_tools.provider().isOffline()
                          ? tr("Offline suggestions: generated on this computer from your profile and your fans' purchases. "
                               "Connect an AI provider in Settings for more varied ideas.")
                          : tr("Ideas from %1.").arg(m_tools.provider().displayName()));
}

void IdeasPage::refreshPlatforms()
{
    const QString current = m_platform->currentData().toString();
    m_platform->clear();
    QStringList ids = m_users.user() ? m_users.user()->profile.platforms : QStringList();
    for (const QString &id : platforms::all()) {
        if (!ids.contains(id))
            ids.append(id);
    }
    for (const QString &id : ids)
        m_platform->addItem(platforms::displayName(id), id);
    const int index = m_platform->findData(current);
    m_platform->setCurrentIndex(index >= 0 ? index : 0);
}

void IdeasPage::generate()
{
    if (m_generating || !m_users.user())
        return;
    IdeaRequest request;
    request.profile = m_users.user()->profile;
    request.platform = m_platform->currentData().toString();
    request.count = m_count->value();
    request.theme = m_theme->text().trimmed();
    const bool suggestedTone = m_tone->currentIndex() > 0 && m_tone->currentText() == m_tone->itemText(m_tone->currentIndex());
    request.tone = suggestedTone ? m_tone->currentData().toString() : m_tone->currentText().trimmed();
    request.popularPurchases = AiTools::popularPurchases(m_data.fans());

    m_generating = true;
    m_generate->setEnabled(false);
    m_generate->setText(tr("Generating…"));
    m_stop->setEnabled(true);
    m_status->showMessage(tr("Generating ideas…"), MessageLabel::Kind::Note);
    m_request = m_tools.contentIdeas(request);
    onFinished(m_request, this, [this](const Result<QList<ContentIdea>> &ideas) {
        m_generating = false;
        m_stop->setEnabled(false);
        m_generate->setEnabled(true);
        m_generate->setText(tr("Generate ideas"));
        if (!ideas.ok()) {
            m_status->showMessage(ideas.error().message, MessageLabel::Kind::Error);
            return;
        }
        m_status->clearMessage();
        showIdeas(ideas.value());
    });
}

void IdeasPage::stop()
{
    if (!m_generating)
        return;
    m_request.cancel();
    m_generating = false;
    m_stop->setEnabled(false);
    m_generate->setEnabled(true);
    m_generate->setText(tr("Generate ideas"));
    m_status->showMessage(tr("Stopped. Nothing was generated."), MessageLabel::Kind::Note);
}

void IdeasPage::showIdeas(const QList<ContentIdea> &ideas)
{
    m_ideas = ideas;
    while (QLayoutItem *item = m_results->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const ContentIdea &idea : ideas)
        m_results->addWidget(ideaCard(idea));
    Q_EMIT ideasShown();
}

QWidget *IdeasPage::ideaCard(const ContentIdea &idea)
{
    auto *card = new Card(idea.title);
    card->setProperty("idea", true);
    auto *format = new QLabel(tr("Format: %1").arg(idea.format), card);
    format->setProperty("role", QStringLiteral("muted"));
    auto *description = new QLabel(idea.description, card);
    description->setWordWrap(true);
    auto *caption = new QLabel(idea.caption, card);
    caption->setObjectName(QStringLiteral("caption"));
    caption->setWordWrap(true);
    caption->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    caption->setStyleSheet(QStringLiteral("font-style: italic;"));
    QStringList tags;
    for (const QString &tag : idea.hashtags)
        tags.append(u'#' + tag);
    auto *hashtags = new QLabel(tags.join(u' '), card);
    hashtags->setObjectName(QStringLiteral("hashtags"));
    hashtags->setProperty("role", QStringLiteral("muted"));
    hashtags->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    auto *copy = new QPushButton(tr("Copy caption"), card);
    copy->setObjectName(QStringLiteral("copyCaption"));
    const QString fullCaption = tags.isEmpty() ? idea.caption : idea.caption + QStringLiteral("\n\n") + tags.join(u' ');
    connect(copy, &QPushButton::clicked, this, [this, fullCaption] {
        QApplication::clipboard()->setText(fullCaption);
        m_status->showMessage(tr("Caption and hashtags copied."), MessageLabel::Kind::Note);
    });
    auto *keep = new QPushButton(themedIcon(QStringLiteral("save")), tr("Save as draft"), card);
    keep->setObjectName(QStringLiteral("saveIdea"));
    connect(keep, &QPushButton::clicked, this, [this, idea] {
        Draft draft;
        draft.kind = Draft::Kind::Post;
        draft.title = idea.title;
        draft.body = idea.caption;
        draft.hashtags = idea.hashtags;
        draft.platform = idea.platform;
        draft.notes = idea.format.isEmpty() ? idea.description : idea.format + QStringLiteral(": ") + idea.description;
        onFinished(m_data.saveDraft(draft), this, [this](const Result<Draft> &saved) {
            m_status->showMessage(saved.ok() ? tr("Idea saved as a draft.") : saved.error().message,
                                  saved.ok() ? MessageLabel::Kind::Note : MessageLabel::Kind::Error);
        });
    });
    buttons->addWidget(copy);
    buttons->addWidget(keep);
    buttons->addStretch(1);

    card->body()->addWidget(format);
    card->body()->addWidget(description);
    card->body()->addWidget(caption);
    card->body()->addWidget(hashtags);
    card->body()->addLayout(buttons);
    return card;
}

} // namespace huntaze::ui
