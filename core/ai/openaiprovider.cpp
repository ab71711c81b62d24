#include "openaiprovider.h"

#include "ai/messagetemplate.h"
#include "common/async.h"
#include "net/apiclient.h"
#include "net/ssestream.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QUuid>

#include <memory>

namespace huntaze {

namespace {

QJsonObject message(const QString &role, const QString &content)
{
    return {{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

QString profileSummary(const Profile &profile)
{
    QStringList platforms;
    for (const QString &id : profile.platforms)
        platforms.append(platforms::displayName(id));
    return QStringLiteral("Creator: %1. Niche: %2. Audience: %3. Tone of voice: %4. Platforms: %5.")
        .arg(profile.displayName, profile.niche, profile.audience, profile.tone, platforms.join(QStringLiteral(", ")));
}

Error malformed(const QString &detail)
{
    return Error(ErrorCode::MalformedResponse,
                 QCoreApplication::translate("huntaze::OpenAiProvider",
                                             "The AI provider answered in a form Huntaze cannot read. Try again, or "
                                             "choose another model in Settings."),
                 detail);
}

} // namespace

OpenAiProvider::OpenAiProvider(ApiClient &client, Config config, QObject *parent)
    : AIProvider(parent), m_client(client), m_config(std::move(config))
{}

QString OpenAiProvider::displayName() const
{
    return tr("%1 at %2").arg(m_config.model, m_config.baseUrl.host());
}

QUrl OpenAiProvider::endpoint(const QString &path) const
{
    QUrl url = m_config.baseUrl;
    const QString base = url.path();
    url.setPath(base.endsWith(u'/') ? QString(base + path) : QString(base + u'/' + path));
    return url;
}

Error OpenAiProvider::explain(const Error &error, const QString &model)
{
    if (error.code == ErrorCode::HttpStatus && (error.httpStatus == 401 || error.httpStatus == 403)) {
        Error explained = error;
        explained.message = QCoreApplication::translate("huntaze::OpenAiProvider",
                                                        "The AI provider refused the API key. Check the key in Settings → AI.");
        return explained;
    }
    if (error.code == ErrorCode::HttpStatus && error.httpStatus == 404) {
        Error explained = error;
        explained.message
            = QCoreApplication::translate("huntaze::OpenAiProvider",
                                          "The AI provider does not know the model \"%1\" or the address. Check Settings → AI.")
                  .arg(model);
        return explained;
    }
    return error;
}

QFuture<Result<QList<ContentIdea>>> OpenAiProvider::contentIdeas(const IdeaRequest &request)
{
    const QString system = QStringLiteral(
        "You help online creators plan posts. Answer with JSON only: {\"ideas\": [{\"title\": string, \"description\": string, "
        "\"format\": one of \"photo set\", \"video\", \"live\", \"story\", \"poll\", \"caption\": string, \"hashtags\": [string]}]}. "
        "Captions are ready to post, in the creator's tone; hashtags have no '#'. Never mention minors, non-consent, "
        "off-platform payment or meeting in person.");
    const PlatformRules rules = PlatformRules::of(request.platform);
    QString user = profileSummary(request.profile)
        + QStringLiteral(" Write %1 distinct content ideas for %2. Captions at most %3 characters, at most %4 hashtags.")
              .arg(request.count)
              .arg(platforms::displayName(request.platform))
              .arg(rules.captionLimit)
              .arg(rules.hashtagLimit);
    if (!request.theme.isEmpty())
        user += QStringLiteral(" Theme: %1.").arg(request.theme);
    if (!request.tone.isEmpty())
        user += QStringLiteral(" Tone for these: %1.").arg(request.tone);
    if (!request.popularPurchases.isEmpty())
        user += QStringLiteral(" What fans bought most: %1.").arg(request.popularPurchases.join(QStringLiteral("; ")));

    QFuture<Result<QJsonObject>> answering = completeJson(system, user, request.coalescingKey());
    QFuture<Result<QList<ContentIdea>>> ideas = answering.then([](const Result<QJsonObject> &answer) -> Result<QList<ContentIdea>> {
        if (!answer.ok())
            return answer.error();
        if (!answer.value().value(QStringLiteral("ideas")).isArray())
            return malformed(QStringLiteral("no ideas array"));
        QList<ContentIdea> ideas;
        for (const auto &idea : answer.value().value(QStringLiteral("ideas")).toArray())
            ideas.append(ContentIdea::fromJson(idea.toObject()));
        return ideas;
    });
    cancelUpstreamWith(ideas, answering, &m_client);
    return ideas;
}

QFuture<Result<CaptionSuggestions>> OpenAiProvider::captions(const CaptionRequest &request)
{
    const PlatformRules rules = PlatformRules::of(request.platform);
    const QString system = QStringLiteral(
        "You write social media captions for an online creator. Answer with JSON only: {\"captions\": [string], \"hashtags\": [string]}. "
        "Hashtags have no '#'. Never mention minors, non-consent, off-platform payment or meeting in person.");
    const QString user = profileSummary(request.profile)
        + QStringLiteral(" Write %1 different captions for %2, each at most %3 characters, and up to %4 fitting hashtags, for: %5")
              .arg(request.count)
              .arg(platforms::displayName(request.platform))
              .arg(rules.captionLimit)
              .arg(std::max(rules.hashtagLimit, 5))
              .arg(request.text);
    QFuture<Result<QJsonObject>> answering = completeJson(system, user, {});
    QFuture<Result<CaptionSuggestions>> captions = answering.then([](const Result<QJsonObject> &answer) -> Result<CaptionSuggestions> {
        if (!answer.ok())
            return answer.error();
        CaptionSuggestions suggestions;
        for (const auto &caption : answer.value().value(QStringLiteral("captions")).toArray())
            suggestions.captions.append(caption.toString());
        for (const auto &tag : answer.value().value(QStringLiteral("hashtags")).toArray())
            suggestions.hashtags.append(tag.toString());
        if (suggestions.captions.isEmpty())
            return malformed(QStringLiteral("no captions"));
        return suggestions;
    });
    cancelUpstreamWith(captions, answering, &m_client);
    return captions;
}

QFuture<Result<QJsonObject>> OpenAiProvider::completeJson(const QString &system, const QString &user, const QString &coalesceKey)
{
    QJsonObject body{
        {QStringLiteral("model"), m_config.model},
        {QStringLiteral("messages"), QJsonArray{message(QStringLiteral("system"), system), message(QStringLiteral("user"), user)}},
        {QStringLiteral("temperature"), 0.8},
        {QStringLiteral("response_format"), QJsonObject{{QStringLiteral("type"), QStringLiteral("json_object")}}}};
    ApiRequest call = ApiRequest::post(endpoint(QStringLiteral("chat/completions")), QJsonDocument(body));
    call.bearerToken = m_config.apiKey;
    call.service = QString::fromLatin1(serviceName);
    call.timeout = m_config.timeout;
    call.coalesceKey = coalesceKey; // identical requests share one generation
    call.idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces); // generating has no side effect: safe to retry

    // Continuations capture values, never `this`: the provider may be replaced while a call runs.
    QFuture<Result<ApiResponse>> sending = m_client.send(call);
    QFuture<Result<QJsonObject>> answered
        = sending.then([model = m_config.model](const Result<ApiResponse> &response) -> Result<QJsonObject> {
              if (!response.ok())
                  return explain(response.error(), model);
              const QString content = response.value()
                                          .json.object()
                                          .value(QStringLiteral("choices"))
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value(QStringLiteral("message"))
                                          .toObject()
                                          .value(QStringLiteral("content"))
                                          .toString();
              QJsonParseError parseError{};
              const QJsonDocument parsed = QJsonDocument::fromJson(content.toUtf8(), &parseError);
              if (parseError.error != QJsonParseError::NoError || !parsed.isObject())
                  return malformed(QStringLiteral("answer JSON: %1").arg(parseError.errorString()));
              return parsed.object();
          });
    // Cancelling the answer aborts the HTTP call; the client outlives providers.
    cancelUpstreamWith(answered, sending, &m_client);
    return answered;
}

QFuture<Result<QString>> OpenAiProvider::draftMessageTemplate(const QString &goal, const Profile &profile, const TokenSink &onToken)
{
    QStringList fields;
    for (const MessageTemplate::Variable &variable : MessageTemplate::fanVariables())
        fields.append(QStringLiteral("{{%1}} (%2)").arg(variable.name, variable.description));
    const QString system
        = QStringLiteral(
              "You write short, warm direct messages from a creator to one fan. Write a template, not a finished message: "
              "use these fields: %1. A fallback follows a bar: {{fan.first_name|babe}}. Sections show text only when a field "
              "is set: {{#fan.last_purchase}}...{{/fan.last_purchase}}; inverted: {{^field}}...{{/field}}. Use no other "
              "fields. Answer with the template only. Never mention minors, non-consent, off-platform payment or meeting in person.")
              .arg(fields.join(QStringLiteral(", ")));
    const QString user = profileSummary(profile) + QStringLiteral(" Goal of the message: %1").arg(goal);

    auto promise = std::make_shared<QPromise<Result<QString>>>();
    promise->start();
    auto text = std::make_shared<QString>();
    auto stream = std::make_shared<SseStream>();
    auto failure = std::make_shared<QString>();
    auto handleEvents = [text, onToken, failure](const QList<QByteArray> &events) {
        for (const QByteArray &event : events) {
            if (event.trimmed() == "[DONE]" || !failure->isEmpty())
                continue; // after a broken event, the text has a hole: nothing more is shown
            QJsonParseError parseError{};
            const QJsonObject object = QJsonDocument::fromJson(event, &parseError).object();
            if (parseError.error != QJsonParseError::NoError) {
                *failure = QStringLiteral("stream event: %1").arg(parseError.errorString());
                continue;
            }
            const QString delta = object.value(QStringLiteral("choices"))
                                      .toArray()
                                      .at(0)
                                      .toObject()
                                      .value(QStringLiteral("delta"))
                                      .toObject()
                                      .value(QStringLiteral("content"))
                                      .toString();
            if (delta.isEmpty())
                continue;
            *text += delta;
            if (onToken)
                onToken(delta);
        }
    };

    QJsonObject body{
        {QStringLiteral("model"), m_config.model},
        {QStringLiteral("messages"), QJsonArray{message(QStringLiteral("system"), system), message(QStringLiteral("user"), user)}},
        {QStringLiteral("temperature"), 0.7},
        {QStringLiteral("stream"), true}};
    ApiRequest call = ApiRequest::post(endpoint(QStringLiteral("chat/completions")), QJsonDocument(body));
    call.bearerToken = m_config.apiKey;
    call.service = QString::fromLatin1(serviceName);
    call.timeout = m_config.timeout;
    call.idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    call.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")});
    call.onData = [stream, handleEvents](const QByteArray &chunk) { handleEvents(stream->feed(chunk)); };

    QFuture<Result<ApiResponse>> sending = m_client.send(call);
    sending
        .then([model = m_config.model, promise, text, stream, handleEvents, failure](const Result<ApiResponse> &response) {
            if (!response.ok()) {
                promise->addResult(explain(response.error(), model));
            } else {
                handleEvents(stream->finish());
                if (!failure->isEmpty())
                    promise->addResult(malformed(*failure));
                else if (text->trimmed().isEmpty())
                    promise->addResult(malformed(QStringLiteral("empty stream")));
                else
                    promise->addResult(text->trimmed());
            }
            promise->finish();
        })
        .onCanceled([promise] { promise->finish(); });
    // Cancelling the draft (QFuture::cancel) stops the stream itself, even if
    // this provider has been replaced meanwhile: the client outlives providers.
    cancelUpstreamWith(promise->future(), sending, &m_client);
    return promise->future();
}

QFuture<Result<void>> OpenAiProvider::testConnection()
{
    ApiRequest call = ApiRequest::get(endpoint(QStringLiteral("models")));
    call.bearerToken = m_config.apiKey;
    call.service = QString::fromLatin1(serviceName);
    call.timeout = std::chrono::milliseconds(15000);
    call.retry = RetryPolicy::none();
    return m_client.send(call).then([model = m_config.model](const Result<ApiResponse> &response) -> Result<void> {
        if (!response.ok())
            return explain(response.error(), model);
        return Result<void>::success();
    });
}

} // namespace huntaze
