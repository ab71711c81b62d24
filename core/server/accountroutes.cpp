#include "accountroutes.h"

#include "agency/apikeys.h"
#include "agency/invitationcode.h"
#include "auth/sessiontoken.h"
#include "common/async.h"
#include "server/router.h"
#include "server/servercontext.h"
#include "storage/accountrepository.h"
#include "storage/agencyrepository.h"
#include "storage/passwordresetrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace huntaze::server {

namespace {

// The access token, and (on a server, where they expire) when it does and
// the refresh token that gets the next pair. `expiresIn` counts seconds, so a
// client whose clock is off still refreshes in time.
QJsonObject tokensJson(const AccountService::Session &session, const SessionPolicy &policy)
{
    QJsonObject json{{QStringLiteral("token"), session.token}};
    if (session.expiresAt.isValid()) {
        json.insert(QStringLiteral("expiresAt"), session.expiresAt.toString(Qt::ISODate));
        json.insert(QStringLiteral("expiresIn"), policy.now().secsTo(session.expiresAt));
        json.insert(QStringLiteral("refreshToken"), session.refreshToken);
        json.insert(QStringLiteral("refreshExpiresAt"), session.refreshExpiresAt.toString(Qt::ISODate));
    }
    return json;
}

QJsonObject sessionJson(const AccountService::Session &session, const SessionPolicy &policy)
{
    QJsonObject json = tokensJson(session, policy);
    json.insert(QStringLiteral("user"), session.user.toJson());
    return json;
}

// Strings only: the lengths and the rest are AccountService's rules.
Result<SignUpRequest> signUpFrom(const QJsonObject &json)
{
    SignUpRequest form;
    const std::pair<const char *, QString *> fields[]
        = {{"email", &form.email}, {"password", &form.password}, {"displayName", &form.displayName}, {"invitation", &form.invitation}};
    for (const auto &[key, into] : fields) {
        Result<QString> text = jsonfield::optionalString(json, QString::fromLatin1(key), INT_MAX);
        if (!text.ok())
            return text.error();
        *into = text.value();
    }
    return form;
}

QFuture<HttpResponse> signUp(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<SignUpRequest> form = signUpFrom(body.value());
    if (!form.ok())
        return answerNow(form.error());
    const SignUpRequest signUp = form.value();
    // Cheap checks first: a malformed form never costs a password hash.
    const Result<AccountService::ValidSignUp> checked = AccountService::checkSignUp(signUp);
    if (!checked.ok())
        return answerNow(checked.error());
    const AccountService accounts = context.accounts;
    SqlWorkerPool *database = &context.database;
    const AccountService::SignUp policy = context.openSignUp ? AccountService::SignUp::Open : AccountService::SignUp::FirstAccountOnly;
    const SessionPolicy sessions = context.sessions;
    const QFuture<Result<QByteArray>> hashed
        = context.hashing.run([accounts, password = signUp.password] { return accounts.hashPassword(password); });
    return answer(chainOn<Result<AccountService::Session>>(
                      hashed, context.home,
                      [database, valid = checked.value(), policy,
                       sessions](const Result<QByteArray> &hash) -> QFuture<Result<AccountService::Session>> {
                          if (!hash.ok())
                              return readyFuture<AccountService::Session>(hash.error());
                          return database->run<AccountService::Session>([valid, hash = hash.value(), policy, sessions](QSqlDatabase &db) {
                              return AccountService::createAccount(db, valid, hash, policy, sessions);
                          });
                      }),
                  [sessions](const AccountService::Session &session) { return HttpResponse::ofJson(sessionJson(session, sessions), 201); });
}

// One attempt from the account's sign-in budget (signing in, using a reset
// code): guessing one account's secret from many addresses spends the
// account's own budget, whether it exists or not (a refusal must not tell).
std::optional<HttpResponse> spendSignInAttempt(const ServerContext &context, const HttpRequest &request, const QString &normalizedEmail)
{
    if (!context.limiter || !context.limits.signIn.enabled())
        return std::nullopt;
    const RateDecision attempt = context.limiter->take(QStringLiteral("sign-in:") + normalizedEmail, context.limits.signIn);
    if (attempt.allowed)
        return std::nullopt;
    request.actor->rate = attempt;
    return HttpResponse::fromError(tooManyRequests(attempt));
}

QFuture<HttpResponse> signIn(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QString> emailField = jsonfield::optionalString(body.value(), QStringLiteral("email"), INT_MAX);
    const Result<QString> passwordField = jsonfield::optionalString(body.value(), QStringLiteral("password"), INT_MAX);
    const Result<QString> invitationField = jsonfield::optionalString(body.value(), QStringLiteral("invitation"), 100);
    for (const auto *field : {&emailField, &passwordField, &invitationField}) {
        if (!field->ok())
            return answerNow(field->error());
    }
    const QString password = passwordField.value();
    const Result<QString> email = AccountService::checkSignIn(emailField.value(), password);
    if (!email.ok())
        return answerNow(email.error());
    if (std::optional<HttpResponse> refused = spendSignInAttempt(context, request, email.value()))
        return answerNow(*refused);
    QString invitation;
    if (!invitationField.value().trimmed().isEmpty()) {
        invitation = agency::invitationcode::normalise(invitationField.value());
        if (invitation.isEmpty())
            return answerNow(AccountService::invalidInvitation());
    }
    // Database, then hashing, then database: no connection waits while Argon2id runs.
    const AccountService accounts = context.accounts;
    SqlWorkerPool *database = &context.database;
    HashingPool *hashing = &context.hashing;
    const SessionPolicy sessions = context.sessions;
    const QFuture<Result<AccountService::Candidate>> found = database->run<AccountService::Candidate>(
        [email = email.value()](QSqlDatabase &db) { return AccountService::findAccount(db, email); });
    const QFuture<Result<AccountService::Verified>> verified = chainOn<Result<AccountService::Verified>>(
        found, context.home,
        [accounts, hashing, password](const Result<AccountService::Candidate> &candidate) -> QFuture<Result<AccountService::Verified>> {
            if (!candidate.ok())
                return readyFuture<AccountService::Verified>(candidate.error());
            return hashing->run(
                [accounts, candidate = candidate.value(), password] { return accounts.verifyPassword(candidate, password); });
        });
    return answer(
        chainOn<Result<AccountService::Session>>(
            verified, context.home,
            [database, invitation, sessions](const Result<AccountService::Verified> &who) -> QFuture<Result<AccountService::Session>> {
                if (!who.ok())
                    return readyFuture<AccountService::Session>(who.error());
                return database->run<AccountService::Session>([who = who.value(), invitation, sessions](QSqlDatabase &db) {
                    return AccountService::openSession(db, who, invitation, sessions);
                });
            }),
        [sessions](const AccountService::Session &session) { return HttpResponse::ofJson(sessionJson(session, sessions)); });
}

QFuture<HttpResponse> refresh(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    // A token is 43 characters; anything much longer is not one.
    const Result<QString> token = jsonfield::optionalString(body.value(), QStringLiteral("refreshToken"), 256);
    if (!token.ok())
        return answerNow(token.error());
    if (token.value().isEmpty())
        return answerNow(Error::validation(
            QStringLiteral("refreshToken"),
            QCoreApplication::translate("huntaze::server::AccountRoutes", "Send the refresh token as \"refreshToken\".")));
    const SessionPolicy sessions = context.sessions;
    return answer(context.database.run<AccountService::Session>([token = token.value(), sessions, actor = request.actor](QSqlDatabase &db) {
        Result<AccountService::Session> session = AccountService::refresh(db, token, sessions);
        if (session.ok()) {
            actor->agencyId = session.value().user.agencyId;
            actor->userId = session.value().user.id;
        }
        return session;
    }),
                  [sessions](const AccountService::Session &session) { return HttpResponse::ofJson(tokensJson(session, sessions)); });
}

QFuture<HttpResponse> signOut(const ServerContext &context, const HttpRequest &request)
{
    const QString token = request.bearerToken();
    return answer(context.database.run<void>([token](QSqlDatabase &db) { return AccountService::signOut(db, token); }),
                  [] { return HttpResponse::noContent(); });
}

QFuture<HttpResponse> me(const ServerContext &context, const HttpRequest &request)
{
    const QString token = request.bearerToken();
    const Result<qint64> creatorId = ServerContext::requestedCreator(request);
    if (!creatorId.ok())
        return answerNow(creatorId.error());
    const auto describe = [creatorId = creatorId.value(), actor = request.actor, limiter = context.limiter,
                           budget = context.limits.api](const agency::Membership &member) -> Result<User> {
        actor->agencyId = member.agencyId;
        actor->userId = member.userId;
        if (Result<void> allowed = ServerContext::spend(limiter, budget, QStringLiteral("member:%1").arg(member.userId), *actor);
            !allowed.ok())
            return allowed.error();
        return AgencyRepository::userOf(member, creatorId);
    };
    const auto toResponse = [](const User &user) { return HttpResponse::ofJson({{QStringLiteral("user"), user.toJson()}}); };
    SessionCache *cache = agency::apikey::looksLikeKey(token) ? nullptr : context.sessionCache;
    const QByteArray digest = sessiontoken::digest(token);
    if (cache && !token.isEmpty()) {
        // The desktop asks at every start and every window: answered from memory when the session was seen lately.
        if (const std::optional<agency::Membership> kept = cache->find(digest, context.sessions.now()); kept && kept->creators) {
            const Result<User> user = describe(*kept);
            return answerNow(user.ok() ? toResponse(user.value()) : HttpResponse::fromError(user.error()));
        }
    }
    // Restoring stamps the session as used (at most once a minute, and once per cache lifetime with the cache).
    return answer(
        context.database.run<User>([token, digest, sessions = context.sessions, cache, describe](QSqlDatabase &db) -> Result<User> {
            const SessionCache::Generation askedAt = cache ? cache->generation() : 0;
            const Result<agency::Membership> member = AccountService::restoreMember(db, token, sessions);
            if (!member.ok())
                return member.error();
            if (cache)
                cache->store(digest, member.value(), askedAt, sessions.now());
            return describe(member.value());
        }),
        toResponse);
}

QFuture<HttpResponse> updateProfile(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<Profile> profile = Profile::parse(body.value());
    if (!profile.ok())
        return answerNow(profile.error());
    const Result<qint64> creatorId = ServerContext::requestedCreator(request);
    if (!creatorId.ok())
        return answerNow(creatorId.error());
    return answer(context.forMember<User>(
                      request,
                      [profile = profile.value(), creatorId = creatorId.value()](QSqlDatabase &db, const agency::Membership &member) {
                          return AccountService::saveCreatorProfile(db, member, creatorId, profile);
                      }),
                  [](const User &user) {
                      return HttpResponse::ofJson({{QStringLiteral("user"), user.toJson()}});
                  });
}

QFuture<HttpResponse> changePassword(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QString> current = jsonfield::optionalString(body.value(), QStringLiteral("currentPassword"), 1024);
    const Result<QString> next = jsonfield::optionalString(body.value(), QStringLiteral("newPassword"), 1024);
    for (const auto *field : {&current, &next}) {
        if (!field->ok())
            return answerNow(field->error());
    }
    if (Result<void> checked = AccountService::checkPasswordChange(current.value(), next.value()); !checked.ok())
        return answerNow(checked.error());
    // Database, then hashing, then database, as for signing in.
    const AccountService accounts = context.accounts;
    HashingPool *hashing = &context.hashing;
    const QString token = request.bearerToken();
    const QFuture<Result<AccountService::PasswordChange>> stored = context.forMember<AccountService::PasswordChange>(
        request, [](QSqlDatabase &db, const agency::Membership &member) { return AccountService::passwordOf(db, member); });
    const QFuture<Result<QByteArray>> hashed
        = chainOn<Result<QByteArray>>(stored, context.home,
                                      [accounts, hashing, current = current.value(), next = next.value()](
                                          const Result<AccountService::PasswordChange> &change) -> QFuture<Result<QByteArray>> {
                                          if (!change.ok())
                                              return readyFuture<QByteArray>(change.error());
                                          return hashing->run([accounts, change = change.value(), current, next] {
                                              return accounts.verifyAndHash(change, current, next);
                                          });
                                      });
    return answer(chainOn<Result<void>>(hashed, context.home,
                                        [context, request, token](const Result<QByteArray> &hash) -> QFuture<Result<void>> {
                                            if (!hash.ok())
                                                return readyFuture<void>(hash.error());
                                            return context.forMember<void>(
                                                request, [token, hash = hash.value()](QSqlDatabase &db, const agency::Membership &member) {
                                                    return AccountService::storePassword(db, member, token, hash);
                                                });
                                        }),
                  [] { return HttpResponse::noContent(); });
}

QFuture<HttpResponse> issueReset(const ServerContext &context, const HttpRequest &request)
{
    const Result<qint64> userId = ServerContext::pathId(request, QStringLiteral("userId"));
    if (!userId.ok())
        return answerNow(userId.error());
    const QDateTime now = context.sessions.now();
    return answer(context.forMember<PasswordResetRepository::Issued>(
                      request,
                      [userId = userId.value(), now](QSqlDatabase &db, const agency::Membership &member) {
                          return PasswordResetRepository(db).issue(member, userId, now);
                      }),
                  [](const PasswordResetRepository::Issued &issued) {
                      // Shown once, to pass on by hand: Huntaze sends no email.
                      return HttpResponse::ofJson({{QStringLiteral("code"), issued.code},
                                                   {QStringLiteral("expiresAt"), issued.expiresAt.toUTC().toString(Qt::ISODate)}},
                                                  201);
                  });
}

QFuture<HttpResponse> resetPassword(const ServerContext &context, const HttpRequest &request)
{
    const Result<QJsonObject> body = request.jsonObject();
    if (!body.ok())
        return answerNow(body.error());
    const Result<QString> emailField = jsonfield::optionalString(body.value(), QStringLiteral("email"), 1024);
    const Result<QString> code = jsonfield::optionalString(body.value(), QStringLiteral("code"), 100);
    const Result<QString> next = jsonfield::optionalString(body.value(), QStringLiteral("newPassword"), 1024);
    for (const auto *field : {&emailField, &code, &next}) {
        if (!field->ok())
            return answerNow(field->error());
    }
    const Result<QString> email = AccountService::checkPasswordReset(emailField.value(), code.value(), next.value());
    if (!email.ok())
        return answerNow(email.error());
    if (std::optional<HttpResponse> refused = spendSignInAttempt(context, request, email.value()))
        return answerNow(*refused);
    const AccountService accounts = context.accounts;
    SqlWorkerPool *database = &context.database;
    const SessionPolicy sessions = context.sessions;
    const QFuture<Result<QByteArray>> hashed
        = context.hashing.run([accounts, password = next.value()] { return accounts.hashPassword(password); });
    return answer(chainOn<Result<void>>(
                      hashed, context.home,
                      [database, code = code.value(), email = email.value(), sessions,
                       actor = request.actor](const Result<QByteArray> &hash) -> QFuture<Result<void>> {
                          if (!hash.ok())
                              return readyFuture<void>(hash.error());
                          return database->run<void>([code, email, hash = hash.value(), sessions, actor](QSqlDatabase &db) -> Result<void> {
                              const Result<agency::Membership> member = AccountService::resetPassword(db, code, email, hash, sessions);
                              if (!member.ok())
                                  return member.error();
                              // Named, so the log line says whose, and this instance forgets the login's sessions at once.
                              actor->agencyId = member.value().agencyId;
                              actor->userId = member.value().userId;
                              return Result<void>::success();
                          });
                      }),
                  [] { return HttpResponse::noContent(); });
}

} // namespace

