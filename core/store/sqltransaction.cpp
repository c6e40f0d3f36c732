#include "store/sqltransaction.h"

#include <QSqlError>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

SqlTransaction::SqlTransaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    m_started = m_db.transaction();
    m_open = m_started;
    if (!m_started)
        m_startError = m_db.lastError().text();
}

SqlTransaction::~SqlTransaction()
{
    if (m_open)
        m_db.rollback();
}

Result<void> SqlTransaction::started() const
{
    if (!m_started)
        return fail(u"store.sql"_s, u"Could not start a transaction: %1"_s.arg(m_startError),
                    u"Close other programs using the database and try again."_s);
    return {};
}

Result<void> SqlTransaction::commit()
{
    if (!m_started)
        return started();
    if (!m_open)
        return fail(u"store.sql"_s, u"The transaction was already committed."_s);
    m_open = false;
    if (m_db.commit())
        return {};
    const QString error = m_db.lastError().text();
    m_db.rollback();
    return fail(u"store.sql"_s, u"Could not commit: %1"_s.arg(error),
                u"Check that the data folder is writable and the disk is not full."_s);
}

} // namespace OrderBridge
