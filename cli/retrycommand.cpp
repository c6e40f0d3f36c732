#include "retrycommand.h"

#include "sync/syncstore.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

RetryCommand::RetryCommand(const CliContext &context, QObject *parent)
    : SyncCommand(context, parent)
{
}

RetryCommand::~RetryCommand() = default;

QString RetryCommand::synopsis()
{
    return u"  retry [--errors] [--json] [--secrets-file FILE]   queue failed orders again and sync them\n"_s;
}

bool RetryCommand::prepare(const std::shared_ptr<Database> &database, const SyncOutput &output)
{
    auto requeued = SyncStore(database).requeueErrors(QDateTime::currentDateTimeUtc());
    if (!requeued) {
        fail(requeued.error());
        return false;
    }
    if (!output.isJson())
        context().out << u"Queued %1 order(s) in Error again.\n"_s.arg(*requeued);
    return true;
}

} // namespace OrderBridge
