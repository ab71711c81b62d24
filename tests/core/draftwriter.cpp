// Writes drafts through the embedded backend as fast as it can, telling its
// parent on stdout each time a save is acknowledged, until it is killed:
// the subject of tst_draftcrash. Usage: draftwriter <database file>
#include "auth/passwordhasher.h"
#include "backend/embeddedbackend.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>

using namespace huntaze;

namespace {

// The body of save `n`: a header naming `n`, then filler long enough to
// cross SQLite pages, all derived from `n` so a torn row cannot pass for a
// whole one (draftcrash checks it).
QString bodyOf(int n)
{
    QRandomGenerator words(static_cast<quint32>(n));
    QString body = QStringLiteral("save %1\n").arg(n);
    const int length = 200 + static_cast<int>(words.bounded(6000));
    while (body.size() < length)
        body += QChar(u'a' + static_cast<char16_t>(words.bounded(26)));
    return body;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        std::fprintf(stderr, "usage: draftwriter <database file>\n");
        return 2;
    }
    EmbeddedBackend backend(app.arguments().at(1), PasswordHasher(PasswordHasher::minimumCost()));
    if (const Result<void> opened = test::await(backend.open()); !opened.ok())
        qFatal("open failed: %s", qPrintable(opened.error().message));
    const Result<User> user
        = test::await(backend.signUp({QStringLiteral("mia@example.com"), QStringLiteral("a long passphrase"), QStringLiteral("Mia")}));
    if (!user.ok())
        qFatal("sign-up failed: %s", qPrintable(user.error().message));
    std::printf("ready\n");
    std::fflush(stdout);
    Draft draft;
    for (int n = 1;; ++n) {
        if (n % 5 == 1)
            draft = Draft{}; // a new draft every fifth save; the others change the last one
        draft.title = QStringLiteral("Draft %1").arg(n / 5);
        draft.body = bodyOf(n);
        const Result<Draft> saved = test::await(backend.saveDraft(draft));
        if (!saved.ok())
            qFatal("save %d failed: %s", n, qPrintable(saved.error().message));
        draft = saved.value();
        std::printf("saved %s %d\n", qPrintable(draft.id), n);
        std::fflush(stdout);
    }
}
