#pragma once

#include "agency/membership.h"
#include "storage/accountrepository.h"
#include "storage/agencyrepository.h"
#include "storage/sqlworker.h"
#include "testutil.h"

#include <QString>

namespace huntaze::test {

// A new login on `worker`'s database, owner of an agency of one: the scope
// of its first creator (named "Mia"), for tests and benchmarks of creator data.
inline agency::CreatorScope newCreator(SqlWorker &worker, const QString &email)
{
    const Result<agency::CreatorScope> scope
        = await(worker.run<agency::CreatorScope>([email](QSqlDatabase &db) -> Result<agency::CreatorScope> {
              Profile profile;
              profile.displayName = QStringLiteral("Mia");
              const Result<User> user = AccountRepository(db).createUser(email, QByteArrayLiteral("$argon2id$stub"), profile);
              if (!user.ok())
                  return user.error();
              AgencyRepository agencies(db);
              const Result<agency::Membership> member = agencies.membership(user.value().agencyId, user.value().id);
              if (!member.ok())
                  return member.error();
              return agencies.scopeFor(member.value(), 0);
          }));
    if (!scope.ok())
        qFatal("creating %s failed: %s", qPrintable(email), qPrintable(scope.error().detail));
    return scope.value();
}

} // namespace huntaze::test
