#include "mappingfile.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QByteArray MappingFile::write(const FieldMappingList &mappings)
{
    Q_UNUSED(mappings);
    return {};
}

Result<QList<MappingFile::Entry>> MappingFile::read(const QByteArray &bytes)
{
    Q_UNUSED(bytes);
    return fail(u"mapping.file"_s, u"Reading mapping files is not implemented yet."_s);
}

} // namespace OrderBridge
