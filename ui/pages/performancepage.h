#pragma once

#include "analytics/agencyanalytics.h"
#include "pages/page.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;

namespace huntaze {
class AgencyAnalyticsStore;
class AnalyticsStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class AgencyChattersModel;
class AgencyCreatorsModel;
class Card;
class MessageLabel;
class KeptFiguresNote;
class PeriodChooser;

// The agency at a glance (issue 12): its creators side by side (earnings and
// their change, share, subscribers, conversion, a weekly sparkline; sortable;
// open one to see their dashboard for the same period) and its team (messages,
// paid messages sold, reply times, the sales attributed to each member) over
// every creator or one. A chatter sees their own messages, without money.
class PerformancePage : public Page
{
    Q_OBJECT
public:
    PerformancePage(AgencyAnalyticsStore &agency, AnalyticsStore &dashboard, UserStore &users, QWidget *parent = nullptr);

    QString title() const override;
    void activate() override;

    PeriodChooser *period() const { return m_period; }
    QComboBox *amountChooser() const { return m_amount; }
    QTableView *creatorsTable() const { return m_creatorsTable; }
    QTableView *chattersTable() const { return m_chattersTable; }
    // "Every creator", then each creator of the answer: whose team figures the table shows.
    QComboBox *chattersCreatorChooser() const { return m_chattersFor; }
    QPushButton *openDashboardButton() const { return m_openDashboard; }
    Card *creatorsCard() const { return m_creatorsCard; }
    Card *teamCard() const { return m_teamCard; }
    QLabel *attributionNote() const { return m_attribution; }
    // How the agency credits sales: sender, shift, last writer (owners and admins change it).
    QComboBox *attributionChooser() const { return m_rule; }
    QLabel *busyLabel() const { return m_busy; }
    // Team members × the 24 hours of the day: each cell the median reply of the member's answers sent that hour.
    QTableWidget *replyHoursTable() const { return m_replyHours; }
    // The creator `row` of the creators table (as sorted) shows: their dashboard opens for this page's period.
    void openCreatorAt(int row);

private:
    // The rule the figures use, in words, and the sales it credited to nobody.
    QString attributionText(const analytics::AgencyAnalytics &shown) const;
    void showRequest();
    void showAnalytics();
    void showChatters();
    void showReplyHours(const analytics::AgencyAnalytics &shown);

    AgencyAnalyticsStore &m_agency;
    AnalyticsStore &m_dashboard;
    UserStore &m_users;
    PeriodChooser *m_period;
    QComboBox *m_amount;
    QLabel *m_busy;
    MessageLabel *m_error;
    KeptFiguresNote *m_kept;
    Card *m_creatorsCard;
    AgencyCreatorsModel *m_creators;
    QSortFilterProxyModel *m_sortedCreators;
    QTableView *m_creatorsTable;
    QPushButton *m_openDashboard;
    Card *m_teamCard;
    QComboBox *m_chattersFor;
    QComboBox *m_rule;
    AgencyChattersModel *m_chatters;
    QSortFilterProxyModel *m_sortedChatters;
    QTableView *m_chattersTable;
    QLabel *m_attribution;
    QLabel *m_noMessages;
    Card *m_hoursCard;
    QTableWidget *m_replyHours;
};

} // namespace huntaze::ui
