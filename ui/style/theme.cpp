#include "theme.h"

#include <QApplication>
#include <QStyleFactory>

namespace huntaze::ui {

namespace {

QPalette g_systemPalette;
bool g_captured = false;
bool g_dark = false;

} // namespace

void Theme::captureSystemPalette()
{
    if (g_captured)
        return;
    g_systemPalette = QApplication::palette();
    g_captured = true;
}

bool Theme::systemPrefersDark()
{
    // Qt 6.4 has no colour-scheme hint (6.5 adds QStyleHints::colorScheme), so
    // read it from the platform theme's palette and GTK's dark-theme convention.
    if (qEnvironmentVariable("GTK_THEME").endsWith(QStringLiteral(":dark"), Qt::CaseInsensitive))
        return true;
    const QPalette system = g_captured ? g_systemPalette : QApplication::palette();
    return system.color(QPalette::Window).lightness() < system.color(QPalette::WindowText).lightness();
}

bool Theme::isDark()
{
    return g_dark;
}

void Theme::apply(AppSettings::Appearance appearance)
{
    captureSystemPalette();
    g_dark = appearance == AppSettings::Appearance::Dark || (appearance == AppSettings::Appearance::System && systemPrefersDark());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(palette(g_dark));
    qApp->setStyleSheet(styleSheet());
}

QPalette Theme::palette(bool dark)
{
    // Tailwind's grey scale with indigo as the one accent, as in the web app.
    const QColor ground = dark ? QColor(0x11, 0x18, 0x27) : QColor(0xf3, 0xf4, 0xf6);
    const QColor surface = dark ? QColor(0x1f, 0x29, 0x37) : QColor(0xff, 0xff, 0xff);
    const QColor raised = dark ? QColor(0x37, 0x41, 0x51) : QColor(0xf9, 0xfa, 0xfb);
    const QColor text = dark ? QColor(0xf9, 0xfa, 0xfb) : QColor(0x11, 0x18, 0x27);
    const QColor muted = dark ? QColor(0x9c, 0xa3, 0xaf) : QColor(0x6b, 0x72, 0x80);
    const QColor border = dark ? QColor(0x37, 0x41, 0x51) : QColor(0xe5, 0xe7, 0xeb);
    const QColor accent = dark ? QColor(0x81, 0x8c, 0xf8) : QColor(0x4f, 0x46, 0xe5);
    const QColor onAccent = dark ? QColor(0x11, 0x18, 0x27) : QColor(0xff, 0xff, 0xff);

    QPalette p;
    p.setColor(QPalette::Window, ground);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, surface);
    p.setColor(QPalette::AlternateBase, raised);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Button, surface);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xef, 0x44, 0x44));
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, onAccent);
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::ToolTipBase, surface);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Mid, border);
    p.setColor(QPalette::Midlight, raised);
    p.setColor(QPalette::Dark, muted);
    p.setColor(QPalette::Light, surface);
    p.setColor(QPalette::Shadow, dark ? QColor(0, 0, 0) : QColor(0x9c, 0xa3, 0xaf));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, muted);
    p.setColor(QPalette::Disabled, QPalette::Highlight, border);
    return p;
}

QString Theme::styleSheet()
{
    // Only what the palette cannot say: rounded cards, the sidebar and header
    // surfaces, the accent button. Colours come from palette(), so light and
    // dark share one sheet.
    return QStringLiteral(R"(
QFrame#card {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 8px;
}
QFrame#sidebar {
    background: palette(base);
    border-right: 1px solid palette(mid);
}
QFrame#sidebar QListWidget {
    background: transparent;
    border: none;
    outline: none;
}
QFrame#sidebar QListWidget::item {
    padding: 8px 12px;
    margin: 2px 8px;
    border-radius: 6px;
}
QFrame#sidebar QListWidget::item:hover {
    background: palette(midlight);
}
QFrame#sidebar QListWidget::item:selected {
    background: palette(highlight);
    color: palette(highlighted-text);
}
QFrame#header {
    background: palette(base);
    border-bottom: 1px solid palette(mid);
}
QLabel#pageTitle {
    font-size: 18px;
    font-weight: 600;
}
QLabel#brand {
    font-size: 18px;
    font-weight: 700;
    color: palette(highlight);
}
QLabel#cardTitle {
    font-size: 15px;
    font-weight: 600;
}
QLabel[role="muted"] {
    color: palette(dark);
}
QLabel[role="error"] {
    color: #dc2626;
}
QLabel[role="warning"] {
    background: #fef3c7;
    color: #92400e;
    border: 1px solid #fcd34d;
    border-radius: 6px;
    padding: 8px 12px;
}
QPushButton {
    padding: 5px 14px;
}
QPushButton[primary="true"] {
    background: palette(highlight);
    color: palette(highlighted-text);
    border: none;
    border-radius: 6px;
    padding: 7px 16px;
    font-weight: 600;
}
QPushButton[primary="true"]:disabled {
    background: palette(mid);
    color: palette(dark);
}
QPushButton[primary="true"]:focus {
    border: 2px solid palette(text);
}
QFrame#card QLineEdit, QFrame#card QPlainTextEdit {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
    padding: 6px 8px;
    selection-background-color: palette(highlight);
}
QFrame#card QLineEdit:focus, QFrame#card QPlainTextEdit:focus {
    border: 1px solid palette(highlight);
}
QFrame#card QLineEdit:read-only {
    background: palette(alternate-base);
}
QFrame#card QComboBox QLineEdit {
    border: none;
    padding: 0;
    background: transparent;
}
QFrame#card QComboBox {
    min-height: 30px;
}
QPushButton[flat="true"] {
    color: palette(link);
    border: none;
    padding: 4px 0;
    text-align: left;
}
QPushButton[flat="true"]:hover, QPushButton[flat="true"]:focus {
    text-decoration: underline;
}
QWidget#scrim {
    background: rgba(17, 24, 39, 0.45);
}
)");
}

} // namespace huntaze::ui
