#pragma once

#include <QString>
#include <QStringList>

class QWidget;

// What every Dashboard chart's exports share: CSV text written exactly
// (RFC 4180 quoting, CRLF), and the chart as it looks, as a PNG.
namespace huntaze::ui::chartexport {

// A field quoted when it holds a comma, a quote or a line break.
QString csvField(QString text);
// `text` to `path` in one piece (QSaveFile); false with a translated `error` otherwise.
bool saveText(const QString &path, const QString &text, QString *error);
// `widget` grabbed to `path`; false with a translated `error` otherwise.
bool savePng(QWidget *widget, const QString &path, QString *error);

} // namespace huntaze::ui::chartexport
