#pragma once

#include "common/error.h"
#include "mapping/mappingentity.h"
#include "mapping/salesforceschema.h"
#include "salesforce/salesforceauthconfig.h"
#include "salesforce/sobjectdescribe.h"

#include <QObject>

#include <functional>

class QNetworkAccessManager;

namespace OrderBridge {

class SalesforceAuthenticator;
class SalesforceClient;

/// Reads the fields a mapping of one entity may write from the connected org: one sign-in and one
/// describe call (Order for Order and Order Status mappings, OrderItem for Order Product mappings),
/// merged over the built-in catalogue as the sync worker merges its live describe. The describe is
/// kept for the reader's lifetime, so asking again for the same object costs no further call.
/// Short retries: a command line that waits on an unreachable org falls back to the catalogue soon.
class LiveSchemaReader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSchemaReader)

public:
    using Callback = std::function<void(Result<SalesforceSchema>)>;

    explicit LiveSchemaReader(SalesforceAuthConfig config, QObject *parent = nullptr);
    ~LiveSchemaReader() override;

    /// Calls `done` once, from the event loop: the catalogue with the org's fields of `entity`'s
    /// object, or why the org could not be asked.
    void read(MappingEntity entity, Callback done);

    /// The sObject whose describe holds the fields of `entity`.
    [[nodiscard]] static QString objectFor(MappingEntity entity);
    /// Reads a describe reply of `object` with the one describe parser; an error when it lists no fields.
    [[nodiscard]] static Result<SObjectDescribe> parse(const QString &object, const QJsonObject &describe);
    /// The built-in catalogue with `describe` laid over it.
    [[nodiscard]] static SalesforceSchema merged(const SObjectDescribe &describe);

private:
    SalesforceAuthConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
    SalesforceAuthenticator *m_auth = nullptr;
    SalesforceClient *m_client = nullptr;
    QHash<QString, SObjectDescribe> m_describes;
};

} // namespace OrderBridge
