#include "serverprovider.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace huntaze {

namespace {
// AI answers take longer than data calls.
ServerApi::Options aiCall(const QString &coalesceKey = {})
{
    ServerApi::Options options;
    options.coalesceKey = coalesceKey;
    options.timeout = std::chrono::seconds(90);
    return options;
}
} // namespace

ServerAiProvider::ServerAiProvider(ApiClient &client, const QUrl &serverUrl, ServerSession *session, ServerApi::CreatorSource creator,
                                   QObject *parent)
    : AIProvider(parent), m_api(client, serverUrl, session, std::move(creator))
{}

QString ServerAiProvider::displayName() const
{
    return QCoreApplication::translate("huntaze::ServerAiProvider", "Your Huntaze server (%1)").arg(m_api.serverUrl().host());
}

QFuture<Result<QList<ContentIdea>>> ServerAiProvider::contentIdeas(const IdeaRequest &request)
{
    QJsonObject input{{QStringLiteral("platform"), request.platform}, {QStringLiteral("count"), request.count}};
    if (!request.theme.trimmed().isEmpty())
        input.insert(QStringLiteral("theme"), request.theme);
    if (!request.tone.trimmed().isEmpty())
        input.insert(QStringLiteral("tone"), request.tone);
    return m_api.call("POST", QStringLiteral("/api/ai-assistant/tools/content-ideas"), input, aiCall(request.coalescingKey()))
        .then([](const Result<QJsonObject> &answer) -> Result<QList<ContentIdea>> {
            if (!answer.ok())
                return answer.error();
            QList<ContentIdea> ideas;
            for (const QJsonValue &idea : answer.value().value(QStringLiteral("ideas")).toArray())
                ideas.append(ContentIdea::fromJson(idea.toObject()));
            return ideas;
        });
}

QFuture<Result<CaptionSuggestions>> ServerAiProvider::captions(const CaptionRequest &request)
{
    const QJsonObject input{
        {QStringLiteral("text"), request.text}, {QStringLiteral("platform"), request.platform}, {QStringLiteral("count"), request.count}};
    return m_api.call("POST", QStringLiteral("/api/ai-assistant/tools/captions"), input, aiCall())
        .then([](const Result<QJsonObject> &answer) -> Result<CaptionSuggestions> {
            if (!answer.ok())
                return answer.error();
            CaptionSuggestions suggestions;
            for (const QJsonValue &caption : answer.value().value(QStringLiteral("captions")).toArray())
                suggestions.captions.append(caption.toString());
            // Already ranked by the server; the tools re-rank with the same history.
            for (const QJsonValue &tag : answer.value().value(QStringLiteral("hashtags")).toArray())
                suggestions.hashtags.append(tag.toObject().value(QStringLiteral("tag")).toString());
            return suggestions;
        });
}

QFuture<Result<QString>> ServerAiProvider::draftMessageTemplate(const QString &goal, const Profile &, const TokenSink &onToken)
{
    return m_api.call("POST", QStringLiteral("/api/ai-assistant/tools/message-generator"), {{QStringLiteral("goal"), goal}}, aiCall())
        .then([onToken](const Result<QJsonObject> &answer) -> Result<QString> {
            if (!answer.ok())
                return answer.error();
            const QString source = answer.value().value(QStringLiteral("template")).toString();
            if (onToken)
                onToken(source);
            return source;
        });
}

QFuture<Result<void>> ServerAiProvider::testConnection()
{
    return m_api.checkHealth();
}

} // namespace huntaze
