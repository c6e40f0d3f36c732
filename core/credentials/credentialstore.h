#pragma once

#include "credentialresult.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace OrderBridge {

/// Where connection secrets live, as asynchronous requests: every call returns a request id at once
/// and the result arrives later through finished() (and the callback, when one is given), never
/// within the call itself. Implementations: KeychainCredentialStore (the desktop's Secret Service)
/// and FileCredentialStore (a secrets file or environment variable on servers).
class CredentialStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    using Callback = std::function<void(const CredentialResult &)>;

    explicit CredentialStore(QObject *parent = nullptr);
    ~CredentialStore() override;

    /// Reads the secret `name` of connection profile `profile`.
    quint64 read(const QString &profile, const QString &name);
    /// Stores (or overwrites) the secret `name` of `profile`.
    quint64 write(const QString &profile, const QString &name, const QString &secret);
    /// Deletes the secret `name` of `profile`.
    quint64 remove(const QString &profile, const QString &name);

    /// Callback variants: `callback` runs once with the result unless `context` is destroyed first.
    quint64 read(const QString &profile, const QString &name, QObject *context, Callback callback);
    quint64 write(const QString &profile, const QString &name, const QString &secret, QObject *context,
                  Callback callback);
    quint64 remove(const QString &profile, const QString &name, QObject *context, Callback callback);

    /// Human description of where secrets are kept, for status lines ("Secret Service", a file path).
    [[nodiscard]] virtual QString backendName() const = 0;

Q_SIGNALS:
    void finished(const OrderBridge::CredentialResult &result);

protected:
    /// Start the request; call deliver() exactly once, later (never from inside the start call).
    virtual void startRead(quint64 requestId, const CredentialKey &key) = 0;
    virtual void startWrite(quint64 requestId, const CredentialKey &key, const QString &secret) = 0;
    virtual void startRemove(quint64 requestId, const CredentialKey &key) = 0;

    /// Hands a result to the callback registered for its request, then emits finished().
    void deliver(const CredentialResult &result);
    /// Delivers a result from the event loop, for results known without asking a backend.
    void deliverLater(const CredentialResult &result);

private:
    struct PendingCallback
    {
        QPointer<QObject> context;
        Callback callback;
    };

    quint64 start(CredentialResult::Operation operation, const QString &profile, const QString &name,
                  const QString &secret);
    void registerCallback(quint64 requestId, QObject *context, Callback callback);

    quint64 m_nextRequestId = 1;
    QHash<quint64, PendingCallback> m_callbacks;
};

} // namespace OrderBridge
