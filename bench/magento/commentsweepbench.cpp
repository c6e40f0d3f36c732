// Measures the comment sweep (MagentoCommentSweep): how many Magento requests one sweep of the open orders
// costs, and how long it takes, against a sandbox store of N seeded orders (default 11,500: about 10,000 of
// them are not closed or canceled). Prints one line per sweep; the second sweep reads a store already rendered.
//
//   bench_magento_comment_sweep [--orders N] [--sandbox PATH]
//
// A command-line measurement, not product code: it waits for each sweep in a local event loop.

#include "magento/magentoclient.h"
#include "magento/magentocommentsweep.h"

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

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption ordersOpt(u"orders"_s, u"Orders in the sandbox store."_s, u"N"_s, u"11500"_s);
    const QCommandLineOption sandboxOpt(u"sandbox"_s, u"The orderbridge-sandbox binary."_s, u"PATH"_s,
                                        QStringLiteral(ORDERBRIDGE_SANDBOX_EXECUTABLE));
    parser.addOptions({ordersOpt, sandboxOpt});
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
    sandbox.terminate();
    sandbox.waitForFinished(10000);
    return status;
}
