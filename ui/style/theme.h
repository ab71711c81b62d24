#pragma once

#include "settings/appsettings.h"

#include <QPalette>

class QApplication;

namespace huntaze::ui {

// The look of the app: Fusion with our own light and dark palettes, one accent
// colour, and a small style sheet for cards, the sidebar and the header.
class Theme
{
public:
    // Remembers the platform's palette; call once before the first apply().
    static void captureSystemPalette();
    static bool systemPrefersDark();

    static void apply(AppSettings::Appearance appearance);
    static bool isDark();

    static QPalette palette(bool dark);
    static QString styleSheet();
};

} // namespace huntaze::ui
