#include "periodchooser.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QSignalBlocker>

namespace huntaze::ui {

PeriodChooser::PeriodChooser(bool offersAllTime, QWidget *parent) : QWidget(parent)
{
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("range"));
    m_preset->setAccessibleName(tr("Period"));
    m_preset->addItem(tr("Last 7 days"), QVariant::fromValue(Preset::Last7Days));
    m_preset->addItem(tr("Last 30 days"), QVariant::fromValue(Preset::Last30Days));
    m_preset->addItem(tr("Last 90 days"), QVariant::fromValue(Preset::Last90Days));
    m_preset->addItem(tr("Last 12 months"), QVariant::fromValue(Preset::LastYear));
    if (offersAllTime)
        m_preset->addItem(tr("All time"), QVariant::fromValue(Preset::AllTime));
    m_preset->addItem(tr("Custom"), QVariant::fromValue(Preset::Custom));
    m_from = new QDateEdit(this);
    m_from->setObjectName(QStringLiteral("from"));
    m_from->setAccessibleName(tr("First day"));
    m_to = new QDateEdit(this);
    m_to->setObjectName(QStringLiteral("to"));
    m_to->setAccessibleName(tr("Last day"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 31));
        layout->addWidget(edit);
    }

    connect(m_preset, &QComboBox::activated, this, [this] {
        const auto preset = m_preset->currentData().value<Preset>();
        if (preset == Preset::Custom)
            Q_EMIT rangeChosen(m_shown.from, m_shown.to); // the days shown become the custom ones
        else
            Q_EMIT presetChosen(preset);
    });
    connect(m_from, &QDateEdit::editingFinished, this, [this] {
        if (m_from->date() != m_shown.from)
            Q_EMIT rangeChosen(m_from->date(), std::max(m_from->date(), m_to->date()));
    });
    connect(m_to, &QDateEdit::editingFinished, this, [this] {
        if (m_to->date() != m_shown.to)
            Q_EMIT rangeChosen(std::min(m_from->date(), m_to->date()), m_to->date());
    });
}

void PeriodChooser::showPeriod(Preset preset, const analytics::DateRange &range)
{
    m_shown = range;
    m_preset->setCurrentIndex(m_preset->findData(QVariant::fromValue(preset)));
    const bool custom = preset == Preset::Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_from->setDate(range.from);
    m_to->setDate(range.to);
}

void PeriodChooser::showFirstDay(const QDate &from)
{
    m_shown.from = from;
    const QSignalBlocker blockFrom(m_from);
    m_from->setDate(from);
}

QComboBox *makeAmountChooser(QWidget *parent)
{
    auto *amount = new QComboBox(parent);
    amount->setObjectName(QStringLiteral("amount"));
    amount->setAccessibleName(PeriodChooser::tr("Amounts"));
    amount->addItem(PeriodChooser::tr("Net (after the platform's cut)"), QVariant::fromValue(analytics::Amount::Net));
    amount->addItem(PeriodChooser::tr("Gross"), QVariant::fromValue(analytics::Amount::Gross));
    return amount;
}

} // namespace huntaze::ui
