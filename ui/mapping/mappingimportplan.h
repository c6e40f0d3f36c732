#pragma once

#include "mapping/fieldmapping.h"
#include "mapping/salesforceschema.h"

#include <QCoreApplication>
#include <QString>

/// What importing a mapping file would stage in the Fields Mapping editor, or why it is refused. Made from a
/// snapshot of the stored rows and the schema, touching no widget, so the console computes it off the GUI thread.
struct MappingImportPlan
{
    Q_DECLARE_TR_FUNCTIONS(MappingImportPlan)

public:
    /// Every row to stage, all entities, in file order then the system rows the file leaves alone.
    OrderBridge::FieldMappingList proposed;
    /// Mappings the file holds.
    int entries = 0;
    /// Why nothing is staged; empty when the plan holds.
    QString error;

    /// Reads `path` and checks it whole against `stored` (every entity's rows, built-ins included) and `schema`.
    /// Linear in the file's size: repeats and stored rows are found through hashes.
    [[nodiscard]] static MappingImportPlan make(const QString &path, const OrderBridge::FieldMappingList &stored,
                                                const OrderBridge::SalesforceSchema &schema);
};
