#include "setupcommand.h"

#include "sync/workerhost.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QJsonArray toJson(const QList<ConnectionCheck> &lines)
{
    QJsonArray array;
    for (const ConnectionCheck &c : lines)
        array.append(QJsonObject{{u"name"_s, c.name}, {u"ok"_s, c.ok}, {u"detail"_s, c.detail}});
    return array;
}

} // namespace

SetupCommand::SetupCommand(const CliContext &context, QObject *parent)
    : WorkerCommand(context, parent)
{
}

SetupCommand::~SetupCommand() = default;

QString SetupCommand::synopsis()
{
    return u"  setup salesforce [--dry-run] [--json] [--secrets-file FILE]\n"
           u"                              compare the org with what the mappings need and create what is\n"
           u"                              missing (fields, permission set); --dry-run only lists it\n"_s;
}

void SetupCommand::run(ArgumentList args)
{
    const QString target = args.takeFirst();
    if (target != u"salesforce"_s) {
        failUsage(target.isEmpty() ? u"setup needs what to set up: setup salesforce."_s
                                   : u"Unknown setup target \"%1\": only salesforce can be set up."_s.arg(target));
        return;
    }
    const bool dryRun = args.takeFlag(u"--dry-run"_s);
    const bool json = args.takeFlag(u"--json"_s);
    if (rejectRemaining(args))
        return;
    // It changes the org, not the data folder: it runs beside a console that holds the folder.
    withHost([this, dryRun, json] {
        host()->setupSalesforce(dryRun, this, [this, json](const Result<OrgSetupReport> &report) {
            if (!report) {
                fail(report.error());
                return;
            }
            if (json)
                printJson(*report);
            else
                printText(*report);
            finish(report->ready ? ExitCode::Success : ExitCode::Failure);
        });
    });
}

void SetupCommand::printText(const OrgSetupReport &report)
{
    QTextStream &out = context().out;
    if (!report.steps.isEmpty()) {
        out << u"Changes:\n"_s;
        for (const ConnectionCheck &c : report.steps)
            out << (c.ok ? u"done  "_s : u"FAIL  "_s) << c.name << u": "_s << c.detail << u'\n';
    } else if (!report.dryRun) {
        out << u"Changes: none needed.\n"_s;
    }
    out << (report.dryRun ? u"The org (dry run, nothing changed):\n"_s : u"The org:\n"_s);
    for (const ConnectionCheck &c : report.checks)
        out << (c.ok ? u"ok    "_s : u"FAIL  "_s) << c.name << u": "_s << c.detail << u'\n';
    out << (report.ready ? u"Salesforce is ready for the sync.\n"_s
                         : u"Salesforce is not ready: see the FAIL lines.\n"_s);
}

void SetupCommand::printJson(const OrgSetupReport &report)
{
    const QJsonObject o{{u"ready"_s, report.ready},
                        {u"dry_run"_s, report.dryRun},
                        {u"checks"_s, toJson(report.checks)},
                        {u"steps"_s, toJson(report.steps)}};
    context().out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << u'\n';
}

} // namespace OrderBridge
