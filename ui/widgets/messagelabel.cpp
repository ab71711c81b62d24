#include "messagelabel.h"

#include <QAccessible>
#include <QStyle>

namespace huntaze::ui {

MessageLabel::MessageLabel(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void MessageLabel::showMessage(const QString &text, Kind kind)
{
    static const char *roles[] = {"muted", "error", "warning"};
    setProperty("role", QString::fromLatin1(roles[static_cast<int>(kind)]));
    style()->unpolish(this);
    style()->polish(this);
    setText(text);
    setAccessibleName(text);
    setVisible(!text.isEmpty());
    if (kind != Kind::Note && !text.isEmpty()) {
        QAccessibleEvent event(this, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
}

void MessageLabel::clearMessage()
{
    setText(QString());
    hide();
}

} // namespace huntaze::ui
