#pragma once

#include <QFrame>

#include <optional>

class QLabel;

namespace huntaze::ui {

// One figure of the Dashboard with its change against the previous period:
// "Earnings  $1,240.00  ▲ 12% vs the previous period".
class KpiCard : public QFrame
{
    Q_OBJECT
public:
    explicit KpiCard(const QString &title, QWidget *parent = nullptr);

    // `change`: the relative change (0.12 = +12%); none when there is nothing to compare with.
    // `higherIsBetter`: lost subscribers going up is bad news, drawn as such.
    void setFigure(const QString &value, std::optional<double> change, bool higherIsBetter = true);
    QString value() const;
    QString changeText() const;

private:
    QString m_title;
    QLabel *m_value;
    QLabel *m_change;
};

} // namespace huntaze::ui
