#pragma once

// The tests' own "browser" for the sandbox org's OAuth web-server flow: opens the authorize address a
// sign-in asked to open, fills the org's login form with the sandbox user, and hands back the redirect
// to the app's loopback listener. Plain HTTP, redirects followed by hand.

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QString>
#include <QUrl>

#include <utility>

class SandboxBrowser
{
public:
    /// What the login form came to.
    struct Consent
    {
        QString error;       ///< empty when the org redirected to the app
        QByteArray formBody; ///< the form posted (hidden fields, username, password)
        QUrl redirect;       ///< redirect_uri?code=…&state=…
    };

    /// `sf`: the `salesforce` object of the sandbox's ready line (username, password, login_url).
    explicit SandboxBrowser(QJsonObject sf)
        : m_sf(std::move(sf))
    {
        m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }

    /// GET `authorize` (a login form), then POST it with the org user's username and password: the
    /// org's 302 to the app.
    Consent consent(const QUrl &authorize)
    {
        Consent out;
        int status = 0;
        const QString page = QString::fromUtf8(finish(m_network.get(QNetworkRequest(authorize)), &status));
        if (status != 200 || !page.contains(QStringLiteral("<form"))) {
            out.error = QStringLiteral("the authorize page answered %1 without a form").arg(status);
            return out;
        }
        static const QRegularExpression hidden(QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">"));
        for (auto it = hidden.globalMatch(page); it.hasNext();) {
            const auto m = it.next();
            out.formBody += QUrl::toPercentEncoding(m.captured(1)) + '=' + QUrl::toPercentEncoding(htmlUnescape(m.captured(2))) + '&';
        }
        out.formBody += "username=" + QUrl::toPercentEncoding(m_sf.value(QStringLiteral("username")).toString())
            + "&pw=" + QUrl::toPercentEncoding(m_sf.value(QStringLiteral("password")).toString());
        QNetworkRequest post(QUrl(m_sf.value(QStringLiteral("login_url")).toString() + QStringLiteral("/services/oauth2/authorize")));
        post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
        QByteArray location;
        finish(m_network.post(post, out.formBody), &status, &location);
        if (status != 302 || location.isEmpty()) {
            out.error = QStringLiteral("the login form answered %1, not a redirect").arg(status);
            return out;
        }
        out.redirect = QUrl::fromEncoded(location);
        return out;
    }

    /// GET `url` (the app's loopback redirect); read it with finish().
    QNetworkReply *open(const QUrl &url) { return m_network.get(QNetworkRequest(url)); }

    /// Waits up to 15 s for `reply` (test code may wait; the product never does), then its body,
    /// HTTP status and Location header; deletes the reply later.
    static QByteArray finish(QNetworkReply *reply, int *status = nullptr, QByteArray *location = nullptr)
    {
        if (!reply->isFinished())
            QSignalSpy(reply, &QNetworkReply::finished).wait(15000);
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (location)
            *location = reply->rawHeader("Location");
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }

private:
    static QString htmlUnescape(QString s)
    {
        s.replace(QStringLiteral("&quot;"), QStringLiteral("\""))
            .replace(QStringLiteral("&#39;"), QStringLiteral("'"))
            .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
            .replace(QStringLiteral("&gt;"), QStringLiteral(">"));
        return s.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    }

    QJsonObject m_sf;
    QNetworkAccessManager m_network;
};
