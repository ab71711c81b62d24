#include "airoutes.h"

#include "ai/fanmessagecontext.h"
#include "ai/messagetemplate.h"
#include "ai/pricingoptimizer.h"
#include "common/async.h"
#include "domain/money.h"
#include "server/router.h"
#include "server/servercontext.h"
#include "storage/agencyrepository.h"
#include "storage/creatordatarepository.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze::server {

namespace {

constexpr int maxPreviews = 20;

// What a tool needs to know about the creator, loaded in one database job.
struct CreatorContext {
    Profile profile;
    QList<Fan> fans;
    QList<Post> posts;
    QList<Offer> offers;
    RestrictedWords restricted;
    QString currency = QString::fromLatin1(money::defaultCurrency);
};

enum Needs { NeedsFans = 1, NeedsPosts = 2, NeedsOffers = 4 };

QFuture<Result<CreatorContext>> loadContext(const ServerContext &context, const HttpRequest &request, agency::Permission tool, int needs)
{
    return context.forCreator<CreatorContext>(
        request, {tool}, [needs](QSqlDatabase &db, const agency::CreatorScope &scope) -> Result<CreatorContext> {
            CreatorContext loaded;
            Result<Profile> profile = AgencyRepository(db).profileOf(scope);
            if (!profile.ok())
                return profile.error();
            loaded.profile = profile.value();
            CreatorDataRepository data(db, scope);
            if (needs & NeedsFans) {
                Result<QList<Fan>> fans = data.fans();
                if (!fans.ok())
                    return fans.error();
                loaded.fans = fans.value();
            }
            if (needs & NeedsPosts) {
                Result<QList<Post>> posts = data.posts();
                if (!posts.ok())
                    return posts.error();
                loaded.posts = posts.value();
            }
            if (needs & NeedsOffers) {
                Result<QList<Offer>> offers = data.offers();
                if (!offers.ok())
                    return offers.error();
                loaded.offers = offers.value();
            }
            // The same list the desktop edits (Settings → Restricted words).
            Result<QJsonValue> words = data.preference(QStringLiteral("restrictedWords"));
            if (!words.ok())
                return words.error();
            loaded.restricted
                = words.value().isArray() ? RestrictedWords::fromJson(words.value().toArray()) : RestrictedWords::platformDefaults();
            // The account's currency, for amounts in the tools' text (Settings → Account).
            Result<QString> currency = data.currency();
            if (!currency.ok())
                return currency.error();
            loaded.currency = currency.value();
            return loaded;
        });
}

// Loads the creator's context, then runs `tool(context)` (which returns a
// future) on the server's thread, where the AI provider lives.
template <typename T, typename Tool>
QFuture<Result<T>> withContext(const ServerContext &context, const HttpRequest &request, agency::Permission permission, int needs,
                               Tool tool)
{
    return chainOn<Result<T>>(loadContext(context, request, permission, needs), context.home,
                              [tool = std::move(tool)](const Result<CreatorContext> &loaded) -> QFuture<Result<T>> {
                                  if (!loaded.ok())
                                      return readyFuture<T>(loaded.error());
                                  return tool(loaded.value());
                              });
}

Result<QString> platformFrom(const QJsonObject &input, const QString &fallback)
{
    const Result<QString> platform = jsonfield::optionalString(input, QStringLiteral("platform"), 40, fallback);
    if (!platform.ok())
        return platform;
    if (!platforms::all().contains(platform.value()))
        return Error::validation(QStringLiteral("platform"),
                                 QCoreApplication::translate("huntaze::server::AiRoutes", "Unknown platform \"%1\"; use one of: %2.")
                                     .arg(platform.value(), platforms::all().join(QStringLiteral(", "))));
    return platform;
}

QJsonObject providerJson(const ServerContext &context)
{
    return {{QStringLiteral("name"), context.ai.provider().displayName()}, {QStringLiteral("offline"), context.ai.provider().isOffline()}};
}

QFuture<HttpResponse> contentIdeas(const ServerContext &context, const HttpRequest &request, const QJsonObject &input)
{
    const Result<QString> platform = platformFrom(input, QStringLiteral("onlyfans"));
    const Result<qint64> count = jsonfield::optionalWholeNumber(input, QStringLiteral("count"), 1, 20, 5);
    const Result<QString> theme = jsonfield::optionalString(input, QStringLiteral("theme"), 200);
    const Result<QString> tone = jsonfield::optionalString(input, QStringLiteral("tone"), 80);
    for (const Error *error : {platform.ok() ? nullptr : &platform.error(), count.ok() ? nullptr : &count.error(),
                               theme.ok() ? nullptr : &theme.error(), tone.ok() ? nullptr : &tone.error()}) {
        if (error)
            return answerNow(*error);
    }
    AiTools *ai = &context.ai;
    IdeaRequest idea;
    idea.platform = platform.value();
    idea.count = static_cast<int>(count.value());
    idea.theme = theme.value();
    idea.tone = tone.value();
    const QJsonObject provider = providerJson(context);
    return answer(withContext<QList<ContentIdea>>(context, request, agency::Permission::UseIdeas, NeedsFans,
                                                  [ai, idea](const CreatorContext &creator) {
                                                      IdeaRequest forCreator = idea;
                                                      forCreator.profile = creator.profile;
                                                      forCreator.popularPurchases = AiTools::popularPurchases(creator.fans);
                                                      return ai->contentIdeas(forCreator, creator.restricted);
                                                  }),
                  [provider](const QList<ContentIdea> &ideas) {
                      QJsonArray list;
                      for (const ContentIdea &idea : ideas)
                          list.append(idea.toJson());
                      return HttpResponse::ofJson({{QStringLiteral("ideas"), list}, {QStringLiteral("provider"), provider}});
                  });
}

QFuture<HttpResponse> captions(const ServerContext &context, const HttpRequest &request, const QJsonObject &input)
{
    const Result<QString> text = jsonfield::requiredString(input, QStringLiteral("text"), 2000);
    const Result<QString> platform = platformFrom(input, QStringLiteral("instagram"));
    const Result<qint64> count = jsonfield::optionalWholeNumber(input, QStringLiteral("count"), 1, 10, 3);
    for (const Error *error :
         {text.ok() ? nullptr : &text.error(), platform.ok() ? nullptr : &platform.error(), count.ok() ? nullptr : &count.error()}) {
        if (error)
            return answerNow(*error);
    }
    AiTools *ai = &context.ai;
    CaptionRequest caption;
    caption.text = text.value();
    caption.platform = platform.value();
    caption.count = static_cast<int>(count.value());
    const QJsonObject provider = providerJson(context);
    return answer(withContext<AiTools::Captions>(context, request, agency::Permission::UseCaptions, NeedsPosts,
                                                 [ai, caption](const CreatorContext &creator) {
                                                     CaptionRequest forCreator = caption;
                                                     forCreator.profile = creator.profile;
                                                     return ai->captions(forCreator, creator.posts, creator.restricted);
                                                 }),
                  [provider](const AiTools::Captions &result) {
                      QJsonArray tags;
                      for (const RankedHashtag &tag : result.hashtags)
                          tags.append(QJsonObject{{QStringLiteral("tag"), tag.tag},
                                                  {QStringLiteral("averageEngagement"), tag.averageEngagement},
                                                  {QStringLiteral("uses"), tag.uses},
                                                  {QStringLiteral("fromHistory"), tag.fromHistory}});
                      return HttpResponse::ofJson({{QStringLiteral("captions"), QJsonArray::fromStringList(result.captions)},
                                                   {QStringLiteral("hashtags"), tags},
                                                   {QStringLiteral("provider"), provider}});
                  });
}

struct DraftedMessage {
    QString source;
    QStringList variables;
    QJsonArray previews;
};

QFuture<HttpResponse> messageGenerator(const ServerContext &context, const HttpRequest &request, const QJsonObject &input)
{
    const Result<QString> goal = jsonfield::requiredString(input, QStringLiteral("goal"), 500);
    if (!goal.ok())
        return answerNow(goal.error());
    QList<qint64> previewFanIds;
    if (input.contains(QStringLiteral("previewFanIds"))) {
        const Result<QJsonArray> ids = jsonfield::requiredArray(input, QStringLiteral("previewFanIds"), maxPreviews);
        if (!ids.ok())
            return answerNow(ids.error());
        for (qsizetype i = 0; i < ids.value().size(); ++i) {
            const QJsonValue id = ids.value().at(i);
            const Result<qint64> fanId = rules::wholeNumber(QStringLiteral("previewFanIds[%1]").arg(i), id.toDouble(-1), 1,
                                                            std::numeric_limits<qint64>::max() / 2);
            if (!fanId.ok())
                return answerNow(fanId.error());
            previewFanIds.append(fanId.value());
        }
    }
    AiTools *ai = &context.ai;
    const QJsonObject provider = providerJson(context);
    return answer(withContext<DraftedMessage>(
                      context, request, agency::Permission::WriteFanMessages, NeedsFans,
                      [ai, goal = goal.value(), previewFanIds](const CreatorContext &creator) {
                          return ai->draftMessageTemplate(goal, creator.profile, creator.restricted)
                              .then([creator, previewFanIds](const Result<QString> &drafted) -> Result<DraftedMessage> {
                                  if (!drafted.ok())
                                      return drafted.error();
                                  // The tools only return templates that parse.
                                  const MessageTemplate parsed = MessageTemplate::parse(drafted.value()).value();
                                  DraftedMessage message{drafted.value(), parsed.usedVariables(), {}};
                                  const QDate today = QDate::currentDate();
                                  const double topSpenders = topSpenderThreshold(creator.fans);
                                  for (const Fan &fan : creator.fans) {
                                      if (!previewFanIds.contains(fan.id))
                                          continue;
                                      const QString text
                                          = parsed.render(fanMessageValues(fan, creator.profile, topSpenders, today, creator.currency));
                                      message.previews.append(QJsonObject{{QStringLiteral("fanId"), fan.id},
                                                                          {QStringLiteral("fanName"), fan.name},
                                                                          {QStringLiteral("text"), text}});
                                  }
                                  return message;
                              });
                      }),
                  [provider](const DraftedMessage &message) {
                      return HttpResponse::ofJson({{QStringLiteral("template"), message.source},
                                                   {QStringLiteral("variables"), QJsonArray::fromStringList(message.variables)},
                                                   {QStringLiteral("previews"), message.previews},
                                                   {QStringLiteral("provider"), provider}});
                  });
}

QJsonArray curveJson(const PricingOptimizer::Recommendation &recommendation)
{
    QJsonArray curve;
    for (qsizetype i = 0; i < recommendation.revenueCurve.size(); ++i) {
        curve.append(QJsonObject{{QStringLiteral("price"), recommendation.revenueCurve.at(i).x()},
                                 {QStringLiteral("revenue"), recommendation.revenueCurve.at(i).y()},
                                 {QStringLiteral("low"), recommendation.revenueLow.value(i).y()},
                                 {QStringLiteral("high"), recommendation.revenueHigh.value(i).y()}});
    }
    return curve;
}

QFuture<HttpResponse> pricingOptimizer(const ServerContext &context, const HttpRequest &request)
{
    return answer(
        withContext<CreatorContext>(context, request, agency::Permission::UsePricing, NeedsOffers,
                                    [](const CreatorContext &creator) { return readyFuture<CreatorContext>(creator); }),
        [](const CreatorContext &creator) {
            QList<OfferOutcome> history;
            for (const Offer &offer : creator.offers)
                history.append({offer.price, offer.recipients, offer.purchases});
            PricingOptimizer optimizer;
            optimizer.currency = creator.currency;
            const PricingOptimizer::Recommendation best = optimizer.recommend(history);
            return HttpResponse::ofJson({{QStringLiteral("price"), best.price},
                                         {QStringLiteral("low"), best.low},
                                         {QStringLiteral("high"), best.high},
                                         {QStringLiteral("purchaseProbability"), best.purchaseProbability},
                                         {QStringLiteral("revenuePerRecipient"), best.revenuePerRecipient},
                                         {QStringLiteral("offersUsed"), best.offersUsed},
                                         {QStringLiteral("recipientsUsed"), best.recipientsUsed},
                                         {QStringLiteral("mostlyPrior"), best.mostlyPrior},
                                         {QStringLiteral("explanation"), best.explanation},
                                         {QStringLiteral("currency"), creator.currency},
                                         {QStringLiteral("curve"), curveJson(best)}});
        },
        QtFuture::Launch::Async); // 400 sampled revenue curves over a 195-price grid: not on a database worker
}

using Tool = QFuture<HttpResponse> (*)(const ServerContext &, const HttpRequest &, const QJsonObject &);

const QList<QPair<QString, Tool>> &tools()
{
    static const QList<QPair<QString, Tool>> all{
        {QStringLiteral("content-ideas"), contentIdeas},
        {QStringLiteral("captions"), captions},
        {QStringLiteral("message-generator"), messageGenerator},
        {QStringLiteral("pricing-optimizer"),
         [](const ServerContext &context, const HttpRequest &request, const QJsonObject &) { return pricingOptimizer(context, request); }},
    };
    return all;
}

// The body of a tool route is the tool's input.
QFuture<HttpResponse> runTool(Tool tool, const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> input = request.jsonObject();
    if (!input.ok())
        return answerNow(input.error());
    return tool(context, request, input.value());
}

// The generic entry point: {"tool": "<name>", "input": {...}}.
QFuture<HttpResponse> generate(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QString> name = jsonfield::requiredString(body.value(), QStringLiteral("tool"), 40);
    if (!name.ok())
        return answerNow(name.error());
    const QJsonValue input = body.value().value(QStringLiteral("input"));
    if (!input.isUndefined() && !input.isNull() && !input.isObject())
        return answerNow(Error::validation(QStringLiteral("input"),
                                           QCoreApplication::translate("huntaze::server::AiRoutes", "\"input\" must be a JSON object.")));
    QStringList known;
    for (const auto &[toolName, tool] : tools()) {
        if (toolName == name.value())
            return tool(context, request, input.toObject());
        known.append(toolName);
    }
    return answerNow(Error::validation(QStringLiteral("tool"),
                                       QCoreApplication::translate("huntaze::server::AiRoutes", "Unknown tool \"%1\"; use one of: %2.")
                                           .arg(name.value(), known.join(QStringLiteral(", ")))));
}

} // namespace

void addAiRoutes(Router &router, const ServerContext &context)
{
    router.add("POST", QStringLiteral("/api/content-ideas/generate"),
               [context](const HttpRequest &r) { return runTool(contentIdeas, context, r); });
    router.add("POST", QStringLiteral("/api/ai-assistant/generate"), [context](const HttpRequest &r) { return generate(context, r); });
    for (const auto &[name, tool] : tools()) {
        router.add("POST", QStringLiteral("/api/ai-assistant/tools/") + name,
                   [context, tool = tool](const HttpRequest &r) { return runTool(tool, context, r); });
    }
}

} // namespace huntaze::server
