#pragma once

#include "ai/contentidea.h"
#include "common/result.h"

#include <QFuture>
#include <QObject>

#include <functional>

namespace huntaze {

// Where generated text comes from: the built-in offline generator or an
// OpenAI-compatible service. Results are raw: the tools (contenttools.h)
// enforce platform limits and restricted words on whatever comes back.
class AIProvider : public QObject
{
    Q_OBJECT
public:
    // Receives streamed text as it arrives, on the provider's thread.
    using TokenSink = std::function<void(const QString &chunk)>;

    using QObject::QObject;

    virtual QString displayName() const = 0;
    // Offline suggestions are labelled as such in the UI.
    virtual bool isOffline() const = 0;

    virtual QFuture<Result<QList<ContentIdea>>> contentIdeas(const IdeaRequest &request) = 0;
    // Caption variants for a post idea or draft, and hashtags that fit it.
    virtual QFuture<Result<CaptionSuggestions>> captions(const CaptionRequest &request) = 0;
    // A fan message template (MessageTemplate syntax) for a goal such as
    // "re-engage fans inactive 30 days"; streamed through `onToken` when the provider can.
    virtual QFuture<Result<QString>> draftMessageTemplate(const QString &goal, const Profile &profile, const TokenSink &onToken = {}) = 0;
    // Checks that the provider answers (key, address, model); offline always does.
    virtual QFuture<Result<void>> testConnection() = 0;
};

} // namespace huntaze
