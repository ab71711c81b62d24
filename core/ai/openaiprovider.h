#pragma once

#include "ai/aiprovider.h"

#include <QJsonObject>
#include <QUrl>

namespace huntaze {

class ApiClient;

// Any server that speaks OpenAI's Chat Completions API: OpenAI, Azure OpenAI,
// Ollama, llama.cpp's server, vLLM, LM Studio. Calls go through the resilient
// ApiClient (breaker "ai-provider", retries, rate limits); structured answers
// use JSON mode; fan message drafts stream token by token.
class OpenAiProvider : public AIProvider
{
    Q_OBJECT
public:
    struct Config {
        QUrl baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
        QString model = QStringLiteral("gpt-4o-mini");
        QString apiKey; // from the keychain; empty for local servers that need none
        std::chrono::milliseconds timeout{60000};
    };

    OpenAiProvider(ApiClient &client, Config config, QObject *parent = nullptr);

    QString displayName() const override;
    bool isOffline() const override { return false; }
    QFuture<Result<QList<ContentIdea>>> contentIdeas(const IdeaRequest &request) override;
    QFuture<Result<CaptionSuggestions>> captions(const CaptionRequest &request) override;
    QFuture<Result<QString>> draftMessageTemplate(const QString &goal, const Profile &profile, const TokenSink &onToken = {}) override;
    QFuture<Result<void>> testConnection() override;

    static constexpr const char *serviceName = "ai-provider";

private:
    QUrl endpoint(const QString &path) const;
    // A Chat Completions call in JSON mode; the future gives the parsed JSON object of the answer.
    QFuture<Result<QJsonObject>> completeJson(const QString &system, const QString &user, const QString &coalesceKey);
    // Messages for the provider-specific failures (bad key, unknown model).
    static Error explain(const Error &error, const QString &model);

    ApiClient &m_client;
    Config m_config;
};

} // namespace huntaze
