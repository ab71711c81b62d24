#pragma once

#include "analytics/dashboard.h"

#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace huntaze::ui {
class Card;
class MessageLabel;
} // namespace huntaze::ui

// What every Dashboard chart's exports share: CSV text written exactly
// (RFC 4180 quoting, CRLF), and the chart as it looks, as a PNG.
namespace huntaze::ui::chartexport {

// A field quoted when it holds a comma, a quote or a line break.
QString csvField(QString text);
// Cents as the exact decimal amount a spreadsheet reads: 1234 -> "12.34", -5 -> "-0.05".
QString csvAmount(qint64 cents);
// `text` to `path` in one piece (QSaveFile); false with a translated `error` otherwise.
bool saveText(const QString &path, const QString &text, QString *error);
// `widget` grabbed to `path`; false with a translated `error` otherwise.
bool savePng(QWidget *widget, const QString &path, QString *error);

// Writes one export to `path`; false with a translated `error` otherwise.
using Export = std::function<bool(const QString &path, QString *error)>;
// "Export image…" (unless `png` is empty) and "Export data…" buttons at the
// bottom of `card`: each asks where to save, suggesting Documents/
// huntaze-<name>-<first day>-<last day> of `period()`, and shows a failure in `errors`.
void addButtons(Card *card, const QString &name, std::function<analytics::DateRange()> period, Export png, Export csv,
                MessageLabel *errors);

} // namespace huntaze::ui::chartexport
