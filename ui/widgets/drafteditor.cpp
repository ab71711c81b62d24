#include "drafteditor.h"

#include "ai/messagetemplate.h"
#include "analytics/fananalytics.h"
#include "domain/profile.h"
#include "domain/rules.h"
#include "models/drafttablemodel.h"
#include "widgets/earningsdashboard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

QPlainTextEdit *textBox(const QString &accessibleName, int height, QWidget *parent)
{
    auto *box = new QPlainTextEdit(parent);
    box->setAccessibleName(accessibleName);
    box->setTabChangesFocus(true);
    box->setMinimumHeight(height);
    return box;
}

} // namespace

DraftEditor::DraftEditor(QWidget *parent) : QWidget(parent)
{
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_kindLabel = new QLabel(this);
    m_kindLabel->setObjectName(QStringLiteral("draftKind"));
    m_kindLabel->setProperty("role", QStringLiteral("muted"));
    m_form->addRow(m_kindLabel);

    m_title = new QLineEdit(this);
    m_title->setAccessibleName(tr("Draft title"));
    m_title->setMaxLength(rules::maxDraftTitleLength);
    m_title->setPlaceholderText(tr("A name to find it by"));
    m_form->addRow(tr("&Title"), m_title);

    m_status = new QComboBox(this);
    m_status->setAccessibleName(tr("Draft status"));
    for (const Draft::Status status : {Draft::Status::Draft, Draft::Status::Ready, Draft::Status::Done})
        m_status->addItem(DraftTableModel::statusName(status), QVariant::fromValue(static_cast<int>(status)));
    m_form->addRow(tr("&Status"), m_status);

    m_body = textBox(tr("Caption or message"), 140, this);
    m_form->addRow(tr("&Text"), m_body);
    m_templateProblem = new QLabel(this);
    m_templateProblem->setObjectName(QStringLiteral("templateProblem"));
    m_templateProblem->setProperty("role", QStringLiteral("error"));
    m_templateProblem->setWordWrap(true);
    m_form->addRow(QString(), m_templateProblem);

    m_hashtags = new QLineEdit(this);
    m_hashtags->setAccessibleName(tr("Hashtags"));
    m_hashtags->setPlaceholderText(tr("#sunrise #beach"));
    m_form->addRow(tr("&Hashtags"), m_hashtags);

    m_platform = new QComboBox(this);
    m_platform->setAccessibleName(tr("Platform"));
    m_platform->addItem(tr("Any platform"), QString());
    for (const QString &id : platforms::all())
        m_platform->addItem(platforms::displayName(id), id);
    m_form->addRow(tr("&Platform"), m_platform);

    auto *planned = new QWidget(this);
    auto *plannedRow = new QHBoxLayout(planned);
    plannedRow->setContentsMargins(0, 0, 0, 0);
    m_planned = new QCheckBox(tr("Plan for"), planned);
    m_planned->setAccessibleName(tr("Plan a time to post"));
    m_plannedAt = new QDateTimeEdit(planned);
    m_plannedAt->setAccessibleName(tr("Planned time"));
    m_plannedAt->setCalendarPopup(true);
    m_plannedAt->setEnabled(false);
    plannedRow->addWidget(m_planned);
    plannedRow->addWidget(m_plannedAt, 1);
    m_form->addRow(tr("Planned"), planned);

    m_mediaRow = new QWidget(this);
    auto *mediaColumn = new QVBoxLayout(m_mediaRow);
    mediaColumn->setContentsMargins(0, 0, 0, 0);
    m_media = new QListWidget(m_mediaRow);
    m_media->setAccessibleName(tr("Files for the post"));
    m_media->setMaximumHeight(96);
    auto *mediaButtons = new QHBoxLayout;
    m_addMedia = new QPushButton(tr("Add &files…"), m_mediaRow);
    m_removeMedia = new QPushButton(tr("Remove file"), m_mediaRow);
    mediaButtons->addWidget(m_addMedia);
    mediaButtons->addWidget(m_removeMedia);
    mediaButtons->addStretch(1);
    mediaColumn->addWidget(m_media);
    mediaColumn->addLayout(mediaButtons);
    m_form->addRow(tr("Files"), m_mediaRow);

    m_audience = new QComboBox(this);
    m_audience->setAccessibleName(tr("Audience"));
    m_audience->addItem(tr("Every fan"), QString());
    for (const analytics::SpendSegment segment : analytics::allSegments())
        m_audience->addItem(spendSegmentName(segment), analytics::segmentId(segment));
    m_form->addRow(tr("&Audience"), m_audience);

    m_notes = textBox(tr("Notes"), 60, this);
    m_notes->setPlaceholderText(tr("For the team: what to shoot, when to send…"));
    m_form->addRow(tr("&Notes"), m_notes);

    connect(m_title, &QLineEdit::textEdited, this, &DraftEditor::changed);
    connect(m_status, &QComboBox::activated, this, &DraftEditor::changed);
    connect(m_body, &QPlainTextEdit::textChanged, this, &DraftEditor::changed);
    connect(m_hashtags, &QLineEdit::textEdited, this, &DraftEditor::changed);
    connect(m_platform, &QComboBox::activated, this, &DraftEditor::changed);
    connect(m_planned, &QCheckBox::toggled, this, [this](bool on) {
        m_plannedAt->setEnabled(on);
        changed();
    });
    connect(m_plannedAt, &QDateTimeEdit::dateTimeChanged, this, &DraftEditor::changed);
    connect(m_audience, &QComboBox::activated, this, &DraftEditor::changed);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &DraftEditor::changed);
    connect(m_addMedia, &QPushButton::clicked, this, &DraftEditor::chooseMedia);
    connect(m_removeMedia, &QPushButton::clicked, this, &DraftEditor::removeMedia);
    connect(m_media, &QListWidget::currentRowChanged, this, &DraftEditor::updateMediaButtons);

    setDraft({});
}

