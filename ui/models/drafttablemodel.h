#pragma once

#include "domain/draft.h"
#include "models/creatortablemodels.h"

#include <optional>

namespace huntaze {
class UserStore;
}

namespace huntaze::ui {

// The drafts of every creator the member may see (the Drafts page): title,
// kind, creator, author, status and last change, searchable in all their
// text, filtered by kind, creator, author and status.
class DraftTableModel : public CreatorTableModel
{
    Q_OBJECT
public:
    struct Filter {
        std::optional<Draft::Kind> kind;
        qint64 creatorId = 0; // 0: any
        qint64 authorId = 0; // 0: any
        std::optional<Draft::Status> status;
        friend bool operator==(const Filter &, const Filter &) = default;
    };

    DraftTableModel(CreatorDataStore &data, UserStore &users, QObject *parent = nullptr);

    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    // The draft a shown row stands for (nullptr past the end), and the row showing draft `id` (-1: none).
    const Draft *draftAt(int shownRow) const;
    int rowOf(const QString &id) const;

    static QString kindName(Draft::Kind kind);
    static QString statusName(Draft::Status status);

protected:
    int rows() const override;
    QString text(int row, int column) const override;
    QVariant value(int row, int column) const override;
    QString searchText(int row) const override;
    std::function<QStringList()> searchTextsJob() const override;
    bool isNumeric(int column) const override { return column == 5; }
    bool accepts(int row) const override;

private:
    UserStore &m_users;
    Filter m_filter;
};

} // namespace huntaze::ui
