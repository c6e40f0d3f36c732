#pragma once

#include "common/error.h"
#include "store/synclogentry.h"
#include "store/synclogquery.h"

#include <QByteArray>
#include <QStringList>

class QIODevice;

namespace OrderBridge {

class SyncLogRepository;

/// Writes sync log errors as CSV the way Salesforce Data Loader's error files look: a header row,
/// every field quoted (RFC 4180: quotes doubled, commas and line breaks kept inside the quotes),
/// CRLF line ends, UTF-8 without a byte order mark. Columns: order, object, error code, message, fields.
class SyncLogCsv
{
public:
    /// The header row's column names, in order.
    [[nodiscard]] static QStringList header();
    /// One field, quoted.
    [[nodiscard]] static QByteArray quote(const QString &value);
    /// One record: the quoted fields joined by commas, ended by CRLF.
    [[nodiscard]] static QByteArray record(const QStringList &values);
    /// The record of one log entry (order, object, error code, message, fields).
    [[nodiscard]] static QByteArray record(const SyncLogEntry &entry);

    /// Writes the header and every error entry matching `query`, newest first, streaming the rows
    /// from the store. Returns how many entries were written.
    static Result<qint64> writeErrors(const SyncLogRepository &reader, const SyncLogQuery &query, QIODevice &out);
};

} // namespace OrderBridge
