#pragma once

#include "pages/page.h"

class QLineEdit;
class QListWidget;
class QPushButton;

namespace huntaze {
class UserStore;
}

namespace huntaze::ui {

class MessageLabel;

// The agency's creators: add one (a name; the rest on the Profile page once
// it is selected), archive one. Every page works on the creator chosen in the
// sidebar's switcher.
class CreatorsPage : public Page
{
    Q_OBJECT
public:
    explicit CreatorsPage(UserStore &users, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_add; }

    QListWidget *list() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *archiveButton() const { return m_archive; }

private:
    void showCreators();
    void addCreator();
    void archiveSelected();

    UserStore &m_users;
    QAction *m_add;
    QListWidget *m_list;
    QLineEdit *m_name;
    QPushButton *m_archive;
    MessageLabel *m_status;
};

} // namespace huntaze::ui
