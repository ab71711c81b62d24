#pragma once

#include <QFrame>
#include <QPointer>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace huntaze::ui {

class Page;

// The bar above the content: a menu button (compact windows only), the page
// title, the page's secondary actions as tool buttons and its primary action
// as the accent button.
class Header : public QFrame
{
    Q_OBJECT
public:
    static constexpr int preferredHeight = 56;

    explicit Header(QWidget *parent = nullptr);

    void showPage(Page *page);
    void setMenuButtonVisible(bool visible);

    QToolButton *menuButton() const { return m_menuButton; }
    QPushButton *primaryButton() const { return m_primaryButton; }
    QString title() const;
    // Secondary actions that did not fit beside the title sit in this menu.
    QToolButton *moreButton() const { return m_more; }
    QList<QToolButton *> secondaryButtons() const { return m_secondaryButtons; }

Q_SIGNALS:
    void menuRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    // Shows as many secondary actions as fit, whole; the rest go into "More".
    void fitActions();

    QPointer<Page> m_page;
    QToolButton *m_menuButton;
    QLabel *m_title;
    QHBoxLayout *m_secondary;
    QPushButton *m_primaryButton;
    QToolButton *m_more;
    QList<QToolButton *> m_secondaryButtons;
    QMetaObject::Connection m_pageConnection;
    QMetaObject::Connection m_primaryConnection;
};

} // namespace huntaze::ui
