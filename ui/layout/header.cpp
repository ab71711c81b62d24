#include "header.h"

#include "pages/page.h"
#include "style/icons.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

namespace huntaze::ui {

Header::Header(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("header"));
    setFixedHeight(preferredHeight);
    setAutoFillBackground(true);

    m_menuButton = new QToolButton(this);
    m_menuButton->setIcon(themedIcon(QStringLiteral("menu")));
    m_menuButton->setIconSize(QSize(20, 20));
    m_menuButton->setAutoRaise(true);
    m_menuButton->setToolTip(tr("Show pages"));
    m_menuButton->setAccessibleName(tr("Show pages"));
    m_menuButton->hide();
    connect(m_menuButton, &QToolButton::clicked, this, &Header::menuRequested);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("pageTitle"));
    m_title->setAccessibleName(tr("Page title"));

    m_secondary = new QHBoxLayout;
    m_secondary->setSpacing(4);

    m_more = new QToolButton(this);
    m_more->setText(tr("More"));
    m_more->setToolTip(tr("More actions"));
    m_more->setAccessibleName(tr("More actions"));
    m_more->setPopupMode(QToolButton::InstantPopup);
    m_more->setAutoRaise(true);
    m_more->setMenu(new QMenu(m_more));
    m_more->hide();

    m_primaryButton = new QPushButton(this);
    m_primaryButton->setProperty("primary", true);
    m_primaryButton->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 8, 24, 8);
    layout->setSpacing(8);
    layout->addWidget(m_menuButton);
    layout->addWidget(m_title);
    layout->addStretch(1);
    layout->addLayout(m_secondary);
    layout->addWidget(m_more);
    layout->addWidget(m_primaryButton);
}

void Header::showPage(Page *page)
{
    disconnect(m_pageConnection);
    m_page = page;
    if (page)
        m_pageConnection = connect(page, &Page::headerChanged, this, &Header::rebuild);
    rebuild();
}

void Header::setMenuButtonVisible(bool visible)
{
    m_menuButton->setVisible(visible);
}

QString Header::title() const
{
    return m_title->text();
}

void Header::rebuild()
{
    m_title->setText(m_page ? m_page->title() : QString());

    while (QLayoutItem *item = m_secondary->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_secondaryButtons.clear();
    if (m_page) {
        for (QAction *action : m_page->secondaryActions()) {
            if (!action->isVisible())
                continue; // not for this member's role
            auto *button = new QToolButton(this);
            button->setDefaultAction(action);
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            if (action->menu())
                button->setPopupMode(QToolButton::InstantPopup); // a menu of choices, nothing to do on its own
            button->setAutoRaise(true);
            button->setAccessibleName(action->text().remove(u'&'));
            m_secondary->addWidget(button);
            m_secondaryButtons.append(button);
        }
    }

    disconnect(m_primaryConnection);
    QAction *primary = m_page ? m_page->primaryAction() : nullptr;
    m_primaryButton->setVisible(primary && primary->isVisible());
    if (!primary) {
        fitActions();
        return;
    }
    auto sync = [this, primary] {
        m_primaryButton->setText(primary->text());
        m_primaryButton->setEnabled(primary->isEnabled());
        m_primaryButton->setVisible(primary->isVisible());
        m_primaryButton->setToolTip(primary->toolTip());
        m_primaryButton->setAccessibleName(primary->text().remove(u'&'));
    };
    sync();
    m_primaryConnection = connect(primary, &QAction::changed, m_primaryButton, sync);
    disconnect(m_primaryButton, &QPushButton::clicked, nullptr, nullptr);
    connect(m_primaryButton, &QPushButton::clicked, primary, &QAction::trigger);
    fitActions();
}

void Header::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    fitActions();
}

void Header::fitActions()
{
    // What the rest of the bar needs: margins, the menu button, the whole title, the primary button.
    const QMargins margins = layout()->contentsMargins();
    const int spacing = layout()->spacing();
    int used = margins.left() + margins.right() + m_title->sizeHint().width() + spacing;
    if (!m_menuButton->isHidden())
        used += m_menuButton->sizeHint().width() + spacing;
    if (!m_primaryButton->isHidden())
        used += m_primaryButton->sizeHint().width() + spacing;
    const int moreWidth = m_more->sizeHint().width() + spacing;
    int total = 0;
    for (QToolButton *button : std::as_const(m_secondaryButtons))
        total += button->sizeHint().width() + m_secondary->spacing();
    const bool allFit = used + total <= width();
    int room = width() - used - moreWidth;
    m_more->menu()->clear();
    for (QToolButton *button : std::as_const(m_secondaryButtons)) {
        const int needed = button->sizeHint().width() + m_secondary->spacing();
        const bool fits = allFit || (m_more->menu()->isEmpty() && needed <= room);
        button->setVisible(fits);
        if (fits)
            room -= needed;
        else
            m_more->menu()->addAction(button->defaultAction());
    }
    m_more->setVisible(!m_more->menu()->isEmpty());
}

} // namespace huntaze::ui
