#pragma once

#include <QHash>
#include <QMainWindow>
#include <QSize>

#include <functional>

class QStackedWidget;
class QHBoxLayout;

namespace huntaze {
class AppCore;
}

namespace huntaze::ui {

class Header;
class MessageLabel;
class Page;
class ServiceStatusIndicator;
class Sidebar;
class StartupPage;

// The admin layout: sidebar, header and the current page. Below
// compactWidth the sidebar leaves the layout and opens as an overlay from the
// header's menu button; Escape, a click outside or choosing a page closes it.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    static constexpr int compactWidth = 1024;
    static constexpr QSize preferredSize{1180, 760};

    explicit MainWindow(AppCore &core, QWidget *parent = nullptr);

    void showPage(const QString &pageId);
    QString currentPageId() const;
    // The page, built now if it never was.
    Page *page(const QString &pageId);
    // The page if it was built already (pages are built on their first visit).
    Page *builtPage(const QString &pageId) const { return m_pages.value(pageId); }

    bool isCompact() const { return m_compact; }
    bool isSidebarOverlayOpen() const;

    Sidebar *sidebar() const { return m_sidebar; }
    Header *header() const { return m_header; }
    ServiceStatusIndicator *serviceIndicator() const { return m_serviceIndicator; }

public Q_SLOTS:
    void openSidebarOverlay();
    void closeSidebarOverlay();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Pages are built when first shown (or asked for): opening the window,
    // and signing in, never pay for pages not visited.
    void addPage(const QString &pageId, std::function<Page *()> build);

    void updateNavigation();
    void restoreOrFitGeometry();
    void routeAfterSignInChange();
    void setCompact(bool compact);
    void layoutOverlay();

    AppCore &m_core;
    Sidebar *m_sidebar;
    Header *m_header;
    MessageLabel *m_keychainBanner;
    QStackedWidget *m_stack;
    QWidget *m_scrim;
    QHBoxLayout *m_rootLayout;
    StartupPage *m_startupPage;
    ServiceStatusIndicator *m_serviceIndicator;
    QHash<QString, Page *> m_pages;
    QHash<QString, std::function<Page *()>> m_builders;
    bool m_compact = false;
};

} // namespace huntaze::ui
