#include "drafttablemodel.h"

#include "state/creatordatastore.h"
#include "state/userstore.h"

#include <QLocale>

namespace huntaze::ui {

DraftTableModel::DraftTableModel(CreatorDataStore &data, UserStore &users, QObject *parent)
    : CreatorTableModel(data, {tr("Title"), tr("Kind"), tr("Creator"), tr("Author"), tr("Status"), tr("Last change")}, parent),
      m_users(users)
{
    connect(&m_data, &CreatorDataStore::draftsChanged, this, [this] {
        // A save or a delete here changes one row: the others' search texts stay (50,000 drafts take ~70 ms to make again).
        const CreatorDataStore::DraftsChange &change = m_data.lastDraftsChange();
        switch (change.kind) {
        case CreatorDataStore::DraftsChange::Kind::SavedFirst: return resetOneRow(change.from, true);
        case CreatorDataStore::DraftsChange::Kind::Removed: return resetOneRow(change.from, false);
        case CreatorDataStore::DraftsChange::Kind::Whole: return reset();
        }
    });
    reset();
}

QString DraftTableModel::kindName(Draft::Kind kind)
{
    return kind == Draft::Kind::Message ? tr("Fan message") : tr("Post");
}

QString DraftTableModel::statusName(Draft::Status status)
{
    switch (status) {
    case Draft::Status::Draft: return tr("Draft");
    case Draft::Status::Ready: return tr("Ready");
    case Draft::Status::Done: return tr("Done");
    }
    return {};
}

void DraftTableModel::setFilter(const Filter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    refilter();
}

const Draft *DraftTableModel::draftAt(int shownRow) const
{
    const int row = storeRow(shownRow);
    return row < 0 ? nullptr : &m_data.drafts().at(row);
}

int DraftTableModel::rowOf(const QString &id) const
{
    const QList<Draft> &drafts = m_data.drafts();
    for (int row = 0; row < drafts.size(); ++row) {
        if (drafts.at(row).id == id)
            return shownRow(row);
    }
    return -1;
}

int DraftTableModel::rows() const
{
    return static_cast<int>(m_data.drafts().size());
}

QString DraftTableModel::text(int row, int column) const
{
    const Draft &draft = m_data.drafts().at(row);
    switch (column) {
    case 0: return draft.title.isEmpty() ? draft.body.section(u'\n', 0, 0).left(80) : draft.title;
    case 1: return kindName(draft.kind);
    case 2: return m_users.user() ? m_users.user()->creatorName(draft.creatorId) : QString();
    case 3:
        if (m_users.user() && draft.authorId == m_users.user()->id)
            return tr("You");
        return draft.authorEmail.isEmpty() ? tr("A former member") : draft.authorEmail;
    case 4: return statusName(draft.status);
    default: return QLocale().toString(draft.updatedAt.toLocalTime(), QLocale::ShortFormat);
    }
}

QVariant DraftTableModel::value(int row, int column) const
{
    if (column == 5)
        return m_data.drafts().at(row).updatedAt;
    return text(row, column);
}

namespace {

QString searchTextOf(const Draft &draft)
{
    return draft.title + u' ' + draft.body + u' ' + draft.notes + u' ' + draft.hashtagLine() + u' ' + draft.platform;
}

} // namespace

QString DraftTableModel::searchText(int row) const
{
    return searchTextOf(m_data.drafts().at(row));
}

std::function<QStringList()> DraftTableModel::searchTextsJob() const
{
    return [drafts = m_data.drafts()] {
        QStringList texts;
        texts.reserve(drafts.size());
        for (const Draft &draft : drafts)
            texts.append(searchTextOf(draft).toLower());
        return texts;
    };
}

bool DraftTableModel::accepts(int row) const
{
    const Draft &draft = m_data.drafts().at(row);
    return (!m_filter.kind || draft.kind == *m_filter.kind) && (m_filter.creatorId == 0 || draft.creatorId == m_filter.creatorId)
        && (m_filter.authorId == 0 || draft.authorId == m_filter.authorId) && (!m_filter.status || draft.status == *m_filter.status);
}

} // namespace huntaze::ui
