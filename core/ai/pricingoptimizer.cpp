#include "pricingoptimizer.h"

#include "domain/money.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace huntaze {

namespace {

double logistic(double x)
{
    return x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
}

struct Fit {
    double a = 0, b = 0;
    // Inverse of the negative log-posterior's Hessian: the parameters' covariance.
    double varA = 0, varB = 0, covAB = 0;
};

double softplus(double x)
{
    return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

double logPosterior(const QList<OfferOutcome> &history, const PricingOptimizer::Prior &prior, double a, double b)
{
    const double da = (a - prior.intercept) / prior.interceptSd;
    const double db = (b - prior.slope) / prior.slopeSd;
    double sum = -0.5 * (da * da + db * db);
    for (const OfferOutcome &offer : history) {
        const double x = a + b * offer.price;
        const double buyers = static_cast<double>(offer.purchases);
        const double others = static_cast<double>(offer.recipients - offer.purchases);
        sum -= buyers * softplus(-x) + others * softplus(x);
    }
    return sum;
}

// Newton–Raphson on the log posterior (binomial likelihood + Gaussian prior),
// halving a step until the posterior improves: with thousands of offers and
// millions of recipients a full Newton step from the prior overshoots, and
// undamped iterations ran off to nonsense. The posterior is concave, so the
// damped iteration always converges. The prior keeps the problem well posed
// even with no data at all.
Fit fitDemand(const QList<OfferOutcome> &history, const PricingOptimizer::Prior &prior)
{
    Fit fit{prior.intercept, prior.slope};
    const double precisionA = 1.0 / (prior.interceptSd * prior.interceptSd);
    const double precisionB = 1.0 / (prior.slopeSd * prior.slopeSd);
    double haa = 0, hab = 0, hbb = 0;
    double current = logPosterior(history, prior, fit.a, fit.b);
    auto hessianAt = [&](double &ga, double &gb) {
        ga = -(fit.a - prior.intercept) * precisionA;
        gb = -(fit.b - prior.slope) * precisionB;
        haa = precisionA;
        hab = 0;
        hbb = precisionB;
        for (const OfferOutcome &offer : history) {
            const double p = logistic(fit.a + fit.b * offer.price);
            const double recipients = static_cast<double>(offer.recipients);
            const double residual = static_cast<double>(offer.purchases) - recipients * p;
            const double weight = recipients * p * (1 - p);
            ga += residual;
            gb += residual * offer.price;
            haa += weight;
            hab += weight * offer.price;
            hbb += weight * offer.price * offer.price;
        }
    };
    for (int iteration = 0; iteration < 100; ++iteration) {
        double ga = 0, gb = 0;
        hessianAt(ga, gb);
        const double determinant = haa * hbb - hab * hab;
        if (!(determinant > 0))
            break;
        double stepA = (hbb * ga - hab * gb) / determinant;
        double stepB = (haa * gb - hab * ga) / determinant;
        double next = logPosterior(history, prior, fit.a + stepA, fit.b + stepB);
        for (int halving = 0; halving < 40 && !(next >= current); ++halving) {
            stepA /= 2;
            stepB /= 2;
            next = logPosterior(history, prior, fit.a + stepA, fit.b + stepB);
        }
        if (!(next >= current))
            break;
        fit.a += stepA;
        fit.b += stepB;
        current = next;
        if (std::abs(stepA) < 1e-10 && std::abs(stepB) < 1e-12)
            break;
    }
    double ga = 0, gb = 0;
    hessianAt(ga, gb); // the curvature at the optimum: the parameters' covariance
    const double determinant = haa * hbb - hab * hab;
    fit.varA = hbb / determinant;
    fit.varB = haa / determinant;
    fit.covAB = -hab / determinant;
    return fit;
}

double percentile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    const double index = q * static_cast<double>(values.size() - 1);
    const auto lower = static_cast<size_t>(std::floor(index));
    const auto upper = static_cast<size_t>(std::ceil(index));
    return values[lower] + (values[upper] - values[lower]) * (index - static_cast<double>(lower));
}

} // namespace

