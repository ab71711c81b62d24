#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QVBoxLayout;

namespace huntaze::ui {

// One screen of the app. A page tells the header what to show (title, one
// primary action, any secondary actions) and asks the window to move
// elsewhere through navigationRequested(); it never reaches into the window.
class Page : public QWidget
{
    Q_OBJECT
public:
    explicit Page(QWidget *parent = nullptr);

    virtual QString title() const = 0;
    virtual QAction *primaryAction() const { return nullptr; }
    virtual QList<QAction *> secondaryActions() const { return {}; }
    // Called each time the page is shown.
    virtual void activate() {}

Q_SIGNALS:
    void headerChanged();
    void navigationRequested(const QString &pageId);

protected:
    // Shows an action of the header only to members whose role allows it
    // (the server refuses it anyway); the header follows.
    void allowAction(QAction *action, bool allowed);
    // Where subclasses put their cards; scrolls when the window is small.
    QVBoxLayout *contentLayout() const { return m_content; }

private:
    QVBoxLayout *m_content;
};

} // namespace huntaze::ui
