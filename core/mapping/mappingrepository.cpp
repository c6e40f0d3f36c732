#include "mappingrepository.h"

#include "store/database.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {
std::unexpected<Error> notYet()
{
    return fail(u"mapping.not_implemented"_s, u"The mapping repository is not implemented yet."_s);
}
} // namespace

MappingRepository::MappingRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<FieldMappingList> MappingRepository::list(std::optional<MappingEntity> entity) const
{
    Q_UNUSED(entity);
    return notYet();
}

Result<FieldMapping> MappingRepository::get(qint64 id) const
{
    Q_UNUSED(id);
    return notYet();
}

Result<FieldMapping> MappingRepository::add(FieldMapping mapping, const SalesforceSchema &schema)
{
    Q_UNUSED(mapping);
    Q_UNUSED(schema);
    return notYet();
}

Result<FieldMapping> MappingRepository::update(const FieldMapping &mapping, const SalesforceSchema &schema)
{
    Q_UNUSED(mapping);
    Q_UNUSED(schema);
    return notYet();
}

Result<void> MappingRepository::remove(qint64 id)
{
    Q_UNUSED(id);
    return notYet();
}

Result<int> MappingRepository::ensureDefaults()
{
    return notYet();
}

Result<MappingRepository::ImportSummary> MappingRepository::replaceAll(const QList<MappingFile::Entry> &entries,
                                                                       const SalesforceSchema &schema)
{
    Q_UNUSED(entries);
    Q_UNUSED(schema);
    return notYet();
}

Result<QByteArray> MappingRepository::exportJson() const
{
    return notYet();
}

Result<MappingRepository::ImportSummary> MappingRepository::importJson(const QByteArray &bytes,
                                                                       const SalesforceSchema &schema)
{
    Q_UNUSED(bytes);
    Q_UNUSED(schema);
    return notYet();
}

Result<void> MappingRepository::exportToFile(const QString &filePath) const
{
    Q_UNUSED(filePath);
    return notYet();
}

Result<MappingRepository::ImportSummary> MappingRepository::importFromFile(const QString &filePath,
                                                                           const SalesforceSchema &schema)
{
    Q_UNUSED(filePath);
    Q_UNUSED(schema);
    return notYet();
}

} // namespace OrderBridge
