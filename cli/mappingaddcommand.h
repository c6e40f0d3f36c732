#pragma once

#include "command.h"
#include "mappingcommand.h"

#include <optional>

namespace OrderBridge {

class LiveSchemaReader;
struct FieldMapping;
struct SalesforceAuthConfig;

/// `orderbridge-cli mapping add ...`: the field is checked against the connected org's live describe
/// (one call); with no Salesforce connection set up, or the org unreachable (then with a notice),
/// against the built-in catalogue. Parsing and storing are MappingCommand's.
class MappingAddCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingAddCommand)

public:
    explicit MappingAddCommand(const CliContext &context, QObject *parent = nullptr);
    ~MappingAddCommand() override;

protected:
    /// `args` are those after "mapping add".
    void run(ArgumentList args) override;

private:
    void checkAgainstOrg(const SalesforceAuthConfig &config);
    /// Adds the mapping checked against the catalogue; a non-empty `why` is printed as a notice first.
    void addWithCatalogue(const QString &why);

    MappingCommand m_mappings;
    std::optional<FieldMapping> m_mapping;
    LiveSchemaReader *m_schemaReader = nullptr;
};

} // namespace OrderBridge
