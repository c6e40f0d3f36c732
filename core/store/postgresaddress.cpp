#include "store/postgresaddress.h"

#include <QStringList>
#include <QUrl>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString urlForm = u"postgresql://USER@HOST:PORT/DBNAME"_s;

std::unexpected<Error> invalid(const QString &message, const QString &hint)
{
    return std::unexpected(Error{u"store.bad_database_url"_s, message, hint, {u"database"_s}, ErrorKind::Invalid});
}

} // namespace

bool PostgresAddress::isUrl(const QString &text)
{
    return text.startsWith(u"postgresql://"_s, Qt::CaseInsensitive)
        || text.startsWith(u"postgres://"_s, Qt::CaseInsensitive);
}

Result<PostgresAddress> PostgresAddress::parse(const QString &text)
{
    // https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING (the URI form)
    const QUrl url(text, QUrl::StrictMode);
    if (!isUrl(text) || !url.isValid())
        return invalid(u"The database address \"%1\" is not a PostgreSQL URL."_s.arg(text),
                       u"Write it as %1, or give the path of a SQLite file."_s.arg(urlForm));
    // Only say that there is a password, never echo it.
    if (!url.password().isEmpty() || text.section(u'@', 0, 0).section(u"//"_s, 1).contains(u':'))
        return invalid(u"The database URL carries a password; OrderBridge never takes a password from a URL or a "
                       u"command line."_s,
                       u"Remove it from the URL (%1) and store it in the keychain, or as database.password in the "
                       u"secrets file named with --secrets-file."_s.arg(urlForm));
    PostgresAddress address;
    address.user = url.userName();
    address.host = url.host();
    address.port = url.port(5432);
    address.databaseName = url.path().mid(1);
    if (address.user.isEmpty() || address.host.isEmpty() || address.databaseName.isEmpty()
        || address.databaseName.contains(u'/'))
        return invalid(u"The database URL \"%1\" lacks the user, the host or the database name."_s.arg(text),
                       u"Write it as %1, e.g. postgresql://orderbridge@db.example.com:5432/orderbridge."_s.arg(urlForm));
    if (url.hasQuery() || url.hasFragment())
        return invalid(u"The database URL \"%1\" has options after the database name, which OrderBridge does not "
                       u"take."_s.arg(address.toString()),
                       u"Remove them (%1): TLS is chosen for you, sslmode=verify-full for every host but this "
                       u"computer."_s.arg(urlForm));
    return address;
}

bool PostgresAddress::isLoopback() const
{
    // Spelled out: the store links Qt Core and Sql only, not Network's QHostAddress.
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0 || host == u"::1"_s)
        return true;
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4 || parts.constFirst() != u"127"_s)
        return false;
    return std::all_of(parts.cbegin(), parts.cend(), [](const QString &part) {
        bool ok = false;
        const int value = part.toInt(&ok);
        return ok && value >= 0 && value <= 255;
    });
}

QString PostgresAddress::connectOptions() const
{
    // verify-full checks the server's certificate against ~/.postgresql/root.crt (or PGSSLROOTCERT) and its name
    // against the host: https://www.postgresql.org/docs/15/libpq-ssl.html
    QString options = u"connect_timeout=10;application_name=orderbridge"_s;
    if (!isLoopback())
        options += u";sslmode=verify-full"_s;
    return options;
}

QString PostgresAddress::toString() const
{
    const QString hostPart = host.contains(u':') ? u'[' + host + u']' : host;
    return u"postgresql://%1@%2:%3/%4"_s.arg(user, hostPart).arg(port).arg(databaseName);
}

} // namespace OrderBridge