PricingOptimizer::Recommendation PricingOptimizer::recommend(const QList<OfferOutcome> &history) const
{
    QList<OfferOutcome> usable;
    Recommendation result;
    for (const OfferOutcome &offer : history) {
        if (offer.price > 0 && offer.recipients > 0 && offer.purchases >= 0 && offer.purchases <= offer.recipients) {
            usable.append(offer);
            result.recipientsUsed += offer.recipients; // 64 bits: thousands of offers to a billion fans each
        }
    }
    result.offersUsed = static_cast<int>(usable.size());

    const Fit fit = fitDemand(usable, prior);
    result.intercept = fit.a;
    result.slope = fit.b;

    std::vector<double> grid;
    for (double price = minPrice; price <= maxPrice + 1e-9; price += priceStep)
        grid.push_back(price);
    auto bestPrice = [&](double a, double b) {
        double best = grid.front(), bestRevenue = -1;
        for (double price : grid) {
            const double revenue = price * logistic(a + b * price);
            if (revenue > bestRevenue) {
                bestRevenue = revenue;
                best = price;
            }
        }
        return best;
    };

    result.price = bestPrice(fit.a, fit.b);
    result.purchaseProbability = logistic(fit.a + fit.b * result.price);
    result.revenuePerRecipient = result.price * result.purchaseProbability;

    // Draws from the Laplace approximation N(fit, covariance), seeded so the
    // same history always gives the same band.
    QRandomGenerator random(20261125);
    const double sdA = std::sqrt(std::max(fit.varA, 0.0));
    const double correlation = sdA > 0 ? fit.covAB / sdA : 0.0;
    const double residualSdB = std::sqrt(std::max(fit.varB - correlation * correlation, 0.0));
    auto normal = [&random] {
        const double u1 = std::max(random.generateDouble(), 1e-12);
        const double u2 = random.generateDouble();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    };
    constexpr int draws = 400;
    std::vector<double> optimalPrices;
    std::vector<std::vector<double>> revenues(grid.size());
    for (int i = 0; i < draws; ++i) {
        const double z1 = normal(), z2 = normal();
        const double a = fit.a + sdA * z1;
        const double b = fit.b + correlation * z1 + residualSdB * z2;
        optimalPrices.push_back(bestPrice(a, b));
        for (size_t g = 0; g < grid.size(); ++g)
            revenues[g].push_back(grid[g] * logistic(a + b * grid[g]));
    }
    result.low = percentile(optimalPrices, 0.1);
    result.high = percentile(optimalPrices, 0.9);
    for (size_t g = 0; g < grid.size(); ++g) {
        result.revenueCurve.append({grid[g], grid[g] * logistic(fit.a + fit.b * grid[g])});
        result.revenueLow.append({grid[g], percentile(revenues[g], 0.1)});
        result.revenueHigh.append({grid[g], percentile(revenues[g], 0.9)});
    }

    // How far the data moved the slope from the prior, relative to the prior's spread.
    std::vector<double> distinctPrices;
    for (const OfferOutcome &offer : usable) {
        if (std::none_of(distinctPrices.begin(), distinctPrices.end(), [&](double p) { return std::abs(p - offer.price) < 0.01; }))
            distinctPrices.push_back(offer.price);
    }
    const double slopeSdRatio = std::sqrt(fit.varB) / prior.slopeSd;
    result.mostlyPrior = distinctPrices.size() < 3 || result.recipientsUsed < 200 || slopeSdRatio > 0.5;

    const QString price = money::format(result.price, currency);
    if (result.mostlyPrior) {
        result.explanation = QCoreApplication::translate(
                                 "huntaze::PricingOptimizer",
                                 "Suggested %1, based mostly on typical fan-platform prices: %n past offers at too few different prices "
                                 "to measure your own fans yet. Try a few prices to sharpen it.",
                                 nullptr, result.offersUsed)
                                 .arg(price);
    } else {
        result.explanation = QCoreApplication::translate("huntaze::PricingOptimizer",
                                                         "Suggested %1 (likely best between %2 and %3), from %n past offers to your fans.",
                                                         nullptr, result.offersUsed)
                                 .arg(price, money::format(result.low, currency), money::format(result.high, currency));
    }
    return result;
}

} // namespace huntaze
