#include "configcommand.h"

#include "texttable.h"
#include "settings/settingscatalog.h"
#include "store/database.h"
#include "store/settingsrepository.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

ConfigCommand::ConfigCommand(const CliContext &context)
    : m_context(context)
{
}

QString ConfigCommand::usageText()
{
    return u"usage: orderbridge-cli [--data-dir DIR] config show [--json]\n"
           u"       orderbridge-cli [--data-dir DIR] config get KEY\n"
           u"       orderbridge-cli [--data-dir DIR] config set KEY VALUE\n"
           u"       orderbridge-cli [--data-dir DIR] config export FILE   (FILE \"-\" writes to standard output)\n"
           u"       orderbridge-cli [--data-dir DIR] config import FILE\n"
           u"KEY is a dotted option name such as orders.zero_grand_total; `config show` lists them all.\n"_s;
}

QString ConfigCommand::synopsis()
{
    return u"  config show [--json]        show every option (table, or one JSON object)\n"
           u"  config get KEY              print one option's value\n"
           u"  config set KEY VALUE        change one option (booleans: true/false/yes/no)\n"
           u"  config export FILE          write the options as JSON\n"
           u"  config import FILE          read options from JSON (all or nothing)\n"_s;
}

ExitCode ConfigCommand::run(const QStringList &args)
{
    const QString verb = args.value(0);
    const QStringList rest = args.mid(1);
    if (verb == u"show"_s) {
        if (rest.isEmpty())
            return show(false);
        if (rest == QStringList{u"--json"_s})
            return show(true);
        return m_context.usage(u"config show takes only --json, not \"%1\"."_s.arg(rest.join(u' ')), usageText());
    }
    if (verb == u"get"_s && rest.size() == 1)
        return get(rest.at(0));
    if (verb == u"export"_s && rest.size() == 1)
        return exportTo(rest.at(0));
    if (verb == u"import"_s && rest.size() == 1)
        return importFrom(rest.at(0));
    if (verb.isEmpty())
        return m_context.usage(u"config needs a subcommand."_s, usageText());
    if (QStringList{u"show"_s, u"get"_s, u"set"_s, u"export"_s, u"import"_s}.contains(verb))
        return m_context.usage(u"Wrong number of arguments for config %1."_s.arg(verb), usageText());
    return m_context.usage(u"Unknown config subcommand \"%1\"."_s.arg(verb), usageText());
}

ExitCode ConfigCommand::show(bool json)
{
    const auto db = m_context.openDatabase();
    if (!db)
        return m_context.report(db.error());
    const auto settings = SettingsRepository(*db).load();
    if (!settings)
        return m_context.report(settings.error());
    if (json) {
        m_context.out << QString::fromUtf8(QJsonDocument(settings->toJson()).toJson(QJsonDocument::Indented));
        return ExitCode::Success;
    }
    TextTable table({u"KEY"_s, u"VALUE"_s, u"DEFAULT"_s, u"OPTION"_s});
    for (const SettingOption &option : SettingsCatalog::options()) {
        const QVariant value = settings->value(option.key());
        const bool isDefault = value == option.defaultValue();
        table.addRow({option.key(), option.toDisplay(value),
                      isDefault ? u"(default)"_s : option.toDisplay(option.defaultValue()), option.label()});
    }
    table.write(m_context.out);
    return ExitCode::Success;
}

ExitCode ConfigCommand::get(const QString &key)
{
    const SettingOption *option = SettingsCatalog::find(key);
    if (!option)
        return m_context.report(Settings::unknownKeyError(key));
    const auto db = m_context.openDatabase();
    if (!db)
        return m_context.report(db.error());
    const auto settings = SettingsRepository(*db).load();
    if (!settings)
        return m_context.report(settings.error());
    m_context.out << option->toDisplay(settings->value(key)) << u'\n';
    return ExitCode::Success;
}

ExitCode ConfigCommand::exportTo(const QString &filePath)
{
    const auto db = m_context.openDatabase();
    if (!db)
        return m_context.report(db.error());
    const auto settings = SettingsRepository(*db).load();
    if (!settings)
        return m_context.report(settings.error());
    const QByteArray bytes = QJsonDocument(settings->toJson()).toJson(QJsonDocument::Indented);
    if (filePath == u"-"_s) {
        m_context.out << QString::fromUtf8(bytes);
        return ExitCode::Success;
    }
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return m_context.report(Error{u"cli.write_failed"_s,
                                      u"The settings file %1 cannot be written: %2."_s.arg(filePath, file.errorString()),
                                      u"Choose a writable location."_s,
                                      {}, ErrorKind::Invalid});
    m_context.out << u"Exported %1 settings to %2\n"_s.arg(SettingsCatalog::options().size()).arg(filePath);
    return ExitCode::Success;
}

ExitCode ConfigCommand::importFrom(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        m_context.report(Error{u"io.read_failed"_s,
                               u"The settings file %1 cannot be read: %2."_s.arg(filePath, file.errorString()),
                               u"Check the path and the file permissions."_s,
                               {}});
        return ExitCode::Failure;
    }
    // A settings file is a few kilobytes; a bigger one is not one, and is not read into memory.
    constexpr qint64 maxBytes = 1024 * 1024;
    if (file.size() > maxBytes) {
        return m_context.report(Error{u"settings.file_too_large"_s,
                               u"The settings file %1 has %2 bytes; a settings file has at most %3. Nothing was imported."_s
                                   .arg(filePath)
                                   .arg(file.size())
                                   .arg(maxBytes),
                               u"Check that this is a file written by orderbridge-cli config export."_s,
                               {},
                               ErrorKind::Invalid});
    }
    const QByteArray bytes = file.read(maxBytes);

    const auto db = m_context.openDatabase();
    if (!db)
        return m_context.report(db.error());
    const SettingsRepository repository(*db);
    auto settings = repository.load();
    if (!settings)
        return m_context.report(settings.error());
    if (const auto applied = settings->applyJsonDocument(bytes); !applied) {
        Error error = applied.error();
        error.message = u"%1: %2 Nothing was imported."_s.arg(filePath, error.message);
        return m_context.report(error);
    }
    if (const auto saved = repository.save(*settings); !saved)
        return m_context.report(saved.error());
    m_context.out << u"Imported settings from %1\n"_s.arg(filePath);
    return ExitCode::Success;
}

} // namespace OrderBridge
