#include "mapping/addmappingdialog.h"
#include "demo/demostorepanel.h"
#include "mainwindow.h"
#include "orders/orderdialog.h"
#include "ordersfixture.h"

#include "mapping/mappingentity.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/database.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QMetaEnum>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace {

bool takesKeyboardFocus(const QWidget *widget)
{
    // A widget whose focus goes to a proxy (a spin box's or editable combo box's line edit) is
    // named through that proxy, which is walked in its own right.
    return (widget->focusPolicy() & Qt::TabFocus) && !widget->focusProxy();
}

// The label that names `widget` for a screen reader: a QLabel buddy, or its QFormLayout label.
QString labelOf(const QWidget *widget)
{
    for (const QWidget *ancestor = widget->parentWidget(); ancestor; ancestor = ancestor->parentWidget()) {
        const QList<QLabel *> labels = ancestor->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (label->buddy() == widget && !label->text().trimmed().isEmpty())
                return label->text();
        }
        if (ancestor->isWindow())
            break;
    }
    for (const QWidget *cell = widget; cell && cell->parentWidget(); cell = cell->parentWidget()) {
        if (auto *form = qobject_cast<QFormLayout *>(cell->parentWidget()->layout())) {
            if (auto *label = qobject_cast<QLabel *>(form->labelForField(const_cast<QWidget *>(cell))))
                return label->text();
        }
    }
    return {};
}

// What a screen reader announces for the control, or empty when it announces nothing useful.
QString nameOf(QWidget *widget)
{
    if (!widget->accessibleName().trimmed().isEmpty())
        return widget->accessibleName();
    if (const QString label = labelOf(widget); !label.isEmpty())
        return label;
    if (auto *button = qobject_cast<QAbstractButton *>(widget); button && !button->text().trimmed().isEmpty())
        return button->text();
    if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
        // A tab bar is read tab by tab: every tab needs its text.
        for (int tab = 0; tab < tabs->count(); ++tab) {
            if (tabs->tabText(tab).trimmed().isEmpty() && tabs->accessibleTabName(tab).isEmpty())
                return {};
        }
        return tabs->count() > 0 ? tabs->tabText(0) : QString();
    }
    return {};
}

QString describe(const QWidget *widget)
{
    QStringList path;
    for (const QWidget *w = widget->parentWidget(); w && !w->isWindow(); w = w->parentWidget()) {
        if (!w->objectName().isEmpty()) {
            path.prepend(w->objectName());
            break;
        }
    }
    return u"%1 \"%2\"%3"_s.arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName(),
                              path.isEmpty() ? QString() : u" in "_s + path.join(u'/'));
}

// Every control under `root` (in its window, so not a combo box's popup) that takes keyboard focus
// and that a screen reader could not name. Counts the controls walked in `walked`.
QStringList unnamedControls(QWidget *root, int *walked)
{
    QStringList offenders;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (widget->window() != root->window() || !takesKeyboardFocus(widget))
            continue;
        ++*walked;
        if (nameOf(widget).isEmpty())
            offenders << describe(widget);
    }
    return offenders;
}

} // namespace

Q_DECLARE_METATYPE(std::function<QWidget *(const std::shared_ptr<OrderBridge::Database> &)>)

/// Every control of the console that takes keyboard focus has a name a screen reader announces,
/// and every page of the navigation is reached with the keyboard.
class TestAccessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void theWalkFindsUnnamedControls();
    void everyFocusableControlIsNamed_data();
    void everyFocusableControlIsNamed();
    void everyDialogControlIsNamed_data();
    void everyDialogControlIsNamed();
    void everyPageIsReachedWithTheKeyboard();
    void tabMovesFromTheNavigationIntoThePage();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_database;
    std::unique_ptr<MainWindow> m_window;
};

void TestAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"OrderBridgeTests"_s);
    QCoreApplication::setApplicationName(u"tst_accessibility"_s);
    QVERIFY(m_dir.isValid());
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"store.sqlite"_s));
    if (!opened)
        QFAIL(qPrintable(opened.error().toString()));
    m_database = *opened;
    const QString filled = OrdersFixture::fill(*m_database, 30);
    QVERIFY2(filled.isEmpty(), qPrintable(filled));
}

