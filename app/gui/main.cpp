#include "mainwindow.h"
#include "credentials/credentialstore.h"
#include "credentials/credentialstorefactory.h"
#include "orderspage.h"
#include "store/database.h"
#include "store/datalocation.h"
#include "sync/syncworker.h"
#include "sync/workerconfigloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QThread>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

// Loads the German (or other available) translation of OrderBridge and Qt's own strings for the
// user's locale. Missing translations are fine: the UI then stays English.
void installTranslations(QApplication &app)
{
    const QLocale locale;
    auto *own = new QTranslator(&app);
    if (own->load(locale, u"orderbridge"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

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
    installTranslations(app);

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

    if (parser.isSet(demoOption)) {
        // The demo comes with the console issue; until then the flag starts the (empty) main window.
        std::fputs("orderbridge: --demo: the built-in demo comes with the console; starting the main window.\n", stderr);
    }

    // The orders grid reads the same store orderbridge-cli writes.
    std::shared_ptr<OrderBridge::Database> database;
    auto opened = OrderBridge::Database::open(OrderBridge::DataLocation::databasePath(parser.value(dataDirOption)));
    if (opened)
        database = *opened;
    else
        std::fprintf(stderr, "orderbridge: %s\n", qPrintable(opened.error().toString()));

    // The sync engine runs in its own thread once the connection and its secrets are read (from the
    // keychain, asynchronously); the window opens when that is known, without touching the network.
    std::unique_ptr<MainWindow> window;
    QThread workerThread;
    workerThread.setObjectName(u"sync-worker"_s);
    std::unique_ptr<OrderBridge::CredentialStore> credentials;
    auto openWindow = [&](OrderBridge::SyncWorker *worker) {
        window = std::make_unique<MainWindow>(database, worker);
        if (worker) {
            QObject::connect(worker, &OrderBridge::SyncWorker::signedIn, window->ordersPage(), &OrdersPage::setInstanceUrl,
                             Qt::QueuedConnection);
            QObject::connect(worker, &OrderBridge::SyncWorker::authorizeUrlReady, &app,
                             [](const QUrl &url) { QDesktopServices::openUrl(url); }, Qt::QueuedConnection);
        }
        window->show();
    };
    if (auto store = OrderBridge::createCredentialStore(QString()); database && store) {
        credentials = std::move(*store);
        auto *loader = new OrderBridge::WorkerConfigLoader(database, credentials.get(), &app);
        loader->load([&, loader](OrderBridge::Result<OrderBridge::SyncWorkerConfig> config, const QString &profile) {
            loader->deleteLater();
            if (!config) {
                std::fprintf(stderr, "orderbridge: %s\n", qPrintable(config.error().toString()));
                openWindow(nullptr);
                return;
            }
            auto *worker = new OrderBridge::SyncWorker(*config);
            worker->moveToThread(&workerThread);
            QObject::connect(&workerThread, &QThread::finished, worker, &QObject::deleteLater);
            QObject::connect(worker, &OrderBridge::SyncWorker::refreshTokenIssued, credentials.get(),
                             [&credentials, profile](const QString &token) {
                                 credentials->write(profile, u"salesforce.refresh_token"_s, token);
                             });
            workerThread.start();
            openWindow(worker);
        });
    } else {
        openWindow(nullptr);
    }
    const int rc = app.exec();
    window.reset();
    workerThread.quit();
    workerThread.wait();
    return rc;
}
