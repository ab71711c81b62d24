#include "captionspage.h"

#include "common/async.h"
#include "domain/rules.h"
#include "state/creatordatastore.h"
#include "state/userstore.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace huntaze::ui {

CaptionsPage::CaptionsPage(AiTools &tools, UserStore &users, CreatorDataStore &data, QWidget *parent)
    : Page(parent), m_tools(tools), m_users(users), m_data(data)
{
    m_write = new QAction(tr("Write captions"), this);
    connect(m_write, &QAction::triggered, this, &CaptionsPage::write);
    m_copy = new QAction(tr("Copy caption and hashtags"), this);
    m_copy->setEnabled(false);
    connect(m_copy, &QAction::triggered, this, &CaptionsPage::copy);
    m_keep = new QAction(tr("Save as draft"), this);
    m_keep->setEnabled(false);
    connect(m_keep, &QAction::triggered, this, &CaptionsPage::keep);
    m_stop = new QAction(tr("Stop"), this);
    m_stop->setEnabled(false);
    connect(m_stop, &QAction::triggered, this, &CaptionsPage::stop);

    auto *input = new Card(tr("Your post"));
    m_text = new QPlainTextEdit(input);
    m_text->setAccessibleName(tr("Post idea or draft caption"));
    m_text->setPlaceholderText(tr("Describe the post or paste a draft caption, e.g. sunrise workout on the beach"));
    m_text->setTabChangesFocus(true);
    m_text->setFixedHeight(80);
    input->body()->addWidget(m_text);
    auto *form = new QFormLayout;
    m_platform = new QComboBox(input);
    m_platform->setAccessibleName(tr("Platform"));
    for (const QString &id : platforms::all())
        m_platform->addItem(platforms::displayName(id), id);
    m_platform->setCurrentIndex(m_platform->findData(QStringLiteral("instagram")));
    form->addRow(tr("&Platform"), m_platform);
    m_count = new QSpinBox(input);
    m_count->setRange(1, 8);
    m_count->setValue(3);
    m_count->setAccessibleName(tr("Number of captions"));
    form->addRow(tr("&Variants"), m_count);
    input->body()->addLayout(form);
    contentLayout()->addWidget(input);

    m_status = new MessageLabel(this);
    m_status->setObjectName(QStringLiteral("captionsStatus"));
    contentLayout()->addWidget(m_status);

    auto *results = new Card(tr("Suggestions"));
    auto *columns = new QHBoxLayout;
    m_captions = new QListWidget(results);
    m_captions->setAccessibleName(tr("Caption variants"));
    m_captions->setWordWrap(true);
    m_captions->setSpacing(4);
    m_hashtags = new QListWidget(results);
    m_hashtags->setAccessibleName(tr("Hashtags, best first"));
    m_hashtags->setMaximumWidth(440);
    m_hashtags->setWordWrap(true);
    columns->addWidget(m_captions, 1);
    columns->addWidget(m_hashtags);
    results->body()->addLayout(columns);
    m_ranking = makeNote(QString(), results);
    m_ranking->setObjectName(QStringLiteral("hashtagRanking"));
    results->body()->addWidget(m_ranking);
    contentLayout()->addWidget(results, 1);

    connect(m_captions, &QListWidget::currentRowChanged, this, [this](int row) {
        m_copy->setEnabled(row >= 0);
        m_keep->setEnabled(row >= 0);
    });
    connect(m_captions, &QListWidget::itemActivated, this, &CaptionsPage::copy);
}

QString CaptionsPage::title() const
{
    return tr("Captions & hashtags");
}

