#include "common/firstrunpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

FirstRunPanel::FirstRunPanel(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"firstRunPanel"_s);
    setAccessibleName(tr("Getting started"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);

    auto *title = new QLabel(tr("Connect your store and org"), this);
    title->setObjectName(u"firstRunTitle"_s);
    QFont font = title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.25);
    title->setFont(font);

    m_help = new QLabel(this);
    m_help->setObjectName(u"firstRunHelp"_s);
    m_help->setWordWrap(true);
    m_help->setTextFormat(Qt::PlainText);
    m_help->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_help->setText(
        tr("OrderBridge reads orders from your Magento store and writes them to your Salesforce org. It needs:")
        + u"\n• "_s
        + tr("Magento: an integration. In the Magento admin, System › Extensions › Integrations › Add New Integration, "
             "give it access to Sales, save and Activate it; copy its consumer key and secret and its access token "
             "and token secret.")
        + u"\n• "_s
        + tr("Salesforce: an app the org trusts. In Setup › External Client App Manager (older orgs: App Manager › "
             "New Connected App), create one with OAuth enabled and the api and refresh_token scopes; copy its "
             "consumer key.")
        + u"\n"_s + tr("Enter both on Salesforce › Connection, then Save and Test."));

    m_setUp = new QPushButton(tr("Connect Store and Org…"), this);
    m_setUp->setObjectName(u"firstRunSetUp"_s);
    m_setUp->setDefault(true);
    connect(m_setUp, &QPushButton::clicked, this, &FirstRunPanel::setUpRequested);
    m_demo = new QPushButton(tr("Try the Demo"), this);
    m_demo->setObjectName(u"firstRunDemo"_s);
    m_demo->setToolTip(tr("Opens a second window on a built-in sample store and org; your own data is not touched."));
    connect(m_demo, &QPushButton::clicked, this, &FirstRunPanel::demoRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_setUp);
    buttons->addWidget(m_demo);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addWidget(title);
    layout->addWidget(m_help);
    layout->addLayout(buttons);
}
