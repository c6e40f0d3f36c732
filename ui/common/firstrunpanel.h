#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

/// What the console shows above its pages while no store and org are set up: what to do first, where the
/// keys come from, and two ways on — set up the connection, or try the demo in a window of its own.
class FirstRunPanel : public QFrame
{
    Q_OBJECT

public:
    explicit FirstRunPanel(QWidget *parent = nullptr);

    [[nodiscard]] QPushButton *setUpButton() const { return m_setUp; }
    [[nodiscard]] QPushButton *demoButton() const { return m_demo; }
    [[nodiscard]] QLabel *helpLabel() const { return m_help; }

Q_SIGNALS:
    /// "Connect Store and Org": open Salesforce › Connection.
    void setUpRequested();
    /// "Try the Demo": start the console on the built-in demo (its own data folder and window).
    void demoRequested();

private:
    QLabel *m_help = nullptr;
    QPushButton *m_setUp = nullptr;
    QPushButton *m_demo = nullptr;
};
