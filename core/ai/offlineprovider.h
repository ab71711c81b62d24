#pragma once

#include "ai/aiprovider.h"

namespace huntaze {

// Suggestions with no network and no key: a deterministic generator built
// from the creator's profile (niche, audience, tone), the options asked for,
// and what their fans bought most. It fills format-specific templates with
// the creator's own vocabulary, then ranks the candidates: proven topics
// first, varied formats, the requested theme honoured. The same request
// always gives the same ideas.
class OfflineProvider : public AIProvider
{
    Q_OBJECT
public:
    using AIProvider::AIProvider;

    QString displayName() const override;
    bool isOffline() const override { return true; }
    QFuture<Result<QList<ContentIdea>>> contentIdeas(const IdeaRequest &request) override;
    QFuture<Result<CaptionSuggestions>> captions(const CaptionRequest &request) override;
    QFuture<Result<QString>> draftMessageTemplate(const QString &goal, const Profile &profile, const TokenSink &onToken = {}) override;
    QFuture<Result<void>> testConnection() override;

    // The generators themselves, synchronous and pure, for tests and benchmarks.
    static QList<ContentIdea> generateIdeas(const IdeaRequest &request);
    static QString generateTemplate(const QString &goal, const Profile &profile);
    static CaptionSuggestions generateCaptions(const CaptionRequest &request);
    // Significant words of a text (lower case, no stop words), in order of appearance.
    static QStringList keywords(const QString &text);
};

} // namespace huntaze
