#pragma once

#include <QString>

namespace huntaze {

// Installs Huntaze's translation for `localeName` (from the embedded
// ":/i18n" resources) and Qt's own (standard dialogs, context menus). English
// loads one too, for its plural forms. Returns false when Huntaze has no
// translation for the locale.
bool installTranslations(const QString &localeName);

} // namespace huntaze
