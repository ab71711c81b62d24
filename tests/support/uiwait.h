#pragma once

#include <QTest>
#include <QWidget>

namespace huntaze::test {

// Waits until `widget` is shown at its laid-out size, as a user sees it
// before clicking. Widgets added to a visible layout are shown and sized by
// queued events; a click in between lands on a zero-height button.
[[nodiscard]] inline bool waitUntilLaidOut(const QWidget *widget, int timeoutMs = 5000)
{
    return QTest::qWaitFor(
        [widget] { return widget->isVisible() && !widget->rect().isEmpty() && widget->height() >= widget->minimumSizeHint().height(); },
        timeoutMs);
}

} // namespace huntaze::test
