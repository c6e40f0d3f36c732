#pragma once

#include <QMainWindow>

class QAction;

/// The console's main window: title, icon and the application menus. Pages come with the GUI issue.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] QAction *quitAction() const { return m_quitAction; }
    [[nodiscard]] QAction *aboutAction() const { return m_aboutAction; }

private:
    void createMenus();
    void showAbout();

    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
};
