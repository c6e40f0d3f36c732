#pragma once

#include "store/database.h"
#include "store/syncstatus.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <array>

// Test data for the orders grid: order i (1..count) has entity_id i, increment_id 1000000i (9
// digits), created_at one minute after order i-1, and cycles through names, Magento statuses and
// sync statuses as the functions below say, so a test can compute what it expects.
namespace OrdersFixture {

using namespace Qt::Literals::StringLiterals;

inline QString incrementId(int i) { return QString::number(100000000 + i); }
inline QString name(int i)
{
    static const std::array<QString, 4> names{u"Alice Smith"_s, u"Bob Jones"_s, u"Carol White"_s, u"dave Brown"_s};
    return names.at(std::size_t(i % 4));
}
inline QString email(int i) { return name(i).section(u' ', 0, 0).toLower() + QString::number(i) + u"@example.com"_s; }
inline QString status(int i)
{
    static const std::array<QString, 3> statuses{u"pending"_s, u"processing"_s, u"complete"_s};
    return statuses.at(std::size_t(i % 3));
}
inline OrderBridge::SyncStatus syncStatus(int i) { return OrderBridge::SyncStatus(i % 5); }
inline double grandTotal(int i) { return 10.0 + (i * 7 % 1000) + 0.25; }

/// Inserts `count` orders in one transaction; returns an empty string or the SQL error.
inline QString fill(const OrderBridge::Database &database, int count)
{
    QSqlDatabase db = database.connection();
    if (!db.transaction())
        return db.lastError().text();
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO orders (magento_entity_id, increment_id, status, state, created_at, updated_at,"
                   u" customer_email, customer_name, grand_total, currency, sync_status, reason, sf_order_id)"
                   u" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    const QDateTime base(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);
    for (int i = 1; i <= count; ++i) {
        const QString created = base.addSecs(60LL * i).toString(Qt::ISODateWithMs);
        insert.addBindValue(i);
        insert.addBindValue(incrementId(i));
        insert.addBindValue(status(i));
        insert.addBindValue(status(i) == u"pending"_s ? u"new"_s : status(i));
        insert.addBindValue(created);
        insert.addBindValue(created);
        insert.addBindValue(email(i));
        insert.addBindValue(name(i));
        insert.addBindValue(grandTotal(i));
        insert.addBindValue(u"USD"_s);
        insert.addBindValue(OrderBridge::syncStatusDbName(syncStatus(i)));
        insert.addBindValue(syncStatus(i) == OrderBridge::SyncStatus::OutOfSync ? QVariant(u"Created only for paid orders."_s)
                                                                                 : QVariant(QMetaType::fromType<QString>()));
        insert.addBindValue(syncStatus(i) == OrderBridge::SyncStatus::InSync
                                ? QVariant(u"801"_s + QString::number(i).rightJustified(15, u'0'))
                                : QVariant(QMetaType::fromType<QString>()));
        if (!insert.exec())
            return insert.lastError().text();
    }
    return db.commit() ? QString() : db.lastError().text();
}

/// What the sync engine writes for an order that reached Salesforce.
inline bool markInSync(const OrderBridge::Database &database, qint64 entityId, const QString &salesforceOrderId)
{
    QSqlQuery update(database.connection());
    update.prepare(u"UPDATE orders SET sync_status = 'in_sync', reason = NULL, last_error_code = NULL,"
                   u" last_error_message = NULL, sf_order_id = ? WHERE magento_entity_id = ?"_s);
    update.addBindValue(salesforceOrderId);
    update.addBindValue(entityId);
    return update.exec() && update.numRowsAffected() == 1;
}

inline bool markError(const OrderBridge::Database &database, qint64 entityId, const QString &code, const QString &message,
                      const QString &hint)
{
    QSqlQuery update(database.connection());
    update.prepare(u"UPDATE orders SET sync_status = 'error', reason = ?, last_error_code = ?, last_error_message = ?"
                   u" WHERE magento_entity_id = ?"_s);
    update.addBindValue(hint);
    update.addBindValue(code);
    update.addBindValue(message);
    update.addBindValue(entityId);
    return update.exec() && update.numRowsAffected() == 1;
}

} // namespace OrdersFixture
