#pragma once

#include "agency/audit.h"
#include "pages/page.h"

class QComboBox;
class QTableWidget;

namespace huntaze {
class Backend;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class MessageLabel;

// The agency's audit log (audit.view): who did what and when, newest first,
// filtered by action and creator, exported as CSV. A creator's own login sees
// every entry about their profile: what was written in their name, and by whom.
class ActivityPage : public Page
{
    Q_OBJECT
public:
    ActivityPage(Backend &backend, UserStore &users, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_export; }
    void activate() override;

    QTableWidget *table() const { return m_table; }
    QComboBox *actionFilter() const { return m_action; }
    QComboBox *creatorFilter() const { return m_creator; }
    const QList<AuditEntry> &entries() const { return m_entries; }
    bool exportTo(const QString &path, QString *error = nullptr) const;

    void reload();

Q_SIGNALS:
    void entriesShown();

private:
    void showFilters();
    void showEntries();
    QString creatorName(qint64 creatorId) const;
    static QString details(const AuditEntry &entry);

    Backend &m_backend;
    UserStore &m_users;
    QAction *m_export;
    QComboBox *m_action;
    QComboBox *m_creator;
    QTableWidget *m_table;
    MessageLabel *m_status;
    QList<AuditEntry> m_entries;
    quint64 m_newest = 0;
};

} // namespace huntaze::ui
