#include "backend.h"

#include "common/async.h"

#include <QCoreApplication>

namespace huntaze {

Error Backend::teamNeedsAServer()
{
    return Error{ErrorCode::Forbidden,
                 QCoreApplication::translate("huntaze::Backend",
                                             "Chatters, invitations and roles need a Huntaze server: your data is on this computer, "
                                             "where you are its only member. Settings → Your data connects to a server."),
                 QStringLiteral("no team on this backend")};
}

QFuture<Result<void>> Backend::changePassword(const QString &, const QString &)
{
    return readyFuture<void>(
        Error{ErrorCode::Internal, QCoreApplication::translate("huntaze::Backend", "Passwords cannot be changed here.")});
}

QFuture<Result<void>> Backend::resetPassword(const QString &, const QString &, const QString &)
{
    return readyFuture<void>(Error{ErrorCode::Forbidden,
                                   QCoreApplication::translate("huntaze::Backend",
                                                               "Reset codes are for accounts on a Huntaze server. An account on this "
                                                               "computer has no one to issue one."),
                                   QStringLiteral("no reset codes on this backend")});
}

QFuture<Result<void>> Backend::signOutEverywhere()
{
    return signOut();
}

QFuture<Result<Creator>> Backend::addCreator(const Profile &)
{
    return readyFuture<Creator>(teamNeedsAServer());
}

QFuture<Result<int>> Backend::addDemoAgency()
{
    return readyFuture<int>(Error{ErrorCode::Forbidden,
                                  QCoreApplication::translate("huntaze::Backend", "The demo agency is only made on this computer."),
                                  QStringLiteral("no demo agency on this backend")});
}

QFuture<Result<void>> Backend::archiveCreator(qint64)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<QList<CustomRole>>> Backend::customRoles()
{
    return readyFuture<QList<CustomRole>>(teamNeedsAServer());
}

QFuture<Result<qint64>> Backend::createCustomRole(const agency::Role &)
{
    return readyFuture<qint64>(teamNeedsAServer());
}

QFuture<Result<QList<TeamMember>>> Backend::teamMembers()
{
    return readyFuture<QList<TeamMember>>(teamNeedsAServer());
}

QFuture<Result<NewInvitation>> Backend::invite(const agency::MemberGrant &)
{
    return readyFuture<NewInvitation>(teamNeedsAServer());
}

QFuture<Result<void>> Backend::changeMember(qint64, const agency::MemberGrant &)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<void>> Backend::removeMember(qint64)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<void>> Backend::endMemberSessions(qint64)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<NewInvitation>> Backend::issuePasswordReset(qint64)
{
    return readyFuture<NewInvitation>(teamNeedsAServer());
}

QFuture<Result<QList<agency::ApiKey>>> Backend::apiKeys()
{
    return readyFuture<QList<agency::ApiKey>>(teamNeedsAServer());
}

QFuture<Result<Backend::MadeApiKey>> Backend::createApiKey(const agency::NewApiKey &)
{
    return readyFuture<MadeApiKey>(teamNeedsAServer());
}

QFuture<Result<void>> Backend::revokeApiKey(qint64)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<void>> Backend::deleteAgency(const QString &)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<void>> Backend::recordClientEvent(const ClientEvent &)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<std::optional<Shift>>> Backend::currentShift()
{
    return readyFuture<std::optional<Shift>>(teamNeedsAServer());
}

QFuture<Result<Shift>> Backend::clockIn()
{
    return readyFuture<Shift>(teamNeedsAServer());
}

QFuture<Result<Shift>> Backend::clockOut()
{
    return readyFuture<Shift>(teamNeedsAServer());
}

QFuture<Result<Shift>> Backend::recordShiftActivity()
{
    return readyFuture<Shift>(teamNeedsAServer());
}

QFuture<Result<QList<ShiftSlot>>> Backend::shiftSchedule()
{
    return readyFuture<QList<ShiftSlot>>(teamNeedsAServer());
}

QFuture<Result<ShiftSlot>> Backend::addShiftSlot(const ShiftSlot &)
{
    return readyFuture<ShiftSlot>(teamNeedsAServer());
}

QFuture<Result<void>> Backend::removeShiftSlot(qint64)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<QList<HoursRow>>> Backend::shiftHours(const QDateTime &, const QDateTime &)
{
    return readyFuture<QList<HoursRow>>(teamNeedsAServer());
}

QFuture<Result<int>> Backend::shiftIdleMinutes()
{
    return readyFuture<int>(teamNeedsAServer());
}

QFuture<Result<void>> Backend::setShiftIdleMinutes(int)
{
    return readyFuture<void>(teamNeedsAServer());
}

QFuture<Result<QList<DraftConflict>>> Backend::draftConflicts()
{
    return readyFuture<QList<DraftConflict>>(QList<DraftConflict>{});
}

QFuture<Result<Draft>> Backend::resolveDraftConflict(const QString &, const Draft &)
{
    return readyFuture<Draft>(conflictAlreadyResolved());
}

} // namespace huntaze
