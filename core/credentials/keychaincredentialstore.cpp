#include "keychaincredentialstore.h"

#include "common/logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

#include <qt6keychain/keychain.h>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString operationVerb(CredentialResult::Operation operation)
{
    switch (operation) {
    case CredentialResult::Operation::Read:
        return u"read"_s;
    case CredentialResult::Operation::Write:
        return u"store"_s;
    case CredentialResult::Operation::Remove:
        return u"delete"_s;
    }
    return u"use"_s;
}

// libsecret reports a missing Secret Service as a generic D-Bus failure, so recognise it by text.
bool looksLikeMissingService(const QString &backendMessage)
{
    static const QLatin1StringView markers[] = {
        "org.freedesktop.secrets"_L1, "ServiceUnknown"_L1, "was not provided by any"_L1,
        "autolaunch"_L1,             "Could not connect"_L1, "D-Bus is not running"_L1,
        "No keychain service"_L1,    "No keyring daemon"_L1,
    };
    for (const QLatin1StringView marker : markers) {
        if (backendMessage.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool looksLikeLocked(const QString &backendMessage)
{
    return backendMessage.contains("locked"_L1, Qt::CaseInsensitive)
        || backendMessage.contains("prompt"_L1, Qt::CaseInsensitive);
}

QString describe(const CredentialKey &key)
{
    return u"the secret \"%1\" of connection profile \"%2\""_s.arg(key.name, key.profile);
}

Error lockedError(CredentialResult::Operation operation, const CredentialKey &key)
{
    return Error{u"credentials.locked"_s,
                 u"The keyring is locked, so OrderBridge cannot %1 %2."_s.arg(operationVerb(operation), describe(key)),
                 u"Unlock it (for example in Seahorse, \"Passwords and Keys\", or by logging in again) and retry."_s,
                 {}};
}

Error keychainError(QKeychain::Error code, const QString &backendMessage, CredentialResult::Operation operation,
                    const CredentialKey &key)
{
    const QString what = describe(key);
    const QString verb = operationVerb(operation);

    if (code == QKeychain::NoBackendAvailable || code == QKeychain::NotImplemented
        || (code == QKeychain::OtherError && looksLikeMissingService(backendMessage))) {
        return Error{u"credentials.no_backend"_s,
                     u"No Secret Service is running (gnome-keyring or KWallet), so OrderBridge cannot %1 %2."_s
                         .arg(verb, what),
                     u"Start one (log in to a desktop session, or run `gnome-keyring-daemon --start "
                     "--components=secrets` inside your D-Bus session), or use --secrets-file FILE or the "
                     "ORDERBRIDGE_SECRETS environment variable on a server."_s,
                     {}};
    }
    if (code == QKeychain::EntryNotFound) {
        return Error{u"credentials.not_found"_s,
                     u"The keychain holds no %1 (key \"%2\")."_s.arg(what, key.storageKey()),
                     u"Enter it in the connection settings of profile \"%1\" and apply them."_s.arg(key.profile),
                     {},
                     ErrorKind::NotFound};
    }
    if (code == QKeychain::AccessDenied || (code == QKeychain::OtherError && looksLikeLocked(backendMessage)))
        return lockedError(operation, key);
    if (code == QKeychain::AccessDeniedByUser) {
        return Error{u"credentials.access_denied"_s,
                     u"Access to the keychain was refused, so OrderBridge cannot %1 %2."_s.arg(verb, what),
                     u"Retry and allow OrderBridge to use the keychain when asked."_s,
                     {}};
    }
    if (code == QKeychain::CouldNotDeleteEntry) {
        return Error{u"credentials.delete_failed"_s,
                     u"The keychain could not delete %1: %2"_s.arg(what, backendMessage),
                     u"Delete the entry \"%1\" by hand in the keychain manager."_s.arg(key.storageKey()),
                     {}};
    }
    return Error{u"credentials.backend_error"_s,
                 u"The keychain failed to %1 %2: %3"_s.arg(verb, what, backendMessage),
                 u"Check that the Secret Service (gnome-keyring or KWallet) works, for example with "
                 "`secret-tool search server OrderBridge`."_s,
                 {}};
}

} // namespace

KeychainCredentialStore::KeychainCredentialStore(const QString &service, QObject *parent)
    : CredentialStore(parent)
    , m_service(service)
{
}

KeychainCredentialStore::~KeychainCredentialStore() = default;

QString KeychainCredentialStore::backendName() const
{
    return u"the system keychain (Secret Service)"_s;
}

void KeychainCredentialStore::startRead(quint64 requestId, const CredentialKey &key)
{
    startJob(new QKeychain::ReadPasswordJob(m_service), requestId, CredentialResult::Operation::Read, key);
}

void KeychainCredentialStore::startWrite(quint64 requestId, const CredentialKey &key, const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    startJob(job, requestId, CredentialResult::Operation::Write, key);
}

void KeychainCredentialStore::startRemove(quint64 requestId, const CredentialKey &key)
{
    startJob(new QKeychain::DeletePasswordJob(m_service), requestId, CredentialResult::Operation::Remove, key);
}

void KeychainCredentialStore::startJob(QKeychain::Job *job, quint64 requestId, CredentialResult::Operation operation,
                                       const CredentialKey &key)
{
    // Jobs are deliberately not children of the store: the backend holds a pointer to a running job
    // until it answers, so a job must outlive a store destroyed mid-request. It deletes itself when
    // finished; the context object drops the answer when the store is already gone.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key.storageKey());
    connect(job, &QKeychain::Job::finished, this, [this, requestId, operation, key](QKeychain::Job *finishedJob) {
        handleJobFinished(finishedJob, requestId, operation, key);
    });
    job->start();
}

void KeychainCredentialStore::handleJobFinished(QKeychain::Job *job, quint64 requestId,
                                                CredentialResult::Operation operation, const CredentialKey &key)
{
    CredentialResult result;
    result.requestId = requestId;
    result.operation = operation;
    result.key = key;

    if (job->error() == QKeychain::NoError) {
        if (operation == CredentialResult::Operation::Read)
            result.secret = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
    } else if (operation == CredentialResult::Operation::Remove && job->error() == QKeychain::EntryNotFound) {
        // Deleting what is not there leaves the keychain as the caller wants it.
    } else {
        // Backend messages describe the failure (D-Bus errors), they never contain the secret.
        if (job->error() == QKeychain::EntryNotFound)
            qCDebug(lcCredentials) << "keychain has no entry" << key.storageKey();
        else
            qCWarning(lcCredentials) << "keychain job for" << key.storageKey() << "failed with code" << job->error()
                                     << job->errorString();
        result.error = keychainError(job->error(), job->errorString(), operation, key);
        if (result.error->kind == ErrorKind::NotFound) {
            deliverNotFoundOrLocked(result);
            return;
        }
    }
    deliver(result);
}

void KeychainCredentialStore::deliverNotFoundOrLocked(const CredentialResult &notFound)
{
    // A lookup in a locked Secret Service collection finds nothing rather than failing, so ask the
    // service whether the default collection (where QtKeychain stores) is locked before blaming the entry.
    QDBusMessage call = QDBusMessage::createMethodCall(u"org.freedesktop.secrets"_s,
                                                       u"/org/freedesktop/secrets/aliases/default"_s,
                                                       u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
    call << u"org.freedesktop.Secret.Collection"_s << u"Locked"_s;
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, notFound](QDBusPendingCallWatcher *finished) {
        finished->deleteLater();
        const QDBusPendingReply<QDBusVariant> reply = *finished;
        CredentialResult result = notFound;
        // No answer (KWallet, no default collection) keeps the "not found" verdict.
        if (!reply.isError() && reply.value().variant().toBool())
            result.error = lockedError(result.operation, result.key);
        deliver(result);
    });
}

} // namespace OrderBridge
