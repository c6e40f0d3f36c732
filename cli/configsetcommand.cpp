#include "configsetcommand.h"

#include "settings/settingoption.h"
#include "settings/settingscatalog.h"
#include "sync/workerhost.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

ConfigSetCommand::ConfigSetCommand(const CliContext &context, QObject *parent)
    : WorkerCommand(context, parent)
{
}

ConfigSetCommand::~ConfigSetCommand() = default;

void ConfigSetCommand::run(ArgumentList args)
{
    m_key = args.takeFirst();
    m_value = args.takeFirst();
    if (rejectRemaining(args))
        return;
    // Key and value are checked before the store is touched; the cross-field rules need the stored values.
    const SettingOption *option = SettingsCatalog::find(m_key);
    if (!option) {
        fail(Settings::unknownKeyError(m_key));
        return;
    }
    if (const auto parsed = option->parse(m_value); !parsed) {
        fail(parsed.error());
        return;
    }
    if (!createHost() || !lockDataFolder())
        return;
    if (m_key != u"orders.default_status"_s) {
        // Only Default Status is checked against the org: asking it would cost API calls for nothing.
        startHostWithoutConnection();
        save();
        return;
    }
    // Without a connection (or its secrets) there is no org to ask: the rest is checked all the same.
    startHost([this] { readOrgThenSave(); }, [this](const Error &) { save(); });
}

void ConfigSetCommand::readOrgThenSave()
{
    host()->readOrgSchema(this, [this](const Result<OrgSchema> &org) {
        if (!org)
            context().err << u"Default Status is not checked against the org: %1\n"_s.arg(org.error().toString()) << Qt::flush;
        save();
    });
}

void ConfigSetCommand::save()
{
    host()->saveSettings({{m_key, m_value}}, this, [this](const Result<SettingsUpdate::Outcome> &saved) {
        if (!saved) {
            fail(saved.error());
            return;
        }
        const SettingOption *option = SettingsCatalog::find(m_key);
        context().out << m_key << u" = "_s << option->toDisplay(saved->settings.value(m_key)) << u'\n';
        if (saved->requeued > 0)
            context().out << u"%1 Out of Sync or Skipped order(s) queued again for the new rules.\n"_s.arg(saved->requeued);
        finish(ExitCode::Success);
    });
}

} // namespace OrderBridge
