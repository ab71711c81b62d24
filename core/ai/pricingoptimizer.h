#pragma once

#include <QList>
#include <QPointF>
#include <QString>

namespace huntaze {

// One paid offer (a PPV message or a locked post) and how it sold.
struct OfferOutcome {
    double price = 0;
    int recipients = 0;
    int purchases = 0;
};

// Recommends the price of a paid offer that maximises expected revenue per
// recipient. Demand is a logistic curve P(buy | price) = 1 / (1 + e^-(a + b·price)),
// fitted to the creator's own offers by maximum a posteriori estimation with
// a weak prior (typical fan-platform conversion: ~15 % at $5, ~5 % at $25).
// With many offers the data decide; with few, the prior does, and the result
// says so. The uncertainty band comes from sampling the fitted parameters
// (Laplace approximation), so it narrows as evidence accumulates.
class PricingOptimizer
{
public:
    struct Prior {
        double intercept = -1.432; // logit(15 %) at $5 with the slope below
        double slope = -0.0605; // per dollar: 15 % at $5 falls to 5 % at $25
        double interceptSd = 1.0;
        double slopeSd = 0.05;
    };

    struct Recommendation {
        double price = 0; // maximises expected revenue per recipient
        double low = 0, high = 0; // 80 % band of the optimal price
        double purchaseProbability = 0; // at `price`
        double revenuePerRecipient = 0; // at `price`
        QList<QPointF> revenueCurve; // (price, expected revenue per recipient)
        QList<QPointF> revenueLow, revenueHigh; // 10th and 90th percentile of that curve
        double intercept = 0, slope = 0; // fitted demand parameters
        int offersUsed = 0;
        qint64 recipientsUsed = 0;
        bool mostlyPrior = false; // too little data: the prior decided
        QString explanation; // one sentence for the user
    };

    double minPrice = 3.0;
    double maxPrice = 100.0;
    double priceStep = 0.5;
    Prior prior;
    QString currency = QStringLiteral("USD"); // how the explanation writes prices (money.h)

    Recommendation recommend(const QList<OfferOutcome> &history) const;
};

} // namespace huntaze
