// A revoked Salesforce refresh token, end to end through orderbridge-cli against orderbridge-sandbox:
// connected with the browser (web-server + PKCE) flow, the first sync signs in through the test's own
// browser and works; the user revokes OrderBridge's access; the next sync fails saying to connect
// again and drops the token; `connect salesforce` again, and the next sync (browser sign-in re-run)
// works. Secrets live in a private gnome-keyring (the test runs under with-keyring.sh).

#include "clirunner.h"
#include "sandboxbrowser.h"
#include "sandboxprocess.h"
#include "storedsecret.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {

/// A `sync --once` and what its browser sign-in came to.
struct SignInRun
{
    CliRun run;
    bool askedForBrowser = false; ///< the CLI printed an authorize address
    QString browserError;         ///< empty when the browser got the "connected" page (or was not asked)
};

QJsonObject summaryOf(const CliRun &run)
{
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    return lines.isEmpty() ? QJsonObject()
                           : QJsonDocument::fromJson(lines.last().toUtf8()).object().value(u"summary"_s).toObject();
}

} // namespace

class TestCliReconnect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void revokedRefreshTokenThenConnectAgain();

private:
    QStringList data(const QStringList &args) const { return QStringList{u"--data-dir"_s, m_dir.path()} + args; }
    /// `connect salesforce --flow browser` to the sandbox org, its client secret on standard input.
    CliRun connectBrowser();
    /// `sync --once --json`; when the CLI prints the sign-in address, the test's browser signs in there.
    SignInRun syncSigningIn();
    /// The user withdraws OrderBridge's access: POST /services/oauth2/revoke with the refresh token.
    int revoke(const QString &refreshToken);
    /// The order's sync_status in `status --json`.
    QString syncStatus(const QString &incrementId);

    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
};

void TestCliReconnect::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"3"_s, u"--seed"_s, u"5"_s}), qPrintable(m_sandbox.errorString()));
}

CliRun TestCliReconnect::connectBrowser()
{
    const QJsonObject sf = m_sandbox.salesforce();
    return runCliWithInput(data({u"connect"_s, u"salesforce"_s, u"--login-url"_s, sf.value(u"login_url"_s).toString(),
                                 u"--client-id"_s, sf.value(u"client_id"_s).toString(), u"--flow"_s, u"browser"_s}),
                           QJsonDocument(QJsonObject{{u"client_secret"_s, sf.value(u"client_secret"_s)}}).toJson());
}

SignInRun TestCliReconnect::syncSigningIn()
{
    SignInRun out;
    QProcess process;
    process.start(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE), data({u"sync"_s, u"--once"_s, u"--json"_s}));
    if (!process.waitForStarted(10000))
        return out;
    process.closeWriteChannel();
    QByteArray err;
    static const QRegularExpression address(u"Open this address in a browser to sign in to Salesforce:\\n\\s+(\\S+)\\n"_s);
    QRegularExpressionMatch match;
    // Ends with the address, or with the process (a refused sign-in asks for no browser).
    const bool ended = QTest::qWaitFor(
        [&] {
            err += process.readAllStandardError();
            match = address.match(QString::fromUtf8(err));
            return match.hasMatch() || process.state() == QProcess::NotRunning;
        },
        120000);
    if (ended && match.hasMatch()) {
        out.askedForBrowser = true;
        SandboxBrowser browser(m_sandbox.salesforce());
        const SandboxBrowser::Consent consent = browser.consent(QUrl::fromEncoded(match.captured(1).toUtf8()));
        int status = 0;
        const QByteArray landing = consent.error.isEmpty() ? SandboxBrowser::finish(browser.open(consent.redirect), &status)
                                                           : QByteArray();
        if (!consent.error.isEmpty())
            out.browserError = consent.error;
        else if (status != 200 || !landing.contains("connected to Salesforce"))
            out.browserError = u"the loopback listener answered %1: %2"_s.arg(status).arg(QString::fromUtf8(landing));
    }
    if (!process.waitForFinished(180000))
        process.kill();
    out.run.finished = process.exitStatus() == QProcess::NormalExit;
    out.run.exitCode = out.run.finished ? process.exitCode() : -1;
    out.run.out = QString::fromUtf8(process.readAllStandardOutput());
    out.run.err = QString::fromUtf8(err + process.readAllStandardError());
    return out;
}

