#include "aitools.h"

#include "ai/contenttools.h"
#include "ai/messagetemplate.h"
#include "common/async.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace huntaze {

AiTools::AiTools(std::unique_ptr<AIProvider> provider, QObject *parent) : QObject(parent), m_provider(std::move(provider))
{}

AiTools::~AiTools() = default;

void AiTools::setProvider(std::unique_ptr<AIProvider> provider)
{
    m_provider = std::move(provider);
    Q_EMIT providerChanged();
}

void AiTools::setRestrictedWords(RestrictedWords words)
{
    if (words == m_restricted)
        return;
    m_restricted = std::move(words);
    Q_EMIT restrictedWordsChanged();
}

QFuture<Result<QList<ContentIdea>>> AiTools::contentIdeas(const IdeaRequest &request, const RestrictedWords &restricted)
{
    QFuture<Result<QList<ContentIdea>>> generating = m_provider->contentIdeas(request);
    QFuture<Result<QList<ContentIdea>>> finished
        = generating.then([request, restricted](const Result<QList<ContentIdea>> &ideas) -> Result<QList<ContentIdea>> {
              if (!ideas.ok())
                  return ideas;
              QList<ContentIdea> finished = contenttools::finish(ideas.value(), request.platform, request.count, restricted);
              if (finished.isEmpty())
                  return Error(ErrorCode::MalformedResponse,
                               QCoreApplication::translate("huntaze::AiTools",
                                                           "No usable idea came back. Try another theme or fewer restrictions."));
              return finished;
          });
    cancelUpstreamWith(finished, generating, this); // Stop on the page aborts the provider's call
    return finished;
}

QFuture<Result<AiTools::Captions>> AiTools::captions(const CaptionRequest &request, const QList<Post> &history,
                                                     const RestrictedWords &restricted)
{
    QFuture<Result<CaptionSuggestions>> suggesting = m_provider->captions(request);
    QFuture<Result<Captions>> finished
        = suggesting.then([request, history, restricted](const Result<CaptionSuggestions> &suggested) -> Result<Captions> {
              if (!suggested.ok())
                  return suggested.error();
              const PlatformRules rules = PlatformRules::of(request.platform);
              Captions result;
              for (const QString &caption : suggested.value().captions) {
                  const QString fitted = contenttools::fitCaption(caption, rules.captionLimit);
                  if (!fitted.isEmpty() && restricted.allows(fitted) && !result.captions.contains(fitted))
                      result.captions.append(fitted);
              }
              if (result.captions.isEmpty())
                  return Error(ErrorCode::MalformedResponse,
                               QCoreApplication::translate("huntaze::AiTools",
                                                           "No usable caption came back: every one broke a rule. Try other words."));
              const QStringList candidates = contenttools::cleanHashtags(suggested.value().hashtags, 50, restricted);
              for (const RankedHashtag &tag : rankHashtags(candidates, history, 50)) {
                  if (result.hashtags.size() >= rules.hashtagLimit)
                      break;
                  if (restricted.allows(tag.tag))
                      result.hashtags.append(tag);
              }
              return result;
          });
    cancelUpstreamWith(finished, suggesting, this);
    return finished;
}

QFuture<Result<QString>> AiTools::draftMessageTemplate(const QString &goal, const Profile &profile, const RestrictedWords &restricted,
                                                       const AIProvider::TokenSink &onToken)
{
    return m_provider->draftMessageTemplate(goal, profile, onToken).then([restricted](const Result<QString> &text) -> Result<QString> {
        if (!text.ok())
            return text;
        // A draft must be usable as it is: valid template syntax, nothing restricted.
        const Result<MessageTemplate> parsed = MessageTemplate::parse(text.value());
        if (!parsed.ok())
            return Error(ErrorCode::MalformedResponse,
                         QCoreApplication::translate("huntaze::AiTools", "The suggested message was not a valid template: %1")
                             .arg(parsed.error().message));
        if (!restricted.allows(text.value()))
            return Error(ErrorCode::Validation,
                         QCoreApplication::translate("huntaze::AiTools",
                                                     "The suggested message used a restricted word, so it was discarded. Try again."));
        return text;
    });
}

QStringList AiTools::popularPurchases(const QList<Fan> &fans, int limit)
{
    QHash<QString, double> weight;
    for (const Fan &fan : fans) {
        if (!fan.lastPurchase.trimmed().isEmpty())
            weight[fan.lastPurchase.trimmed()] += 1.0 + fan.totalSpend / 100.0;
    }
    QStringList purchases = weight.keys();
    std::sort(purchases.begin(), purchases.end(), [&](const QString &a, const QString &b) {
        return weight.value(a) != weight.value(b) ? weight.value(a) > weight.value(b) : a < b;
    });
    return purchases.mid(0, limit);
}

} // namespace huntaze
