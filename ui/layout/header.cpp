#include "header.h"

#include "pages/page.h"
#include "style/icons.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
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
    if (m_page) {
        for (QAction *action : m_page->secondaryActions()) {
            auto *button = new QToolButton(this);
            button->setDefaultAction(action);
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            button->setAutoRaise(true);
            button->setAccessibleName(action->text().remove(u'&'));
            m_secondary->addWidget(button);
        }
    }

    disconnect(m_primaryConnection);
    QAction *primary = m_page ? m_page->primaryAction() : nullptr;
    m_primaryButton->setVisible(primary && primary->isVisible());
    if (!primary)
        return;
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
}

} // namespace huntaze::ui
