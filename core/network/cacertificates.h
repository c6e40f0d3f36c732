#pragma once

#include "common/error.h"

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

namespace OrderBridge {

/// The certificate authorities one connection trusts: the system's store, always, plus the certificates of an
/// optional PEM file (a company CA, a self-signed test server). The file is a path, not a secret; it is named
/// by a connection_profiles column (magento_ca_file, salesforce_ca_file), which every refusal names as the fix.
class CaCertificates
{
    Q_DECLARE_TR_FUNCTIONS(CaCertificates)

public:
    /// Which connection a file belongs to, for the messages.
    enum class Side { Magento, Salesforce };

    /// The certificates of `path` (none for an empty path). Refused with code "connection.invalid", kind
    /// Invalid and the side's column in `fields` when the file is missing or unreadable, holds no PEM
    /// certificate (a DER file is told apart) or only expired ones.
    [[nodiscard]] static Result<QList<QSslCertificate>> read(const QString &path, Side side);
    /// The TLS settings of the side's requests: QSslConfiguration::defaultConfiguration() whose CA certificates
    /// are the system's (QSslConfiguration::systemCaCertificates()) and `extra`; without `extra`, the default as is.
    [[nodiscard]] static QSslConfiguration configuration(const QList<QSslCertificate> &extra);
    /// read() then configuration(): what a client sets on each request of the connection.
    [[nodiscard]] static Result<QSslConfiguration> load(const QString &path, Side side);

    /// True when the handshake failed because no trusted authority vouches for the server's certificate,
    /// which an extra CA file can fix (as opposed to a wrong host name or an expired certificate).
    [[nodiscard]] static bool isUntrusted(const QList<QSslError> &errors);
    /// The refusal of a server whose certificate failed verification: `detail` is Qt's reason. When the
    /// certificate is untrusted the message says so and the hint names the side's CA-file field as the fix.
    [[nodiscard]] static Error handshakeError(const QString &code, Side side, const QString &host,
                                              const QList<QSslError> &errors, const QString &detail);
    /// What Test Connection shows: the file in use next to the system's certificates, or the system's only.
    [[nodiscard]] static QString describe(const QString &path);

    /// The connection_profiles column of the side's CA file: magento_ca_file or salesforce_ca_file.
    [[nodiscard]] static QString field(Side side);
    /// Where an operator sets the side's file: the console field and the command line option.
    [[nodiscard]] static QString whereToSet(Side side);
};

} // namespace OrderBridge
