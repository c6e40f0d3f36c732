#pragma once

#include "store/database.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <array>

// Test data for the Log page: entry i (1..count) is logged one second after entry i-1; levels cycle
// info, error, warning, info; every 10th entry has no order, the others belong to order
// 1000000xx where two neighbours share an order; errors carry a code and fields.
namespace LogFixture {

using namespace Qt::Literals::StringLiterals;

inline QDateTime loggedAt(int i) { return QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC).addSecs(i); }
inline QString level(int i)
{
    static const std::array<QString, 4> levels{u"info"_s, u"error"_s, u"warning"_s, u"info"_s};
    return levels.at(std::size_t(i % 4));
}
inline QString order(int i) { return i % 10 == 0 ? QString() : QString::number(100000000 + (i + 1) / 2); }
inline QString object(int i) { return i % 2 ? u"Order"_s : u"OrderItem"_s; }
inline QString errorCode(int i) { return level(i) == u"error"_s ? u"CODE_%1"_s.arg(i) : QString(); }
inline QString message(int i) { return u"Message %1"_s.arg(i); }
inline QString fields(int i) { return level(i) == u"error"_s ? u"Field%1__c,Status"_s.arg(i) : QString(); }

/// Inserts entries from..to in one transaction; returns an empty string or the SQL error.
inline QString fill(const OrderBridge::Database &database, int from, int to)
{
    QSqlDatabase db = database.connection();
    if (!db.transaction())
        return db.lastError().text();
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO sync_log (logged_at, level, order_increment_id, object, error_code, message, fields)"
                   u" VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    auto nullable = [](const QString &s) { return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s); };
    for (int i = from; i <= to; ++i) {
        insert.addBindValue(loggedAt(i).toString(Qt::ISODateWithMs));
        insert.addBindValue(level(i));
        insert.addBindValue(nullable(order(i)));
        insert.addBindValue(object(i));
        insert.addBindValue(nullable(errorCode(i)));
        insert.addBindValue(message(i));
        insert.addBindValue(nullable(fields(i)));
        if (!insert.exec())
            return insert.lastError().text();
    }
    return db.commit() ? QString() : db.lastError().text();
}

/// Inserts one entry as SyncStore would (logged now).
inline QString log(const OrderBridge::Database &database, const QString &level, const QString &order,
                   const QString &code, const QString &message, const QString &fields = {})
{
    QSqlQuery insert(database.connection());
    insert.prepare(u"INSERT INTO sync_log (level, order_increment_id, object, error_code, message, fields)"
                   u" VALUES (?, ?, 'Order', ?, ?, ?)"_s);
    insert.addBindValue(level);
    insert.addBindValue(order);
    insert.addBindValue(code.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(code));
    insert.addBindValue(message);
    insert.addBindValue(fields.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(fields));
    return insert.exec() ? QString() : insert.lastError().text();
}

} // namespace LogFixture