void DraftEditor::setDraft(const Draft &draft)
{
    m_loading = true;
    m_base = draft;
    m_title->setText(draft.title);
    m_status->setCurrentIndex(m_status->findData(static_cast<int>(draft.status)));
    m_body->setPlainText(draft.body);
    m_hashtags->setText(draft.hashtagLine());
    const int platform = m_platform->findData(draft.platform);
    m_platform->setCurrentIndex(platform < 0 ? 0 : platform);
    m_planned->setChecked(draft.plannedAt.isValid());
    m_plannedAt->setEnabled(draft.plannedAt.isValid());
    // Unplanned: the picker starts at the next full hour.
    const QDateTime now = QDateTime::currentDateTime();
    m_plannedAt->setDateTime(draft.plannedAt.isValid() ? draft.plannedAt.toLocalTime()
                                                       : QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600));
    m_media->clear();
    m_media->addItems(draft.media);
    const int audience = m_audience->findData(draft.audience);
    m_audience->setCurrentIndex(audience < 0 ? 0 : audience);
    m_notes->setPlainText(draft.notes);
    showKind();
    updateMediaButtons();
    m_loading = false;
}

Draft DraftEditor::draft() const
{
    Draft draft = m_base;
    draft.title = m_title->text();
    draft.status = static_cast<Draft::Status>(m_status->currentData().toInt());
    draft.body = m_body->toPlainText();
    draft.notes = m_notes->toPlainText();
    if (draft.kind == Draft::Kind::Post) {
        static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
        draft.hashtags.clear();
        for (QString tag : m_hashtags->text().split(separators, Qt::SkipEmptyParts)) {
            while (tag.startsWith(u'#'))
                tag.remove(0, 1);
            if (!tag.isEmpty() && !draft.hashtags.contains(tag))
                draft.hashtags.append(tag);
        }
        draft.platform = m_platform->currentData().toString();
        draft.plannedAt = m_planned->isChecked() ? m_plannedAt->dateTime().toUTC() : QDateTime();
        draft.media.clear();
        for (int row = 0; row < m_media->count(); ++row)
            draft.media.append(m_media->item(row)->text());
    } else {
        draft.audience = m_audience->currentData().toString();
    }
    return draft;
}

QString DraftEditor::templateProblem() const
{
    return m_templateProblem->text();
}

void DraftEditor::addMedia(const QStringList &files)
{
    for (const QString &file : files) {
        if (m_media->count() >= rules::maxDraftMedia)
            break;
        if (!file.isEmpty() && m_media->findItems(file, Qt::MatchExactly).isEmpty())
            m_media->addItem(file);
    }
    updateMediaButtons();
    changed();
}

void DraftEditor::take(const QJsonObject &fields)
{
    setDraft(draft().withEditableFields(fields));
    changed();
}

void DraftEditor::chooseMedia()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Files for the post"));
    if (!files.isEmpty())
        addMedia(files);
}

void DraftEditor::removeMedia()
{
    delete m_media->takeItem(m_media->currentRow());
    updateMediaButtons();
    changed();
}

void DraftEditor::changed()
{
    checkTemplate();
    if (!m_loading)
        Q_EMIT edited();
}

void DraftEditor::checkTemplate()
{
    // A message's template is checked as it is typed; it is kept either way (a draft may be unfinished).
    QString problem;
    if (m_base.kind == Draft::Kind::Message) {
        const Result<MessageTemplate> parsed = MessageTemplate::parse(m_body->toPlainText());
        if (!parsed.ok())
            problem = parsed.error().message;
    }
    m_templateProblem->setText(problem);
    m_form->setRowVisible(m_templateProblem, !problem.isEmpty());
}

void DraftEditor::showKind()
{
    const bool post = m_base.kind == Draft::Kind::Post;
    m_kindLabel->setText(post ? tr("Post") : tr("Fan message"));
    m_body->setAccessibleName(post ? tr("Caption") : tr("Message template"));
    m_body->setPlaceholderText(post ? tr("The caption as it will be posted") : tr("Hi {{fan.first_name|babe}}, …"));
    m_form->setRowVisible(m_hashtags, post);
    m_form->setRowVisible(m_platform, post);
    m_form->setRowVisible(m_plannedAt->parentWidget(), post);
    m_form->setRowVisible(m_mediaRow, post);
    m_form->setRowVisible(m_audience, !post);
    checkTemplate();
}

void DraftEditor::updateMediaButtons()
{
    m_addMedia->setEnabled(m_media->count() < rules::maxDraftMedia);
    m_removeMedia->setEnabled(m_media->currentRow() >= 0);
}

} // namespace huntaze::ui
