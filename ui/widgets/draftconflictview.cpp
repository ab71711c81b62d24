#include "draftconflictview.h"

#include "analytics/fananalytics.h"
#include "domain/profile.h"
#include "models/drafttablemodel.h"
#include "widgets/earningsdashboard.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

// The editor's order, so the rows read like the form beside them.
const QStringList editorOrder{QStringLiteral("title"),    QStringLiteral("status"),   QStringLiteral("body"),
                              QStringLiteral("hashtags"), QStringLiteral("platform"), QStringLiteral("plannedAt"),
                              QStringLiteral("media"),    QStringLiteral("audience"), QStringLiteral("notes")};

// Long captions stay readable beside each other.
constexpr qsizetype longestShown = 600;

QLabel *valueLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text.size() > longestShown ? text.left(longestShown) + u'…' : text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

} // namespace

DraftConflictView::DraftConflictView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("draftConflict"));
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    m_intro = new QLabel(tr("Another version of this draft was saved elsewhere at the same time. Take what you want from it, "
                            "then keep the version in the editor."),
                         this);
    m_intro->setProperty("role", QStringLiteral("error"));
    m_intro->setWordWrap(true);
    column->addWidget(m_intro);
    m_grid = new QGridLayout;
    m_grid->setColumnStretch(1, 1);
    m_grid->setColumnStretch(2, 1);
    column->addLayout(m_grid);

    auto *buttons = new QHBoxLayout;
    auto *useOther = new QPushButton(tr("Use the other version"), this);
    useOther->setToolTip(tr("Replaces the editor's draft with the other version, whole."));
    auto *keepThis = new QPushButton(tr("Keep this version"), this);
    keepThis->setToolTip(tr("Keeps the draft as it is in the editor: take fields or edit it first to merge the two by hand."));
    connect(useOther, &QPushButton::clicked, this, &DraftConflictView::useOther);
    connect(keepThis, &QPushButton::clicked, this, &DraftConflictView::keepThis);
    buttons->addWidget(useOther);
    buttons->addWidget(keepThis);
    buttons->addStretch(1);
    column->addLayout(buttons);
}

QString DraftConflictView::fieldName(const QString &field, Draft::Kind kind)
{
    if (field == u"title")
        return tr("Title");
    if (field == u"status")
        return tr("Status");
    if (field == u"body")
        return kind == Draft::Kind::Post ? tr("Caption") : tr("Message template");
    if (field == u"hashtags")
        return tr("Hashtags");
    if (field == u"platform")
        return tr("Platform");
    if (field == u"plannedAt")
        return tr("Planned");
    if (field == u"media")
        return tr("Files");
    if (field == u"audience")
        return tr("Audience");
    if (field == u"notes")
        return tr("Notes");
    return field;
}

QString DraftConflictView::valueText(const QString &field, const Draft &draft)
{
    const auto orNone = [](const QString &text) { return text.trimmed().isEmpty() ? tr("(empty)") : text; };
    if (field == u"title")
        return orNone(draft.title);
    if (field == u"status")
        return DraftTableModel::statusName(draft.status);
    if (field == u"body")
        return orNone(draft.body);
    if (field == u"hashtags")
        return orNone(draft.hashtagLine());
    if (field == u"platform")
        return draft.platform.isEmpty() ? tr("Any platform") : platforms::displayName(draft.platform);
    if (field == u"plannedAt")
        return draft.plannedAt.isValid() ? QLocale().toString(draft.plannedAt.toLocalTime(), QLocale::ShortFormat) : tr("Not planned");
    if (field == u"media")
        return draft.media.isEmpty() ? tr("No files") : draft.media.join(u'\n');
    if (field == u"audience") {
        for (const analytics::SpendSegment segment : analytics::allSegments()) {
            if (analytics::segmentId(segment) == draft.audience)
                return spendSegmentName(segment);
        }
        return tr("Every fan");
    }
    if (field == u"notes")
        return orNone(draft.notes);
    return {};
}

void DraftConflictView::clearRows()
{
    // Later, not now: a row's "Take" may be the button whose click is being handled.
    for (QWidget *widget : std::as_const(m_rowWidgets)) {
        m_grid->removeWidget(widget);
        widget->hide();
        widget->deleteLater();
    }
    m_rowWidgets.clear();
    m_shown.clear();
}

void DraftConflictView::showConflict(const DraftConflict &conflict, const Draft &current)
{
    clearRows();
    const Draft other = current.withEditableFields(conflict.fields);
    const QJsonObject mine = current.editableFields();
    const QJsonObject theirs = other.editableFields();
    const auto add = [this](QWidget *widget, int row, int column) {
        m_grid->addWidget(widget, row, column, Qt::AlignTop);
        widget->show(); // at once, not when the layout gets round to it
        m_rowWidgets.append(widget);
    };
    auto *thisHeader = new QLabel(tr("This version"), this);
    auto *otherHeader = new QLabel(tr("The other version"), this);
    for (QLabel *header : {thisHeader, otherHeader})
        header->setProperty("role", QStringLiteral("muted"));
    add(thisHeader, 0, 1);
    add(otherHeader, 0, 2);
    int row = 1;
    for (const QString &field : editorOrder) {
        if (!conflict.fields.contains(field) || !theirs.contains(field) || mine.value(field) == theirs.value(field))
            continue;
        const QString name = fieldName(field, current.kind);
        auto *label = new QLabel(name, this);
        if (conflict.conflicting.contains(field)) {
            // Changed on both sides: the ones that need a choice.
            QFont font = label->font();
            font.setBold(true);
            label->setFont(font);
        }
        auto *take = new QPushButton(tr("Take"), this);
        take->setAccessibleName(tr("Take the other version's %1").arg(name.toLower()));
        connect(take, &QPushButton::clicked, this, [this, field, value = theirs.value(field)] { Q_EMIT taken({{field, value}}); });
        add(label, row, 0);
        add(valueLabel(valueText(field, current), this), row, 1);
        add(valueLabel(valueText(field, other), this), row, 2);
        add(take, row, 3);
        m_shown.append(field);
        ++row;
    }
    if (m_shown.isEmpty()) {
        auto *same = new QLabel(tr("The editor now holds the same as the other version."), this);
        same->setProperty("role", QStringLiteral("muted"));
        same->setWordWrap(true);
        m_grid->addWidget(same, 1, 0, 1, 4);
        same->show();
        m_rowWidgets.append(same);
    }
}

} // namespace huntaze::ui
