#include "sidebar.h"
#include "widgets/card.h"

#include "style/icons.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSignalBlocker>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

// Draws the current page's icon in the selection's text colour. Styles pick
// the icon mode from focus and window activation, which left a dark icon on
// the accent background whenever the list did not have focus.
class SidebarItemDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (option->state & QStyle::State_Selected) {
            const qreal ratio = option->widget ? option->widget->devicePixelRatioF() : 1.0;
            const QPixmap selected = option->icon.pixmap(option->decorationSize, ratio, QIcon::Selected);
            option->icon = QIcon(selected);
        }
    }
};

} // namespace

Sidebar::Sidebar(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("sidebar"));
    setFixedWidth(preferredWidth);
    setAutoFillBackground(true);

    auto *brand = new QLabel(tr("Huntaze"), this);
    brand->setObjectName(QStringLiteral("brand"));
    brand->setContentsMargins(20, 16, 20, 8);

    m_creators = new QComboBox(this);
    m_creators->setObjectName(QStringLiteral("creatorSwitcher"));
    m_creators->setAccessibleName(tr("Creator"));
    m_creators->setToolTip(tr("The creator every page works on"));
    m_creators->hide();
    connect(m_creators, &QComboBox::activated, this,
            [this](int index) { Q_EMIT creatorRequested(m_creators->itemData(index).toLongLong()); });

    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Pages"));
    m_list->setIconSize(QSize(20, 20));
    m_list->setItemDelegate(new SidebarItemDelegate(m_list));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        if (current)
            Q_EMIT pageRequested(current->data(Qt::UserRole).toString());
    });

    m_footer = new QWidget(this);
    m_signedInAs = makeNote(QString(), m_footer);
    auto *signOut = new QToolButton(m_footer);
    signOut->setText(tr("Sign out"));
    signOut->setIcon(themedIcon(QStringLiteral("sign-out")));
    signOut->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    signOut->setAutoRaise(true);
    signOut->setAccessibleName(tr("Sign out"));
    connect(signOut, &QToolButton::clicked, this, &Sidebar::signOutRequested);
    auto *footerLayout = new QVBoxLayout(m_footer);
    footerLayout->setContentsMargins(20, 8, 20, 16);
    footerLayout->addWidget(m_signedInAs);
    footerLayout->addWidget(signOut, 0, Qt::AlignLeft);
    m_footer->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(brand);
    auto *switcherRow = new QHBoxLayout;
    switcherRow->setContentsMargins(16, 0, 16, 0);
    switcherRow->addWidget(m_creators);
    layout->addLayout(switcherRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_footer);
}

void Sidebar::setEntries(const QList<Entry> &entries)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Entry &entry : entries) {
        auto *item = new QListWidgetItem(entry.icon, entry.label, m_list);
        item->setData(Qt::UserRole, entry.pageId);
        item->setData(Qt::AccessibleTextRole, entry.label);
        item->setSizeHint(QSize(0, 40));
    }
}

QStringList Sidebar::pageIds() const
{
    QStringList ids;
    for (int row = 0; row < m_list->count(); ++row)
        ids.append(m_list->item(row)->data(Qt::UserRole).toString());
    return ids;
}

void Sidebar::setCurrentPage(const QString &pageId)
{
    const QSignalBlocker blocker(m_list);
    const int row = pageIds().indexOf(pageId);
    m_list->setCurrentRow(row);
    if (row < 0)
        m_list->clearSelection();
}

QString Sidebar::currentPage() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void Sidebar::setSignedInAs(const QString &text)
{
    m_signedInAs->setText(text);
    m_footer->setVisible(!text.isEmpty());
}

void Sidebar::setCreators(const QList<QPair<qint64, QString>> &creators, qint64 selected)
{
    const QSignalBlocker blocker(m_creators);
    m_creators->clear();
    for (const auto &[id, name] : creators)
        m_creators->addItem(name.isEmpty() ? tr("Creator %1").arg(id) : name, id);
    m_creators->setCurrentIndex(m_creators->findData(selected));
    m_creators->setVisible(creators.size() > 1);
}

void Sidebar::focusEntries()
{
    m_list->setFocus(Qt::OtherFocusReason);
}

} // namespace huntaze::ui
