#include "mainwindow.h"
#include "common/consoletranslations.h"
#include "credentials/credentialstore.h"
#include "credentials/credentialstorefactory.h"
#include "demo/demoenvironment.h"
#include "demo/demostoreclient.h"
#include "demo/demostorepanel.h"
#include "settings/connectionpage.h"
#include "orders/orderspage.h"
#include "store/database.h"
#include "store/datalocation.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QProcess>
#include <QStatusBar>
#include <QThread>

#include <cstdio>
#include <memory>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    // Fractional scale factors are passed through so the SVG-based UI stays sharp on high-DPI screens.
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);

    QApplication app(argc, argv);
    QApplication::setApplicationName(u"OrderBridge"_s);
    QApplication::setOrganizationName(u"OrderBridge"_s);
    QApplication::setApplicationVersion(QStringLiteral(ORDERBRIDGE_VERSION));
    QApplication::setDesktopFileName(u"orderbridge"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/orderbridge.svg"_s));
    ConsoleTranslations::install(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Keeps a Magento 2 store's orders in Salesforce."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(u"demo"_s,
                                        QCoreApplication::translate("main", "Start on the built-in demo (a sandbox store and org)."));
    parser.addOption(demoOption);
    const QCommandLineOption dataDirOption(u"data-dir"_s,
                                           QCoreApplication::translate("main", "Keep the database in this folder."),
                                           u"DIR"_s);
    parser.addOption(dataDirOption);
    parser.process(app);

    // The demo keeps its store, the sandbox's state and its throw-away secrets in a folder of its own:
    // the user's database, profiles and keychain are never touched by it.
    const bool demoMode = parser.isSet(demoOption);
    QString dataDir = parser.value(dataDirOption);
    if (demoMode && dataDir.isEmpty())
        dataDir = DemoEnvironment::defaultDataDir();

    // The orders grid reads the same store orderbridge-cli writes.
    std::shared_ptr<OrderBridge::Database> database;
    auto opened = OrderBridge::Database::open(OrderBridge::DataLocation::databasePath(dataDir));
    if (opened)
        database = *opened;
    else
        std::fprintf(stderr, "orderbridge: %s\n", qPrintable(opened.error().toString()));

    // The sync worker lives on its own thread from the start, configured or not, so every page can
    // send it requests at once; the active connection and its secrets follow asynchronously.
    std::unique_ptr<OrderBridge::WorkerHost> host;
    std::unique_ptr<MainWindow> window;
    auto openConsole = [&](OrderBridge::Result<std::unique_ptr<OrderBridge::CredentialStore>> store) {
        if (database) {
            if (!store)
                std::fprintf(stderr, "orderbridge: %s\n", qPrintable(store.error().toString()));
            host = std::make_unique<OrderBridge::WorkerHost>(database, store ? std::move(*store) : nullptr);
            QObject::connect(host.get(), &OrderBridge::WorkerHost::configProblem, &app,
                             [](const OrderBridge::Error &error) {
                                 std::fprintf(stderr, "orderbridge: %s\n", qPrintable(error.toString()));
                             });
            // Takes the data folder's lock: when another process holds it, the console opens read-only.
            host->start();
            if (const auto &readOnly = host->readOnlyReason())
                std::fprintf(stderr, "orderbridge: read-only: %s\n", qPrintable(readOnly->toString()));
        }
        window = std::make_unique<MainWindow>(database, host.get());
        // "Try the Demo": the demo console is a second process on its own data folder, so this one's store,
        // profiles and keychain stay as they are.
        QObject::connect(window.get(), &MainWindow::demoRequested, &app, [w = window.get()] {
            if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), {u"--demo"_s}))
                QMessageBox::warning(w, QCoreApplication::translate("main", "Demo not started"),
                                     QCoreApplication::translate("main", "The demo could not be started. Run "
                                                                         "\"orderbridge --demo\" from a terminal to see why."));
        });
        // Once the worker has its connection, Magento's new orders are read at once (and then every
        // polling interval while Automated Synchronization is Yes).
        if (host) {
            QObject::connect(host.get(), &OrderBridge::WorkerHost::configured, window.get(), &MainWindow::syncNow);
            QObject::connect(host.get(), &OrderBridge::WorkerHost::secretNotKept, window.get(),
                             [w = window.get()](const OrderBridge::Error &error) {
                                 // Not modal: the sync goes on; the operator acts on it when they can.
                                 auto *box = new QMessageBox(QMessageBox::Warning,
                                                             QCoreApplication::translate("main", "Secret not stored"),
                                                             error.message + u"\n\n"_s + error.hint, QMessageBox::Ok, w);
                                 box->setAttribute(Qt::WA_DeleteOnClose);
                                 box->open();
                             });
            QObject::connect(host->worker(), &OrderBridge::SyncWorker::authorizeUrlReady, &app,
                             [](const QUrl &url) { QDesktopServices::openUrl(url); }, Qt::QueuedConnection);
        }
        if (host && window->connectionPage()) {
            // Salesforce › Connection saves through the host: profile via the worker, secrets to the
            // keychain, then the worker is reconfigured.
            ConnectionPage *page = window->connectionPage();
            page->setCredentialStore(host->credentialStore());
            QObject::connect(page, &ConnectionPage::applyRequested, host.get(),
                             &OrderBridge::WorkerHost::applyConnection);
            QObject::connect(host.get(), &OrderBridge::WorkerHost::connectionApplied, page,
                             &ConnectionPage::handleApplied);
            QObject::connect(host.get(), &OrderBridge::WorkerHost::connectionFailed, page,
                             &ConnectionPage::handleApplyFailed);
            QObject::connect(host->worker(), &OrderBridge::SyncWorker::syncStartSet, page, &ConnectionPage::showSyncStart,
                             Qt::QueuedConnection);
        }
        window->show();
    };

    std::unique_ptr<DemoEnvironment> demo;
    if (demoMode) {
        if (!database)
            return 1; // why was printed above
        // The sandbox first; once it runs and the demo connection is written, the worker starts on it
        // with the demo's file secrets and the console opens with the Demo Store panel.
        demo = std::make_unique<DemoEnvironment>(dataDir, database, DemoEnvironment::locateSandbox());
        QObject::connect(demo.get(), &DemoEnvironment::ready, &app, [&] {
            openConsole(demo->createCredentialStore());
            if (!host)
                return;
            auto *client = new DemoStoreClient(demo->magentoConnection(), demo->magentoSecrets());
            client->moveToThread(host->workerThread());
            QObject::connect(host->workerThread(), &QThread::finished, client, &QObject::deleteLater);
            auto *panel = new DemoStorePanel;
            panel->connectTo(client);
            // What the Demo Store changes is read from Magento at once (pollOnce honours Automated
            // Synchronization; with it off, the operator syncs by hand).
            QObject::connect(panel, &DemoStorePanel::storeChanged, window.get(), &MainWindow::syncNow);
            window->addDemoStorePanel(panel);
            window->statusBar()->showMessage(QCoreApplication::translate("main", "Demo: sandbox store at %1, data in %2")
                                                 .arg(demo->profile().magentoBaseUrl, demo->dataDir()));
        });
        QObject::connect(demo.get(), &DemoEnvironment::failed, &app, [](const OrderBridge::Error &error) {
            std::fprintf(stderr, "orderbridge: %s\n", qPrintable(error.toString()));
            auto *box = new QMessageBox(QMessageBox::Critical, QCoreApplication::translate("main", "OrderBridge Demo"),
                                        error.message, QMessageBox::Close);
            box->setInformativeText(error.hint);
            box->setAttribute(Qt::WA_DeleteOnClose);
            QObject::connect(box, &QMessageBox::finished, box, [] { QCoreApplication::exit(1); });
            box->open();
        });
        QObject::connect(demo.get(), &DemoEnvironment::sandboxExited, &app, [&](const OrderBridge::Error &error) {
            std::fprintf(stderr, "orderbridge: %s\n", qPrintable(error.toString()));
            if (window)
                window->statusBar()->showMessage(error.toString());
        });
        demo->start();
    } else {
        openConsole(database ? OrderBridge::createCredentialStore(QString())
                             : OrderBridge::Result<std::unique_ptr<OrderBridge::CredentialStore>>(nullptr));
    }
    const int rc = app.exec();
    window.reset();
    host.reset(); // stops the worker's thread
    demo.reset(); // stops the sandbox, which saves the demo store
    return rc;
}
