#pragma once

#include "common/error.h"
#include "salesforce/sobjectdescribe.h"
#include "sync/orgrequirements.h"
#include "sync/orgsetupreport.h"
#include "sync/reply.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <memory>

namespace OrderBridge {

class OrgSession;

/// Compares the org with what the mappings need (fields with their type, length, External ID and
/// Unique flags and field-level security; the Draft status and the status values the mappings name;
/// the price book) and, when asked, creates what is missing: custom fields through the Tooling API, and
/// the permission set "OrderBridge Integration" with Read and Edit on every custom field the mappings
/// write and the Order permissions (Activate Orders, Edit Activated Orders) the integration user lacks,
/// assigned to the integration user. Idempotent: a second run changes nothing.
class OrgSetup : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgSetup)

public:
    explicit OrgSetup(OrgSession *session, QObject *parent = nullptr);
    ~OrgSetup() override;

    /// Signs in, compares, and unless `dryRun` fixes what it can and compares again.
    void run(bool dryRun, Reply<Result<OrgSetupReport>> reply);
    /// The comparison alone on a signed-in session (Test Connection).
    void compare(Reply<OrgSetupReport> reply);

private:
    struct State
    {
        QList<OrgFieldNeed> needs;
        QStringList statusValues;
        QHash<QString, SObjectDescribe> describes;
        QSet<QString> existingFields; // lower-case Object.Field__c the Tooling API lists
        QString permissionSetId;
        ConnectionCheck priceBook;
        QSet<QString> userPermissions; ///< the Order permissions any set assigned to the user has
        QString permissionsProblem;     ///< why they could not be read; empty when read
        QJsonObject permissionSet;      ///< the "OrderBridge Integration" set's Order permission fields
        OrgSetupReport report;
        std::function<void()> next;
    };
    using StatePtr = std::shared_ptr<State>;

    [[nodiscard]] std::optional<Error> loadNeeds(State &state) const;
    void describeAll(const StatePtr &state, QStringList objects);
    void checkPriceBook(const StatePtr &state);
    /// Reads which Order permissions the user has (profile and assigned sets), then calls state->next.
    void checkOrderPermissions(const StatePtr &state);
    void evaluate(State &state) const;
    void checkPermissions(State &state) const;
    /// The Order permissions the mappings need (an Activated-category status is mapped) and the user lacks.
    [[nodiscard]] QList<OrgPermissionNeed> permissionsToGrant(const State &state) const;
    [[nodiscard]] bool needsOrderPermissions(const State &state) const;
    void checkStatuses(State &state) const;
    [[nodiscard]] QList<OrgFieldNeed> fieldsToGrant(const State &state) const;
    /// By value: it replaces state->next, the closure that calls it.
    void apply(StatePtr state, Reply<Result<OrgSetupReport>> reply);
    void checkCustomize(const StatePtr &state);
    /// Describes anew (the changes show there) and calls state->next.
    void recompare(const StatePtr &state);
    void listCustomFields(const StatePtr &state);
    void createFields(const StatePtr &state, QList<OrgFieldNeed> pending);
    void ensurePermissionSet(const StatePtr &state);
    void ensureFieldPermissions(const StatePtr &state);
    void grantFields(const StatePtr &state, QList<OrgFieldNeed> pending, QHash<QString, QJsonObject> existing);
    void grantPermissions(const StatePtr &state);
    void ensureAssignment(const StatePtr &state);
    void step(State &state, bool ok, const QString &name, const QString &detail) const;

    OrgSession *m_session;
};

} // namespace OrderBridge
