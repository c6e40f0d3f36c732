#pragma once

#include "common/error.h"

#include <QSqlDatabase>

namespace OrderBridge {

/// A transaction on one connection that rolls back unless it is committed, so every early return of
/// a repository leaves the store as it was. For the store's own sources (it includes Qt Sql).
class SqlTransaction
{
public:
    /// Starts the transaction; check started() before writing.
    explicit SqlTransaction(QSqlDatabase db);
    ~SqlTransaction();

    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;
    SqlTransaction(SqlTransaction &&) = delete;
    SqlTransaction &operator=(SqlTransaction &&) = delete;

    /// Fails (store.sql) when the transaction could not be started.
    [[nodiscard]] Result<void> started() const;
    /// Commits; on failure the transaction is rolled back.
    Result<void> commit();
    [[nodiscard]] QSqlDatabase database() const { return m_db; }

private:
    QSqlDatabase m_db;
    QString m_startError;
    bool m_started = false;
    bool m_open = false;
};

} // namespace OrderBridge
