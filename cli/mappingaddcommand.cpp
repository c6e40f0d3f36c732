#include "mappingaddcommand.h"

#include "liveschemareader.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "sync/syncworker.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

MappingAddCommand::MappingAddCommand(const CliContext &context, QObject *parent)
    : Command(context, parent)
    , m_mappings(context)
{
}

MappingAddCommand::~MappingAddCommand() = default;

void MappingAddCommand::run(ArgumentList args)
{
    ExitCode failure = ExitCode::Usage;
    m_mapping = m_mappings.parseAdd(args.remaining(), &failure);
    if (!m_mapping) {
        finish(failure);
        return;
    }
    if (auto db = context().openDatabase(); !db) {
        fail(db.error());
        return;
    }
    loadWorkerConfig([this](Result<SyncWorkerConfig> config, const QString &) {
        if (!config) {
            // No connection set up: the catalogue is all there is, nothing to tell.
            addWithCatalogue(config.error().code == u"sync.not_connected"_s ? QString() : config.error().message);
            return;
        }
        if (config->salesforce.clientId.isEmpty()) {
            addWithCatalogue(QString()); // only Magento is set up
            return;
        }
        if (config->salesforce.flow == SalesforceAuthConfig::Flow::Browser && config->salesforce.refreshToken.isEmpty()) {
            addWithCatalogue(u"the browser sign-in has not been completed yet: run orderbridge-cli test-connection"_s);
            return;
        }
        checkAgainstOrg(config->salesforce);
    });
}

void MappingAddCommand::checkAgainstOrg(const SalesforceAuthConfig &config)
{
    m_schemaReader = new LiveSchemaReader(config, this);
    m_schemaReader->read(m_mapping->entity, [this](Result<SalesforceSchema> schema) {
        if (!schema) {
            addWithCatalogue(schema.error().message);
            return;
        }
        finish(m_mappings.addWith(*m_mapping, *schema));
    });
}

void MappingAddCommand::addWithCatalogue(const QString &why)
{
    if (!why.isEmpty()) {
        context().err << u"orderbridge-cli: notice: the fields of the Salesforce org could not be read (%1); "
                         u"%2 was checked against the built-in field catalogue only.\n"_s.arg(why, m_mapping->salesforceField)
                      << Qt::flush;
    }
    finish(m_mappings.addWith(*m_mapping, SalesforceFieldCatalogue::schema()));
}

} // namespace OrderBridge
