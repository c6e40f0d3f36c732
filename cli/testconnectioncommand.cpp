#include "testconnectioncommand.h"

#include "sync/syncworker.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

TestConnectionCommand::TestConnectionCommand(const CliContext &context, QObject *parent)
    : WorkerCommand(context, parent)
{
}

TestConnectionCommand::~TestConnectionCommand() = default;

QString TestConnectionCommand::synopsis()
{
    return u"  test-connection [--secrets-file FILE]   check both connections, the fields and the price book\n"_s;
}

void TestConnectionCommand::run(ArgumentList args)
{
    if (rejectRemaining(args))
        return;
    withWorker([this](SyncWorker *worker) {
        connect(worker, &SyncWorker::connectionTested, this, [this](const QList<ConnectionCheck> &checks) {
            bool all = true;
            for (const ConnectionCheck &c : checks) {
                context().out << (c.ok ? u"ok    "_s : u"FAIL  "_s) << c.name << u": "_s << c.detail << u'\n';
                all = all && c.ok;
            }
            finish(all ? ExitCode::Success : ExitCode::Failure);
        });
        QMetaObject::invokeMethod(worker, &SyncWorker::testConnection, Qt::QueuedConnection);
    });
}

} // namespace OrderBridge
