// Measures the comment sweep (MagentoCommentSweep): how many Magento requests one sweep of the open orders
// costs, and how long it takes, against a sandbox store of N seeded orders (default 11,500: about 10,000 of
// them are not closed or canceled). Prints one line per sweep; the second sweep reads a store already rendered.
// Then the late-commit re-scan's read at a steady store (nothing changed since the feed's newest change): the
// orders changed within orders.rescan_window_minutes before that change, paged as SyncRunner::rescan() does.
//
//   bench_magento_comment_sweep [--orders N] [--rescan-window MINUTES] [--sandbox PATH]
//
// A command-line measurement, not product code: it waits for each sweep in a local event loop.

#include "magento/magentoclient.h"
#include "magento/magentochangecursor.h"
#include "magento/magentocommentsweep.h"
#include "magento/magentotime.h"
#include "sync/syncstart.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>

#include <cstdio>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

std::optional<Result<MagentoOrderPage>> readOrders(MagentoClient &client, const MagentoSearchCriteria &criteria)
{
    std::optional<Result<MagentoOrderPage>> result;
    QEventLoop loop;
    client.fetchOrders(criteria, &loop, [&](Result<MagentoOrderPage> r) {
        result = std::move(r);
        loop.quit();
    });
    if (!result)
        loop.exec();
    return result;
}

// The newest updated_at (where a caught-up change feed stands), then the window before it page by page.
int measureRescan(MagentoClient &client, int windowMinutes)
{
    MagentoSearchCriteria newest;
    newest.orderBy(u"updated_at"_s, MagentoSearchCriteria::Direction::Descending).setPageSize(1).setCurrentPage(1);
    const auto top = readOrders(client, newest);
    if (!*top || (*top)->orders.isEmpty()) {
        std::fprintf(stderr, "cannot read the newest order\n");
        return 1;
    }
    const QDateTime highWater = (*top)->orders.first().updatedAt;
    MagentoChangeCursor cursor(highWater.addSecs(-qint64(windowMinutes) * 60), SyncStart::PageSize);
    QElapsedTimer timer;
    timer.start();
    const int sentBefore = client.requestsSent();
    qsizetype orders = 0;
    int requests = 0;
    while (!cursor.isDone()) {
        ++requests;
        const auto page = readOrders(client, cursor.nextCriteria());
        if (!*page) {
            std::fprintf(stderr, "re-scan failed: %s\n", qPrintable((*page).error().toString()));
            return 1;
        }
        orders += cursor.absorb(**page).size();
    }
    std::printf("re-scan of %d minutes before %s: %lld orders changed in the window, %d Magento requests (%d sent), "
                "%lld ms; it runs every %d minutes of a long-running worker and on every 'sync --once'\n",
                windowMinutes, qPrintable(MagentoTime::format(highWater)), qint64(orders), requests,
                client.requestsSent() - sentBefore, timer.elapsed(), windowMinutes / 2);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption ordersOpt(u"orders"_s, u"Orders in the sandbox store."_s, u"N"_s, u"11500"_s);
    const QCommandLineOption sandboxOpt(u"sandbox"_s, u"The orderbridge-sandbox binary."_s, u"PATH"_s,
                                        QStringLiteral(ORDERBRIDGE_SANDBOX_EXECUTABLE));
    const QCommandLineOption windowOpt(u"rescan-window"_s, u"orders.rescan_window_minutes."_s, u"MINUTES"_s, u"10"_s);
    parser.addOptions({ordersOpt, sandboxOpt, windowOpt});
    parser.addHelpOption();
    parser.process(app);

    QProcess sandbox;
    sandbox.start(parser.value(sandboxOpt), {u"--orders"_s, parser.value(ordersOpt), u"--seed"_s, u"1"_s});
    if (!sandbox.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start %s\n", qPrintable(parser.value(sandboxOpt)));
        return 1;
    }
    while (!sandbox.canReadLine() && sandbox.waitForReadyRead(20000)) {
    }
    const QJsonObject mg = QJsonDocument::fromJson(sandbox.readLine()).object().value(u"magento"_s).toObject();
    if (mg.isEmpty()) {
        std::fprintf(stderr, "the sandbox printed no ready line\n");
        return 1;
    }
    QNetworkAccessManager network;
    MagentoConnection connection;
    connection.baseUrl = QUrl(mg.value(u"base_url"_s).toString());
    connection.authMode = MagentoAuthMode::OAuth1; // what a stock Magento 2.4.8 store accepts
    MagentoSecrets secrets;
    secrets.consumerKey = mg.value(u"consumer_key"_s).toString();
    secrets.consumerSecret = mg.value(u"consumer_secret"_s).toString();
    secrets.accessToken = mg.value(u"access_token"_s).toString();
    secrets.accessTokenSecret = mg.value(u"access_token_secret"_s).toString();
    MagentoClient client(&network, connection, secrets);
    // The sandbox renders each order before trimming it to `fields`: on a loaded machine one page of 300 can take
    // longer than the product's 30 s default; this counts requests, so it waits.
    client.setTimeout(300000);

    std::printf("store: %s orders; sweep page size %d\n", qPrintable(parser.value(ordersOpt)), MagentoCommentSweep::PageSize);
    int status = 0;
    for (int round = 1; round <= 2 && status == 0; ++round) {
        std::optional<Result<MagentoCommentSweep::Outcome>> result;
        QEventLoop loop;
        QElapsedTimer timer;
        timer.start();
        const int sentBefore = client.requestsSent();
        MagentoCommentSweep::run(&client, &loop, [&](Result<MagentoCommentSweep::Outcome> r) {
            result = std::move(r);
            loop.quit();
        });
        if (!result)
            loop.exec();
        if (!*result) {
            std::fprintf(stderr, "sweep failed: %s\n", qPrintable(result->error().toString()));
            status = 1;
            break;
        }
        std::printf("sweep %d: %lld open orders read, %d Magento requests per poll (%d sent), %lld ms\n", round,
                    qint64((*result)->newestHistory.size()), (*result)->requests, client.requestsSent() - sentBefore,
                    timer.elapsed());
    }
    if (status == 0)
        status = measureRescan(client, parser.value(windowOpt).toInt());
    sandbox.terminate();
    sandbox.waitForFinished(10000);
    return status;
}
