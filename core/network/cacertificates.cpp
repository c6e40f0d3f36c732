#include "network/cacertificates.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// A CA file is read whole; a bundle of every public CA is about 200 KB, so anything far larger is not one.
constexpr qint64 MaxCaFileBytes = 4 * 1024 * 1024;

Error refusal(CaCertificates::Side side, const QString &message, const QString &hint)
{
    return Error{u"connection.invalid"_s, message, hint, {CaCertificates::field(side)}, ErrorKind::Invalid};
}

QString label(CaCertificates::Side side)
{
    return side == CaCertificates::Side::Magento ? CaCertificates::tr("The Magento CA certificate file")
                                                 : CaCertificates::tr("The Salesforce CA certificate file");
}

} // namespace

QString CaCertificates::field(Side side)
{
    return side == Side::Magento ? u"magento_ca_file"_s : u"salesforce_ca_file"_s;
}

QString CaCertificates::whereToSet(Side side)
{
    return side == Side::Magento
        ? tr("Connection \u203a Magento \u203a CA certificate file; orderbridge-cli connect magento --ca-file FILE")
        : tr("Connection \u203a Salesforce \u203a CA certificate file; orderbridge-cli connect salesforce --ca-file FILE");
}

Result<QList<QSslCertificate>> CaCertificates::read(const QString &path, Side side)
{
    if (path.isEmpty())
        return QList<QSslCertificate>();
    const QString shown = QDir::toNativeSeparators(path);
    const QString fix = tr("Enter the path of the PEM file of the certificate authority that signed the server's "
                           "certificate, or leave the field empty to trust the system's certificates only (%1).")
                            .arg(whereToSet(side));
    const QFileInfo info(path);
    if (!info.exists())
        return std::unexpected(refusal(side, tr("%1 \"%2\" does not exist.").arg(label(side), shown), fix));
    if (!info.isFile())
        return std::unexpected(refusal(side, tr("%1 \"%2\" is not a file.").arg(label(side), shown), fix));
    QFile file(path);
    if (info.size() > MaxCaFileBytes || !file.open(QIODevice::ReadOnly))
        return std::unexpected(refusal(side,
                                       tr("%1 \"%2\" cannot be read: %3").arg(label(side), shown,
                                           info.size() > MaxCaFileBytes ? tr("it is larger than 4 MB") : file.errorString()),
                                       fix));
    const QByteArray bytes = file.readAll();
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(bytes, QSsl::Pem);
    if (certificates.isEmpty()) {
        // A DER file is the usual mix-up (what a browser's "export certificate" gives by default).
        if (!QSslCertificate::fromData(bytes, QSsl::Der).isEmpty())
            return std::unexpected(refusal(side, tr("%1 \"%2\" is a DER (binary) certificate, not PEM.").arg(label(side), shown),
                                           tr("Convert it with: openssl x509 -inform der -in \"%1\" -out ca.pem, then "
                                              "enter ca.pem (%2).").arg(shown, whereToSet(side))));
        return std::unexpected(refusal(side,
                                       tr("%1 \"%2\" holds no PEM certificate (no \"-----BEGIN CERTIFICATE-----\" block).")
                                           .arg(label(side), shown),
                                       fix));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QSslCertificate> current;
    for (const QSslCertificate &certificate : certificates) {
        if (certificate.expiryDate() > now)
            current << certificate;
    }
    if (current.isEmpty())
        return std::unexpected(refusal(side,
                                       tr("%1 \"%2\" holds only expired certificates (the last expired on %3).")
                                           .arg(label(side), shown,
                                                certificates.last().expiryDate().toString(Qt::ISODate)),
                                       tr("Get the certificate authority's current certificate and enter its file (%1).")
                                           .arg(whereToSet(side))));
    return current;
}

QSslConfiguration CaCertificates::configuration(const QList<QSslCertificate> &extra)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (extra.isEmpty())
        return configuration;
    // On Unix Qt loads the system's roots on demand, so the default configuration lists none, and setting or
    // adding CA certificates turns that on-demand loading off: the system's roots are listed here explicitly,
    // or the extra file would replace the system store instead of adding to it.
    // The system's list names some roots twice (the bundle and the hashed folder).
    QList<QSslCertificate> trusted;
    QSet<QSslCertificate> seen;
    for (const QList<QSslCertificate> &source : {configuration.caCertificates(), QSslConfiguration::systemCaCertificates(), extra}) {
        for (const QSslCertificate &certificate : source) {
            if (!seen.contains(certificate)) {
                seen.insert(certificate);
                trusted << certificate;
            }
        }
    }
    configuration.setCaCertificates(trusted);
    return configuration;
}

Result<QSslConfiguration> CaCertificates::load(const QString &path, Side side)
{
    auto certificates = read(path, side);
    if (!certificates)
        return std::unexpected(certificates.error());
    return configuration(*certificates);
}

bool CaCertificates::isUntrusted(const QList<QSslError> &errors)
{
    for (const QSslError &error : errors) {
        switch (error.error()) {
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted:
            return true;
        default:
            break;
        }
    }
    return false;
}

Error CaCertificates::handshakeError(const QString &code, Side side, const QString &host, const QList<QSslError> &errors,
                                     const QString &detail)
{
    const QString service = side == Side::Magento ? u"Magento"_s : u"Salesforce"_s;
    if (isUntrusted(errors))
        return Error{code,
                     tr("The certificate of %1 (%2) is not trusted (%3).").arg(host, service, detail),
                     tr("If the server's certificate comes from a private or self-signed certificate authority, enter "
                        "that authority's PEM file as the CA certificate file (%1); the system's certificates stay "
                        "trusted too.")
                         .arg(whereToSet(side)),
                     {field(side)}};
    return Error{code, tr("The secure connection to %1 (%2) failed (%3).").arg(host, service, detail),
                 tr("Check the server's TLS certificate (its host name and dates) and the address (http or https)."),
                 {}};
}

QString CaCertificates::describe(const QString &path)
{
    if (path.isEmpty())
        return tr("Trusted certificates: system certificates only.");
    return tr("Trusted certificates: the system's and %1.").arg(QDir::toNativeSeparators(path));
}

} // namespace OrderBridge
