#pragma once

#include <QString>

namespace huntaze::ui::pageids {

inline const QString startup = QStringLiteral("startup");
inline const QString signIn = QStringLiteral("sign-in");
inline const QString signUp = QStringLiteral("sign-up");
inline const QString resetPassword = QStringLiteral("reset-password");
inline const QString dashboard = QStringLiteral("dashboard");
inline const QString profile = QStringLiteral("profile");
inline const QString ideas = QStringLiteral("ideas");
inline const QString captions = QStringLiteral("captions");
inline const QString drafts = QStringLiteral("drafts");
inline const QString fans = QStringLiteral("fans");
inline const QString messages = QStringLiteral("messages");
inline const QString pricing = QStringLiteral("pricing");
inline const QString performance = QStringLiteral("performance");
inline const QString creators = QStringLiteral("creators");
inline const QString team = QStringLiteral("team");
inline const QString shifts = QStringLiteral("shifts");
inline const QString activity = QStringLiteral("activity");
inline const QString settings = QStringLiteral("settings");

} // namespace huntaze::ui::pageids
