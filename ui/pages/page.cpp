#include "page.h"

#include <QAction>
#include <QScrollArea>
#include <QVBoxLayout>

namespace huntaze::ui {

Page::Page(QWidget *parent) : QWidget(parent)
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->viewport()->setAutoFillBackground(false);

    auto *body = new QWidget(scroll);
    body->setAutoFillBackground(false);
    m_content = new QVBoxLayout(body);
    m_content->setContentsMargins(24, 24, 24, 24);
    m_content->setSpacing(16);
    scroll->setWidget(body);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
}

void Page::allowAction(QAction *action, bool allowed)
{
    if (action->isVisible() == allowed)
        return;
    action->setVisible(allowed);
    Q_EMIT headerChanged();
}

} // namespace huntaze::ui