void CaptionsPage::write()
{
    if (m_writing || !m_users.user())
        return;
    if (m_text->toPlainText().trimmed().isEmpty()) {
        m_status->showMessage(tr("Describe the post first."), MessageLabel::Kind::Warning);
        m_text->setFocus();
        return;
    }
    CaptionRequest request;
    request.text = m_text->toPlainText().trimmed();
    request.profile = m_users.user()->profile;
    request.platform = m_platform->currentData().toString();
    request.count = m_count->value();
    m_writing = true;
    m_write->setEnabled(false);
    m_stop->setEnabled(true);
    m_status->showMessage(tr("Writing captions…"), MessageLabel::Kind::Note);
    m_request = m_tools.captions(request, m_data.posts());
    onFinished(m_request, this, [this](const Result<AiTools::Captions> &written) {
        m_writing = false;
        m_stop->setEnabled(false);
        m_write->setEnabled(true);
        if (!written.ok()) {
            m_status->showMessage(written.error().message, MessageLabel::Kind::Error);
            return;
        }
        m_status->clearMessage();
        show(written.value());
    });
}

void CaptionsPage::show(const AiTools::Captions &result)
{
    m_result = result;
    m_captions->clear();
    m_captions->addItems(result.captions);
    m_captions->setCurrentRow(0);
    m_hashtags->clear();
    const QLocale locale;
    bool anyHistory = false;
    for (const RankedHashtag &tag : result.hashtags) {
        const QString detail = tag.fromHistory
            ? tr("avg %1 engagements on %n of your posts", nullptr, tag.uses).arg(locale.toString(tag.averageEngagement, 'f', 0))
            : tr("fits your post and niche");
        auto *item = new QListWidgetItem(QStringLiteral("#%1 — %2").arg(tag.tag, detail), m_hashtags);
        item->setData(Qt::UserRole, tag.tag);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        anyHistory = anyHistory || tag.fromHistory;
    }
    m_ranking->setText(anyHistory ? tr("Hashtags are ranked by the engagement they brought your own past posts.")
                                  : tr("No past posts yet: hashtags are ranked by fit. Import your posts on Fans & offers to rank them by "
                                       "what works for you."));
    if (m_tools.provider().isOffline())
        m_status->showMessage(tr("Offline suggestions, written on this computer."), MessageLabel::Kind::Note);
    Q_EMIT captionsShown();
}

void CaptionsPage::stop()
{
    if (!m_writing)
        return;
    m_request.cancel();
    m_writing = false;
    m_stop->setEnabled(false);
    m_write->setEnabled(true);
    m_status->showMessage(tr("Stopped. Nothing was written."), MessageLabel::Kind::Note);
}

QString CaptionsPage::composedPost() const
{
    const QListWidgetItem *caption = m_captions->currentItem();
    if (!caption)
        return {};
    QStringList tags;
    for (int row = 0; row < m_hashtags->count(); ++row) {
        if (m_hashtags->item(row)->checkState() == Qt::Checked)
            tags.append(u'#' + m_hashtags->item(row)->data(Qt::UserRole).toString());
    }
    return tags.isEmpty() ? caption->text() : caption->text() + QStringLiteral("\n\n") + tags.join(u' ');
}

void CaptionsPage::keep()
{
    const QListWidgetItem *caption = m_captions->currentItem();
    if (!caption)
        return;
    Draft draft;
    draft.kind = Draft::Kind::Post;
    draft.title = m_text->toPlainText().trimmed().section(u'\n', 0, 0).left(rules::maxDraftTitleLength);
    draft.body = caption->text();
    for (int row = 0; row < m_hashtags->count(); ++row) {
        if (m_hashtags->item(row)->checkState() == Qt::Checked)
            draft.hashtags.append(m_hashtags->item(row)->data(Qt::UserRole).toString());
    }
    draft.platform = m_platform->currentData().toString();
    onFinished(m_data.saveDraft(draft), this, [this](const Result<Draft> &saved) {
        if (saved.ok())
            m_status->showMessage(tr("Kept in Drafts."), MessageLabel::Kind::Note);
        else
            m_status->showMessage(saved.error().message, MessageLabel::Kind::Error);
    });
}

void CaptionsPage::copy()
{
    const QString post = composedPost();
    if (post.isEmpty())
        return;
    QApplication::clipboard()->setText(post);
    m_status->showMessage(tr("Copied. Paste it into the platform."), MessageLabel::Kind::Note);
}

} // namespace huntaze::ui