int TestCliReconnect::revoke(const QString &refreshToken)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(m_sandbox.salesforceLoginUrl() + u"/services/oauth2/revoke"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QUrlQuery form;
    form.addQueryItem(u"token"_s, refreshToken);
    QNetworkReply *reply = network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

QString TestCliReconnect::syncStatus(const QString &incrementId)
{
    const CliRun r = runCliWithInput(data({u"status"_s, u"--order"_s, incrementId, u"--json"_s}));
    const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
    return rows.size() == 1 ? rows.first().toObject().value(u"sync_status"_s).toString() : r.out + r.err;
}

void TestCliReconnect::revokedRefreshTokenThenConnectAgain()
{
    CliRun r = connectMagentoOAuth1(data({}), m_sandbox.magento());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    r = connectBrowser();
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(storedSecret(u"salesforce.refresh_token"_s), QString());

    // The first sync has no refresh token: the browser sign-in, then the order is written.
    const QString first = m_sandbox.placeInvoicedOrder();
    QVERIFY(!first.isEmpty());
    SignInRun s = syncSigningIn();
    QVERIFY2(s.askedForBrowser, qPrintable(s.run.err));
    QVERIFY2(s.browserError.isEmpty(), qPrintable(s.browserError));
    QVERIFY2(s.run.exitCode == 0, qPrintable(s.run.out + s.run.err));
    QCOMPARE(summaryOf(s.run).value(u"errors"_s).toInt(-1), 0);
    QCOMPARE(syncStatus(first), u"in_sync"_s);
    const QString revoked = storedSecret(u"salesforce.refresh_token"_s);
    QVERIFY2(!revoked.isEmpty() && !revoked.startsWith(u'<'), qPrintable(revoked));

    // The user withdraws OrderBridge's access (Setup › Connected Apps OAuth Usage › Revoke does what the
    // revoke endpoint does). The next sync with something to write is refused at sign-in: it says what to do,
    // asks for no browser (cron cannot answer one) and drops the dead token. It stopped before reading the
    // store's changes, so the new order is still to come (below, it arrives).
    QCOMPARE(revoke(revoked), 200);
    const QString second = m_sandbox.placeInvoicedOrder();
    QVERIFY(!second.isEmpty());
    s = syncSigningIn();
    QVERIFY2(!s.askedForBrowser, qPrintable(s.run.err));
    QVERIFY2(s.run.exitCode == 1, qPrintable(u"exit %1: "_s.arg(s.run.exitCode) + s.run.out + s.run.err));
    QVERIFY2(s.run.err.contains(u"connect to Salesforce again"_s), qPrintable(s.run.err));
    QVERIFY2(s.run.err.contains(u"orderbridge-cli connect salesforce"_s), qPrintable(s.run.err));
    QVERIFY2(!s.run.err.contains(revoked), "the refused token reached the output");
    QCOMPARE(storedSecret(u"salesforce.refresh_token"_s), QString());

    // Connecting again re-runs the browser sign-in at the next sync, which writes the new order.
    r = connectBrowser();
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    s = syncSigningIn();
    QVERIFY2(s.askedForBrowser, qPrintable(s.run.err));
    QVERIFY2(s.browserError.isEmpty(), qPrintable(s.browserError));
    QVERIFY2(s.run.exitCode == 0, qPrintable(s.run.out + s.run.err));
    QCOMPARE(summaryOf(s.run).value(u"errors"_s).toInt(-1), 0);
    QCOMPARE(syncStatus(second), u"in_sync"_s);
    const QString renewed = storedSecret(u"salesforce.refresh_token"_s);
    QVERIFY2(!renewed.isEmpty() && !renewed.startsWith(u'<'), qPrintable(renewed));
    QVERIFY(renewed != revoked);
}

QTEST_GUILESS_MAIN(TestCliReconnect)
#include "tst_clireconnect.moc"
