#pragma once

#include "credentials/credentialresult.h"
#include "credentials/credentialstore.h"
#include "credentials/credentialstorefactory.h"

#include <QObject>
#include <QString>
#include <QTest>

#include <optional>

/// The keychain's secret `name` of profile "default", read behind the CLI's back (the test runs in
/// with-keyring.sh's private keyring); empty when there is none, "<no store>" or "<timeout>" when it
/// could not be read.
inline QString storedSecret(const QString &name)
{
    auto store = OrderBridge::createCredentialStore(QString());
    if (!store)
        return QStringLiteral("<no store>");
    std::optional<OrderBridge::CredentialResult> result;
    QObject context;
    (*store)->read(QStringLiteral("default"), name, &context,
                   [&result](const OrderBridge::CredentialResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return QStringLiteral("<timeout>");
    return result->ok() ? result->secret : QString();
}
