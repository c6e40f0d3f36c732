#include "sandboxprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

SandboxProcess::SandboxProcess()
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setReadChannel(QProcess::StandardOutput);
}

SandboxProcess::~SandboxProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        stop();
}

QString SandboxProcess::executable()
{
    return QStringLiteral(ORDERBRIDGE_SANDBOX_EXECUTABLE);
}

bool SandboxProcess::start(const QStringList &arguments, int timeoutMs)
{
    m_process.start(executable(), arguments);
    if (!m_process.waitForStarted(timeoutMs)) {
        m_error = u"sandbox did not start: "_s + m_process.errorString();
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    QByteArray line;
    while (!line.endsWith('\n')) {
        if (timer.elapsed() > timeoutMs || m_process.state() == QProcess::NotRunning) {
            m_error = u"sandbox not ready: "_s + QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
        if (!m_process.canReadLine())
            m_process.waitForReadyRead(200);
        if (m_process.canReadLine())
            line = m_process.readLine();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (!doc.isObject()) {
        m_error = u"sandbox ready line is not a JSON object: "_s + QString::fromUtf8(line);
        return false;
    }
    m_ready = doc.object();
    return true;
}

int SandboxProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(timeoutMs);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString SandboxProcess::magentoBaseUrl() const
{
    return magento().value(u"base_url"_s).toString();
}

QString SandboxProcess::salesforceLoginUrl() const
{
    return salesforce().value(u"login_url"_s).toString();
}

QString SandboxProcess::placeInvoicedOrder(int backdateSeconds)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(magentoBaseUrl() + u"/__sandbox/large-order"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QJsonObject body{{u"lines"_s, 1}, {u"invoice"_s, true}};
    if (backdateSeconds >= 0)
        body.insert(u"backdate_seconds"_s, backdateSeconds);
    QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60000))
        return {};
    const qint64 entityId = QJsonDocument::fromJson(reply->readAll()).object().value(u"entity_id"_s).toInteger();
    delete reply;
    // The sandbox numbers its orders 000000001 upwards by entity_id.
    return entityId > 0 ? u"%1"_s.arg(entityId, 9, 10, QChar(u'0')) : QString();
}
