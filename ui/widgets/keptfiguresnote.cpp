#include "keptfiguresnote.h"

#include <QLocale>

namespace huntaze::ui {

KeptFiguresNote::KeptFiguresNote(QWidget *parent) : MessageLabel(parent)
{
    setObjectName(QStringLiteral("keptFigures"));
}

void KeptFiguresNote::showFigures(const analytics::DateRange &range, const QDateTime &keptAt)
{
    if (!keptAt.isValid()) {
        clearMessage();
        return;
    }
    const QLocale locale;
    showMessage(tr("The server cannot be reached: these are the figures for %1 to %2 as it sent them on %3.")
                    .arg(locale.toString(range.from, QLocale::ShortFormat), locale.toString(range.to, QLocale::ShortFormat),
                         locale.toString(keptAt.toLocalTime(), QLocale::ShortFormat)),
                Kind::Warning);
}

} // namespace huntaze::ui
