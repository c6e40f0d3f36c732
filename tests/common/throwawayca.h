#pragma once

// A throwaway certificate authority and a server certificate for 127.0.0.1 that it signs, made with the
// `openssl` command (Debian package openssl) for orderbridge-sandbox --tls-cert/--tls-key: the tests and
// bench/sync trust the CA through the connection's CA certificate file, as an operator trusts a private CA.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace ThrowawayCa {

/// Writes into `dir`: ca.pem / ca.key (the CA, valid two days), server.pem / server.key (CN and subjectAltName
/// IP 127.0.0.1, which Qt matches for an address URL), ca.der (the CA in DER form) and expired.pem (a self-signed CA
/// valid only on 1-2 January 2020). Empty on success, else what failed.
inline QString make(const QString &dir)
{
    const auto openssl = [&dir](const QStringList &args) -> QString {
        QProcess process;
        process.setWorkingDirectory(dir);
        process.start(QStringLiteral("openssl"), args);
        if (!process.waitForStarted(10000))
            return QStringLiteral("openssl cannot be started: install the Debian package openssl (scripts/install-deps.sh)");
        process.waitForFinished(60000);
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return QStringLiteral("openssl %1 failed: %2").arg(args.first(), QString::fromLocal8Bit(process.readAllStandardError()));
        return {};
    };
    QFile extensions(QDir(dir).filePath(QStringLiteral("server.ext")));
    if (!extensions.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1").arg(extensions.fileName());
    extensions.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    extensions.close();
    // Debian 12's openssl (3.0) refuses a non-positive -days and has no req -not_after (3.4); `openssl ca` takes
    // explicit -startdate/-enddate (https://docs.openssl.org/3.0/man1/openssl-ca/) but needs a minimal CA database.
    const auto writeFile = [&dir](const QString &name, const QByteArray &text) {
        QFile file(QDir(dir).filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
    };
    if (!QDir(dir).mkpath(QStringLiteral("expired-db")) || !writeFile(QStringLiteral("expired-db/index.txt"), {})
        || !writeFile(QStringLiteral("expired-db/serial"), "01\n")
        || !writeFile(QStringLiteral("expired.cnf"),
                      "[ca]\ndefault_ca = d\n[d]\ndatabase = expired-db/index.txt\nnew_certs_dir = expired-db\n"
                      "serial = expired-db/serial\ndefault_md = sha256\npolicy = p\ncopy_extensions = copy\n"
                      "[p]\ncommonName = supplied\n"))
        return QStringLiteral("cannot write the expired CA's openssl files in %1").arg(dir);
    const QList<QStringList> steps{
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
         QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
         QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
         QStringLiteral("/CN=OrderBridge throwaway CA"), QStringLiteral("-addext"),
         QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
         QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")},
        {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
         QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"), QStringLiteral("server.csr"),
         QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
         QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
         QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"), QStringLiteral("-days"),
         QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext")},
        {QStringLiteral("x509"), QStringLiteral("-in"), QStringLiteral("ca.pem"), QStringLiteral("-outform"),
         QStringLiteral("der"), QStringLiteral("-out"), QStringLiteral("ca.der")},
        {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
         QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("expired.key"), QStringLiteral("-out"),
         QStringLiteral("expired.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=OrderBridge expired CA"),
         QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE")},
        {QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"), QStringLiteral("expired.cnf"),
         QStringLiteral("-selfsign"), QStringLiteral("-keyfile"), QStringLiteral("expired.key"), QStringLiteral("-in"),
         QStringLiteral("expired.csr"), QStringLiteral("-out"), QStringLiteral("expired.pem"), QStringLiteral("-notext"),
         QStringLiteral("-startdate"), QStringLiteral("20200101000000Z"), QStringLiteral("-enddate"),
         QStringLiteral("20200102000000Z")},
    };
    for (const QStringList &step : steps) {
        if (const QString problem = openssl(step); !problem.isEmpty())
            return problem;
    }
    return {};
}

} // namespace ThrowawayCa
