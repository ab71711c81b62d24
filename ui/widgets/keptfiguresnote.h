#pragma once

#include "analytics/earningsreport.h"
#include "widgets/messagelabel.h"

#include <QDateTime>

namespace huntaze::ui {

// Says that the figures shown are the ones the server sent earlier, kept
// on this computer, because the server cannot be reached (issue 13): which
// days they cover and when they were sent. Hidden while the figures are fresh.
class KeptFiguresNote : public MessageLabel
{
    Q_OBJECT
public:
    explicit KeptFiguresNote(QWidget *parent = nullptr);

    // `keptAt` invalid: fresh figures, nothing to say.
    void showFigures(const analytics::DateRange &range, const QDateTime &keptAt);
};

} // namespace huntaze::ui