void TestAccessibility::init()
{
    m_window = std::make_unique<MainWindow>(m_database);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestAccessibility::cleanup()
{
    m_window.reset();
}

void TestAccessibility::theWalkFindsUnnamedControls()
{
    // The check itself: named, labelled and texted controls pass, a bare one is reported by class
    // and objectName, and a combo box's inner line edit and popup are not counted twice.
    QWidget root;
    auto *form = new QFormLayout(&root);
    auto *named = new QLineEdit(&root);
    named->setAccessibleName(u"Search"_s);
    form->addRow(named);
    auto *formLabelled = new QSpinBox(&root);
    form->addRow(u"Batch size:"_s, formLabelled);
    auto *buddied = new QLineEdit(&root);
    auto *buddy = new QLabel(u"&Price book:"_s, &root);
    buddy->setBuddy(buddied);
    form->addRow(buddied);
    auto *button = new QPushButton(u"&Apply"_s, &root);
    form->addRow(button);
    auto *bare = new QLineEdit(&root);
    bare->setObjectName(u"bareField"_s);
    form->addRow(bare);
    auto *bareCombo = new QComboBox(&root);
    bareCombo->setEditable(true);
    bareCombo->setObjectName(u"bareCombo"_s);
    form->addRow(bareCombo);
    auto *iconOnly = new QPushButton(&root);
    iconOnly->setObjectName(u"iconOnly"_s);
    form->addRow(iconOnly);

    int walked = 0;
    const QStringList offenders = unnamedControls(&root, &walked);
    QCOMPARE(walked, 7);
    QCOMPARE(offenders.size(), 3);
    QVERIFY(offenders.at(0).startsWith(u"QLineEdit \"bareField\""_s));
    QVERIFY(offenders.at(1).startsWith(u"QComboBox \"bareCombo\""_s));
    QVERIFY(offenders.at(2).startsWith(u"QPushButton \"iconOnly\""_s));
}

void TestAccessibility::everyFocusableControlIsNamed_data()
{
    QTest::addColumn<bool>("withStore");
    QTest::newRow("with a store") << true;
    QTest::newRow("without a store") << false;
}

void TestAccessibility::everyFocusableControlIsNamed()
{
    QFETCH(bool, withStore);
    std::unique_ptr<MainWindow> storeless;
    MainWindow *window = m_window.get();
    if (!withStore) {
        storeless = std::make_unique<MainWindow>();
        window = storeless.get();
    }
    // Each page in turn, so pages that build their controls when first shown have them.
    for (int page = 0; page < MainWindow::PageCount; ++page)
        window->setCurrentPage(MainWindow::Page(page));

    int walked = 0;
    const QStringList offenders = unnamedControls(window, &walked);
    // The navigation and, with a store, the pages' forms and grids.
    const int expected = withStore ? 30 : 5;
    QVERIFY2(walked >= expected, qPrintable(u"only %1 focusable controls found"_s.arg(walked)));
    QVERIFY2(offenders.isEmpty(),
             qPrintable(u"%1 of %2 focusable controls have no accessible name, label buddy, form label or text:\n  "_s
                            .arg(offenders.size())
                            .arg(walked)
                        + offenders.join(u"\n  "_s)));
}

using WidgetFactory = std::function<QWidget *(const std::shared_ptr<OrderBridge::Database> &)>;

void TestAccessibility::everyDialogControlIsNamed_data()
{
    // The windows the pages open, and the demo's panel, which the main window walk does not reach.
    QTest::addColumn<WidgetFactory>("create");
    QTest::newRow("OrderDialog") << WidgetFactory([](const std::shared_ptr<OrderBridge::Database> &database) {
        return static_cast<QWidget *>(new OrderDialog(database, 1));
    });
    QTest::newRow("AddMappingDialog Order") << WidgetFactory([](const std::shared_ptr<OrderBridge::Database> &) {
        return static_cast<QWidget *>(
            new AddMappingDialog(OrderBridge::MappingEntity::Order, OrderBridge::SalesforceFieldCatalogue::schema()));
    });
    QTest::newRow("AddMappingDialog Order Status") << WidgetFactory([](const std::shared_ptr<OrderBridge::Database> &) {
        return static_cast<QWidget *>(new AddMappingDialog(OrderBridge::MappingEntity::OrderStatus,
                                                           OrderBridge::SalesforceFieldCatalogue::schema()));
    });
    QTest::newRow("DemoStorePanel") << WidgetFactory([](const std::shared_ptr<OrderBridge::Database> &) {
        return static_cast<QWidget *>(new DemoStorePanel);
    });
}

void TestAccessibility::everyDialogControlIsNamed()
{
    QFETCH(WidgetFactory, create);
    std::unique_ptr<QWidget> window(create(m_database));
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    int walked = 0;
    const QStringList offenders = unnamedControls(window.get(), &walked);
    QVERIFY2(walked >= 2, qPrintable(u"only %1 focusable controls found"_s.arg(walked)));
    QVERIFY2(offenders.isEmpty(),
             qPrintable(u"%1 of %2 focusable controls have no accessible name, label buddy, form label or text:\n  "_s
                            .arg(offenders.size())
                            .arg(walked)
                        + offenders.join(u"\n  "_s)));
}

void TestAccessibility::everyPageIsReachedWithTheKeyboard()
{
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTreeWidget *navigation = m_window->navigation();
    QVERIFY(navigation->focusPolicy() & Qt::TabFocus);
    m_window->setCurrentPage(MainWindow::SalesOrdersPage);
    navigation->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(navigation->hasFocus());

    // Down walks every page in navigation order (section headings are passed over), Up walks back.
    QList<int> visited{int(m_window->currentPage())};
    for (int press = 0; press < 3 * MainWindow::PageCount && visited.size() < MainWindow::PageCount; ++press) {
        QTest::keyClick(navigation, Qt::Key_Down);
        if (int(m_window->currentPage()) != visited.last())
            visited << int(m_window->currentPage());
    }
    QList<int> expected;
    for (int page = 0; page < MainWindow::PageCount; ++page)
        expected << page;
    QCOMPARE(visited, expected);
    QCOMPARE(m_window->pages()->currentIndex(), MainWindow::PageCount - 1);

    for (int press = 0; press < 3 * MainWindow::PageCount && m_window->currentPage() != MainWindow::SalesOrdersPage;
         ++press)
        QTest::keyClick(navigation, Qt::Key_Up);
    QCOMPARE(m_window->currentPage(), MainWindow::SalesOrdersPage);
    QVERIFY(navigation->hasFocus());
}

void TestAccessibility::tabMovesFromTheNavigationIntoThePage()
{
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QStringList offenders;
    for (int page = 0; page < MainWindow::PageCount; ++page) {
        m_window->setCurrentPage(MainWindow::Page(page));
        QWidget *pageWidget = m_window->pages()->currentWidget();
        // A page without a control of its own (a placeholder) has nowhere to take the focus.
        bool hasControl = false;
        const QList<QWidget *> children = pageWidget->findChildren<QWidget *>();
        for (const QWidget *child : children)
            hasControl = hasControl || (takesKeyboardFocus(child) && child->isVisibleTo(m_window.get()) && child->isEnabled());
        if (!hasControl)
            continue;
        m_window->navigation()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(m_window->navigation()->hasFocus());
        QTest::keyClick(m_window->navigation(), Qt::Key_Tab);
        QWidget *focused = QApplication::focusWidget();
        if (!focused || !pageWidget->isAncestorOf(focused)) {
            offenders << u"%1: Tab from the navigation went to %2"_s.arg(
                QString::fromLatin1(QMetaEnum::fromType<MainWindow::Page>().valueToKey(page)),
                focused ? describe(focused) : u"nothing"_s);
        }
    }
    QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u"\n"_s)));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
