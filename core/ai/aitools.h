#pragma once

#include "ai/aiprovider.h"
#include "ai/contentidea.h"
#include "ai/hashtagranker.h"
#include "ai/restrictedwords.h"
#include "domain/fan.h"

#include <QFuture>
#include <QObject>

#include <memory>

namespace huntaze {

// The AI tools as the pages use them, over whichever provider is chosen:
// every result passes the same checks (platform limits, restricted words,
// duplicates), so switching provider never loosens them.
class AiTools : public QObject
{
    Q_OBJECT
public:
    explicit AiTools(std::unique_ptr<AIProvider> provider, QObject *parent = nullptr);
    ~AiTools() override;

    AIProvider &provider() { return *m_provider; }
    void setProvider(std::unique_ptr<AIProvider> provider);

    const RestrictedWords &restrictedWords() const { return m_restricted; }
    void setRestrictedWords(RestrictedWords words);

    QFuture<Result<QList<ContentIdea>>> contentIdeas(const IdeaRequest &request) { return contentIdeas(request, m_restricted); }
    // With another creator's list: huntaze-server serves many creators through one AiTools.
    QFuture<Result<QList<ContentIdea>>> contentIdeas(const IdeaRequest &request, const RestrictedWords &restricted);
    struct Captions {
        QStringList captions; // within the platform's length, none restricted, no duplicates
        QList<RankedHashtag> hashtags; // best first, within the platform's count
    };
    // Caption variants for a post idea or text, with hashtags ranked by the
    // creator's own past engagement (`history`) when there is some, else by fit.
    QFuture<Result<Captions>> captions(const CaptionRequest &request, const QList<Post> &history)
    {
        return captions(request, history, m_restricted);
    }
    QFuture<Result<Captions>> captions(const CaptionRequest &request, const QList<Post> &history, const RestrictedWords &restricted);

    QFuture<Result<QString>> draftMessageTemplate(const QString &goal, const Profile &profile, const AIProvider::TokenSink &onToken = {})
    {
        return draftMessageTemplate(goal, profile, m_restricted, onToken);
    }
    QFuture<Result<QString>> draftMessageTemplate(const QString &goal, const Profile &profile, const RestrictedWords &restricted,
                                                  const AIProvider::TokenSink &onToken = {});

    // What the creator's fans bought most, weighted by what those fans spent: best first.
    static QStringList popularPurchases(const QList<Fan> &fans, int limit = 3);

Q_SIGNALS:
    void providerChanged();
    void restrictedWordsChanged();

private:
    std::unique_ptr<AIProvider> m_provider;
    RestrictedWords m_restricted = RestrictedWords::platformDefaults();
};

} // namespace huntaze
