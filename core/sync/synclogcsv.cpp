#include "sync/synclogcsv.h"

#include "store/synclogrepository.h"

#include <QIODevice>

#include <string_view>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

Result<void> writeAll(QIODevice &out, const QByteArray &bytes)
{
    if (out.write(bytes) != bytes.size())
        return fail(u"log.export_failed"_s, u"The CSV file could not be written: %1."_s.arg(out.errorString()),
                    u"Check that the disk is not full and the folder is writable, then export again."_s);
    return {};
}

} // namespace

QStringList SyncLogCsv::header()
{
    // Column names stay English: the file is read by tools and by Data Loader users alike.
    return {u"ORDER"_s, u"OBJECT"_s, u"ERROR_CODE"_s, u"MESSAGE"_s, u"FIELDS"_s};
}

QByteArray SyncLogCsv::quote(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    // A cell that starts like a formula would run as one in a spreadsheet (an order comment or a customer name is
    // enough); a leading apostrophe makes spreadsheet tools show it as text (OWASP "CSV Injection").
    static constexpr std::string_view formulaStarts = "=+-@\t\r";
    if (!bytes.isEmpty() && formulaStarts.find(bytes.front()) != std::string_view::npos)
        bytes.prepend('\'');
    bytes.replace('"', QByteArrayLiteral("\"\""));
    bytes.prepend('"');
    bytes.append('"');
    return bytes;
}

QByteArray SyncLogCsv::record(const QStringList &values)
{
    QByteArray line;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            line.append(',');
        line.append(quote(values.at(i)));
    }
    line.append("\r\n");
    return line;
}

QByteArray SyncLogCsv::record(const SyncLogEntry &entry)
{
    return record(QStringList{entry.incrementId, entry.object, entry.errorCode, entry.message, entry.fields});
}

Result<qint64> SyncLogCsv::writeErrors(const SyncLogRepository &reader, const SyncLogQuery &query, QIODevice &out)
{
    if (!out.isWritable())
        return fail(u"log.export_failed"_s, u"The CSV file is not open for writing."_s,
                    u"Choose a file in a folder you can write to."_s);
    if (auto r = writeAll(out, record(header())); !r)
        return std::unexpected(r.error());
    return reader.forEach(query, true, [&out](const SyncLogEntry &entry) { return writeAll(out, record(entry)); });
}

} // namespace OrderBridge
