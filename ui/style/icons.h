#pragma once

#include <QIcon>
#include <QString>

namespace huntaze::ui {

// An icon from resources/icons/<name>.svg, drawn in the current palette's
// colours (text colour, or the highlighted-text colour when selected), so one
// SVG set serves light and dark mode at any screen density.
QIcon themedIcon(const QString &name);

} // namespace huntaze::ui
