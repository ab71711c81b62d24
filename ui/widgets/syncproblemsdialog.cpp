#include "syncproblemsdialog.h"

#include "common/async.h"
#include "sync/syncengine.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace huntaze::ui {

SyncProblemsDialog::SyncProblemsDialog(sync::SyncEngine &engine, QWidget *parent) : QDialog(parent), m_engine(&engine)
{
    setObjectName(QStringLiteral("syncProblems"));
    setWindowTitle(tr("Sync problems"));
    resize(720, 480);
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto *split = new QSplitter(Qt::Vertical, this);
    m_list = new QTreeWidget(split);
    m_list->setObjectName(QStringLiteral("problemList"));
    m_list->setAccessibleName(tr("Changes the server refused"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("When"), tr("What"), tr("Why")});
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *details = new QWidget(split);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    m_reason = new QLabel(details);
    m_reason->setObjectName(QStringLiteral("problemReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detailsLayout->addWidget(m_reason);
    auto *copyLabel = new QLabel(tr("What this computer had sent:"), details);
    detailsLayout->addWidget(copyLabel);
    m_copy = new QPlainTextEdit(details);
    m_copy->setObjectName(QStringLiteral("problemCopy"));
    m_copy->setAccessibleName(tr("What this computer had sent"));
    m_copy->setReadOnly(true);
    m_copy->setLineWrapMode(QPlainTextEdit::NoWrap);
    copyLabel->setBuddy(m_copy);
    detailsLayout->addWidget(m_copy);
    layout->addWidget(split, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copyButton = buttons->addButton(tr("Copy what was sent"), QDialogButtonBox::ActionRole);
    m_copyButton->setObjectName(QStringLiteral("copyProblem"));
    m_dismissButton = buttons->addButton(tr("Dismiss"), QDialogButtonBox::ActionRole);
    m_dismissButton->setObjectName(QStringLiteral("dismissProblem"));
    m_dismissButton->setToolTip(tr("The problem leaves this list, with this computer's copy of the change."));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copyButton, &QPushButton::clicked, this, &SyncProblemsDialog::copySelected);
    connect(m_dismissButton, &QPushButton::clicked, this, &SyncProblemsDialog::dismissSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &SyncProblemsDialog::selectionChanged);
    layout->addWidget(buttons);
    selectionChanged();
    load();
}

QString SyncProblemsDialog::describe(const sync::SyncProblem &problem)
{
    const int rows = static_cast<int>(problem.localCopy.value(QStringLiteral("rows")).toArray().size());
    if (problem.entity == QLatin1String("fans"))
        return tr("%n fan(s) imported", nullptr, rows);
    if (problem.entity == QLatin1String("offers"))
        return tr("%n offer(s) imported", nullptr, rows);
    if (problem.entity == QLatin1String("posts"))
        return tr("%n post(s) imported", nullptr, rows);
    if (problem.entity == QLatin1String("preference"))
        return tr("Preference “%1”").arg(problem.entityId);
    if (problem.entity == QLatin1String("draft_conflict"))
        return tr("A conflict resolved");
    const QString title = problem.localCopy.value(QStringLiteral("title")).toString().simplified();
    return title.isEmpty() ? tr("A draft") : tr("Draft “%1”").arg(title);
}

QString SyncProblemsDialog::localCopyText(const sync::SyncProblem &problem)
{
    return QString::fromUtf8(QJsonDocument(problem.localCopy).toJson(QJsonDocument::Indented));
}

void SyncProblemsDialog::load()
{
    if (!m_engine)
        return;
    onFinished(m_engine->problems(), this, [this](const Result<QList<sync::SyncProblem>> &listed) {
        if (!listed.ok()) {
            m_summary->setText(tr("The sync problems could not be read: %1").arg(listed.error().message));
            return;
        }
        fill(listed.value());
    });
}

void SyncProblemsDialog::fill(const QList<sync::SyncProblem> &problems)
{
    m_problems = problems;
    m_list->clear();
    const QLocale locale;
    for (const sync::SyncProblem &problem : problems) {
        auto *item = new QTreeWidgetItem(
            m_list, {locale.toString(problem.at.toLocalTime(), QLocale::ShortFormat), describe(problem), problem.reason.simplified()});
        item->setToolTip(2, problem.reason);
    }
    m_summary->setText(problems.isEmpty() ? tr("The server took every change made on this computer.")
                                          : tr("The server refused these changes for good; the rest of your changes went on. "
                                               "This computer keeps what it had sent until you dismiss the problem."));
    m_list->resizeColumnToContents(0);
    m_list->resizeColumnToContents(1);
    if (!problems.isEmpty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
    selectionChanged();
    Q_EMIT loaded();
}

const sync::SyncProblem *SyncProblemsDialog::selected() const
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    return row >= 0 && row < m_problems.size() ? &m_problems.at(row) : nullptr;
}

void SyncProblemsDialog::selectionChanged()
{
    const sync::SyncProblem *problem = selected();
    m_reason->setText(problem ? problem->reason : QString());
    m_copy->setPlainText(problem ? localCopyText(*problem) : QString());
    m_copyButton->setEnabled(problem != nullptr);
    m_dismissButton->setEnabled(problem != nullptr);
}

void SyncProblemsDialog::copySelected()
{
    if (const sync::SyncProblem *problem = selected())
        QApplication::clipboard()->setText(localCopyText(*problem));
}

void SyncProblemsDialog::dismissSelected()
{
    const sync::SyncProblem *problem = selected();
    if (!problem || !m_engine)
        return;
    m_dismissButton->setEnabled(false);
    onFinished(m_engine->dismissProblems(problem->mutationIds), this, [this](const Result<void> &dismissed) {
        if (!dismissed.ok()) {
            m_summary->setText(tr("The problem could not be dismissed: %1").arg(dismissed.error().message));
            selectionChanged();
            return;
        }
        load();
    });
}

} // namespace huntaze::ui