void addAccountRoutes(Router &router, const ServerContext &context)
{
    router.addPublic("POST", QStringLiteral("/api/auth/reset-password"),
                     [context](const HttpRequest &r) { return resetPassword(context, r); });
    router.add("POST", QStringLiteral("/api/agency/members/{userId}/password-reset"),
               [context](const HttpRequest &r) { return issueReset(context, r); });
    router.addPublic("POST", QStringLiteral("/api/auth/sign-up"), [context](const HttpRequest &r) { return signUp(context, r); });
    router.addPublic("POST", QStringLiteral("/api/auth/sign-in"), [context](const HttpRequest &r) { return signIn(context, r); });
    // The seed's paths, for tools written against its API.
    router.addPublic("POST", QStringLiteral("/api/auth/signup"), [context](const HttpRequest &r) { return signUp(context, r); });
    router.addPublic("POST", QStringLiteral("/api/auth/signin"), [context](const HttpRequest &r) { return signIn(context, r); });
    router.addPublic("POST", QStringLiteral("/api/auth/refresh"), [context](const HttpRequest &r) { return refresh(context, r); });
    router.add("POST", QStringLiteral("/api/auth/password"), [context](const HttpRequest &r) { return changePassword(context, r); });
    router.add("POST", QStringLiteral("/api/auth/sign-out-everywhere"), [context](const HttpRequest &request) {
        return answer(
            context.forMember<void>(
                request, [](QSqlDatabase &db, const agency::Membership &member) { return AccountService::signOutEverywhere(db, member); }),
            [] { return HttpResponse::noContent(); });
    });
    router.add("POST", QStringLiteral("/api/auth/sign-out"), [context](const HttpRequest &r) { return signOut(context, r); });
    router.add("GET", QStringLiteral("/api/me"), [context](const HttpRequest &r) { return me(context, r); });
    router.add("PUT", QStringLiteral("/api/me/profile"), [context](const HttpRequest &r) { return updateProfile(context, r); });
}

} // namespace huntaze::server
