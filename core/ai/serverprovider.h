#pragma once

#include "ai/aiprovider.h"
#include "backend/serverapi.h"

namespace huntaze {

// The AI tools as huntaze-server runs them (/api/ai-assistant/tools/...): the
// server works from the creator's profile, data and restricted words, with
// the AI provider its administrator chose, whose key never reaches this
// computer. Used whenever the app is connected to a server.
class ServerAiProvider : public AIProvider
{
    Q_OBJECT
public:
    ServerAiProvider(ApiClient &client, const QUrl &serverUrl, ServerSession *session, ServerApi::CreatorSource creator = {},
                     QObject *parent = nullptr);

    QString displayName() const override;
    bool isOffline() const override { return false; }
    QFuture<Result<QList<ContentIdea>>> contentIdeas(const IdeaRequest &request) override;
    QFuture<Result<CaptionSuggestions>> captions(const CaptionRequest &request) override;
    // The server answers in one piece: `onToken` receives the whole template once.
    QFuture<Result<QString>> draftMessageTemplate(const QString &goal, const Profile &profile, const TokenSink &onToken = {}) override;
    QFuture<Result<void>> testConnection() override;

private:
    ServerApi m_api;
};

} // namespace huntaze
