#include "credentialstore.h"

#include "common/logging.h"

#include <QMetaObject>

namespace OrderBridge {

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{
}

CredentialStore::~CredentialStore() = default;

quint64 CredentialStore::read(const QString &profile, const QString &name)
{
    return start(CredentialResult::Operation::Read, profile, name, {});
}

quint64 CredentialStore::write(const QString &profile, const QString &name, const QString &secret)
{
    return start(CredentialResult::Operation::Write, profile, name, secret);
}

quint64 CredentialStore::remove(const QString &profile, const QString &name)
{
    return start(CredentialResult::Operation::Remove, profile, name, {});
}

quint64 CredentialStore::read(const QString &profile, const QString &name, QObject *context, Callback callback)
{
    // Results are never delivered inside the call, so registering after starting is safe.
    const quint64 id = read(profile, name);
    registerCallback(id, context, std::move(callback));
    return id;
}

quint64 CredentialStore::write(const QString &profile, const QString &name, const QString &secret,
                               QObject *context, Callback callback)
{
    const quint64 id = write(profile, name, secret);
    registerCallback(id, context, std::move(callback));
    return id;
}

quint64 CredentialStore::remove(const QString &profile, const QString &name, QObject *context,
                                Callback callback)
{
    const quint64 id = remove(profile, name);
    registerCallback(id, context, std::move(callback));
    return id;
}

quint64 CredentialStore::start(CredentialResult::Operation operation, const QString &profile,
                               const QString &name, const QString &secret)
{
    const quint64 id = m_nextRequestId++;
    const Result<CredentialKey> key = CredentialKey::make(profile, name);
    if (!key) {
        CredentialResult result;
        result.requestId = id;
        result.operation = operation;
        result.key = CredentialKey{profile, name};
        result.error = key.error();
        deliverLater(result);
        return id;
    }

    switch (operation) {
    case CredentialResult::Operation::Read:
        qCDebug(lcCredentials) << "read" << key->storageKey() << "from" << backendName();
        startRead(id, *key);
        break;
    case CredentialResult::Operation::Write:
        // The key is logged, the secret never.
        qCDebug(lcCredentials) << "write" << key->storageKey() << "to" << backendName();
        startWrite(id, *key, secret);
        break;
    case CredentialResult::Operation::Remove:
        qCDebug(lcCredentials) << "remove" << key->storageKey() << "from" << backendName();
        startRemove(id, *key);
        break;
    }
    return id;
}

void CredentialStore::registerCallback(quint64 requestId, QObject *context, Callback callback)
{
    Q_ASSERT(context);
    m_callbacks.insert(requestId, PendingCallback{QPointer<QObject>(context), std::move(callback)});
}

void CredentialStore::deliver(const CredentialResult &result)
{
    if (result.ok())
        qCDebug(lcCredentials) << "request" << result.requestId << result.key.storageKey() << "done";
    else
        qCDebug(lcCredentials) << "request" << result.requestId << result.key.storageKey() << "failed:"
                               << result.error->code;

    const auto pending = m_callbacks.find(result.requestId);
    if (pending != m_callbacks.end()) {
        PendingCallback entry = std::move(pending.value());
        m_callbacks.erase(pending);
        if (entry.context)
            entry.callback(result);
    }
    Q_EMIT finished(result);
}

void CredentialStore::deliverLater(const CredentialResult &result)
{
    QMetaObject::invokeMethod(this, [this, result] { deliver(result); }, Qt::QueuedConnection);
}

} // namespace OrderBridge
