#pragma once

#include "analytics/dashboard.h"
#include "state/analyticsstore.h"

#include <QWidget>

class QComboBox;
class QDateEdit;

namespace huntaze::ui {

// The period of an analytics page: a preset (last 7, 30, 90 days, 12 months,
// all time, custom) and, for a custom one, the first and last day. It shows
// what its store asked for and says what the user chose; the store decides.
class PeriodChooser : public QWidget
{
    Q_OBJECT
public:
    using Preset = AnalyticsStore::Preset;

    // `offersAllTime`: false where a period must have a first day (the agency view).
    explicit PeriodChooser(bool offersAllTime, QWidget *parent = nullptr);

    void showPeriod(Preset preset, const analytics::DateRange &range);
    // The first day "all time" resolved to, once the answer says it.
    void showFirstDay(const QDate &from);

    QComboBox *presetChooser() const { return m_preset; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }

Q_SIGNALS:
    void presetChosen(huntaze::AnalyticsStore::Preset preset);
    // Custom days, from no later than to.
    void rangeChosen(const QDate &from, const QDate &to);

private:
    QComboBox *m_preset;
    QDateEdit *m_from;
    QDateEdit *m_to;
    analytics::DateRange m_shown;
};

// Net (after the platform's cut) or gross: every analytics page's amounts, items holding analytics::Amount.
QComboBox *makeAmountChooser(QWidget *parent);

} // namespace huntaze::ui
