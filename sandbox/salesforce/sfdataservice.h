#pragma once

#include "sferror.h"
#include "sfjson.h"
#include "sfpersonaccounts.h"
#include "sfrecordstore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Sandbox {

/// The outcome of one DML operation, as REST, composite and collections report it.
struct SfSaveResult
{
    int httpStatus = 200;       // 201 created, 200/204 updated, 300 several matches, 400/404 failure
    QString id;
    bool success = false;
    bool created = false;
    QList<SfError> errors;
    QStringList matches;        // upsert with several matches: the matching ids

    static SfSaveResult failure(int status, SfError error)
    {
        SfSaveResult r;
        r.httpStatus = status;
        r.errors.append(std::move(error));
        return r;
    }
};

/// Salesforce's data rules over the record store: field validation (unknown fields, types, lengths,
/// restricted picklists, required fields, unique external ids, references) and the Order model
/// (Draft-only insert, activation, locks on activated orders, price book entries, roll-ups, notes).
class SfDataService
{
public:
    using Clock = std::function<QDateTime()>;
    /// Extra rules on insert (the setup objects' rules live with SfAccess).
    using InsertCheck = std::function<std::optional<SfError>(const QString &type, const QJsonObject &fields)>;

    SfDataService(SfRecordStore &store, Clock clock);

    /// The user new records are owned by and changes are attributed to.
    void setCurrentUser(const QString &userId) { m_userId = userId; }
    [[nodiscard]] QString currentUser() const { return m_userId; }
    void setInsertCheck(InsertCheck check) { m_insertCheck = std::move(check); }
    /// Whether the current user holds a system permission ("PermissionsActivateOrder", ...): the profile's
    /// and the assigned permission sets' answer, asked on every check so that a new assignment counts at once.
    using UserPermissions = std::function<bool(const QString &permission)>;
    void setUserPermissions(UserPermissions has) { m_userHas = std::move(has); }
    /// Active duplicate rules with an Alert action: Contact by Email, Account by Name (--duplicate-rules).
    void setDuplicateRules(bool active) { m_duplicateRules = active; }
    /// The current request's `Sforce-Duplicate-Rule-Header: allowSave=true`: Alert rules let the save through.
    void setAllowDuplicateSave(bool allow) { m_allowDuplicateSave = allow; }

    [[nodiscard]] SfSaveResult create(const QString &type, const QJsonObject &body);
    [[nodiscard]] SfSaveResult update(const QString &type, const QString &id, const QJsonObject &body);
    /// Upsert by an external-id (or id-lookup) field; `updateOnly` refuses inserts.
    [[nodiscard]] SfSaveResult upsert(const QString &type, const QString &field, const QString &value,
                                      const QJsonObject &body, bool updateOnly = false);
    [[nodiscard]] SfSaveResult remove(const QString &type, const QString &id);

    /// Resolves an id given in a URL (15 or 18 chars) to a live record of the type; error result otherwise.
    [[nodiscard]] SfSaveResult resolve(const QString &type, const QString &idText) const;
    /// Ids of the live records of a type whose external-id field holds value.
    [[nodiscard]] QStringList findByExternalId(const QString &type, const QString &field, const QString &value) const;

    /// A record as REST returns it: attributes, then the requested (or all) fields.
    [[nodiscard]] QJsonObject toRest(const SfRecord &record, const QString &version,
                                     const QStringList &fields = {}) const;
    /// The same, serialized in Salesforce's key order (attributes first, then describe order).
    [[nodiscard]] QByteArray toRestJson(const SfRecord &record, const QString &version,
                                        const QStringList &fields = {}) const;
    /// Checks a comma-separated `fields` parameter; error when a name is unknown.
    [[nodiscard]] std::optional<SfError> checkFieldList(const SfObjectType &type, const QStringList &fields) const;

    [[nodiscard]] QString nowText() const;
    [[nodiscard]] static QString formatDateTime(const QDateTime &dt);

private:
    struct Prepared
    {
        QJsonObject values;    // canonical field name -> normalized value
        QStringList explicitFields;
    };

    [[nodiscard]] std::optional<SfError> prepare(const SfObjectType &type, const QJsonObject &body, bool creating,
                                                 Prepared *out) const;
    [[nodiscard]] std::optional<SfError> normalizeValue(const SfObjectType &type, const SfField &field,
                                                        const QJsonValue &in, QJsonValue *out) const;
    [[nodiscard]] std::optional<SfError> checkReference(const SfField &field, const QString &id) const;
    [[nodiscard]] std::optional<SfError> checkUnique(const SfObjectType &type, const QJsonObject &values,
                                                     const QString &selfId) const;
    [[nodiscard]] std::optional<SfError> checkDuplicates(const SfObjectType &type, const QJsonObject &fields,
                                                         const QString &selfId) const;
    [[nodiscard]] std::optional<SfError> beforeInsert(const SfObjectType &type, QJsonObject &fields);
    [[nodiscard]] std::optional<SfError> beforeUpdate(const SfObjectType &type, const SfRecord &old,
                                                      const Prepared &change, QJsonObject &fields);
    [[nodiscard]] std::optional<SfError> beforeDelete(const SfRecord &record);
    void afterChange(const QString &type, const QJsonObject &fields);
    void recomputeOrderTotal(const QString &orderId);
    [[nodiscard]] QString nextAutoNumber(const QString &type, int width);
    [[nodiscard]] const SfRecord *live(const QString &id) const;
    [[nodiscard]] bool userHas(const QString &permission) const { return !m_userHas || m_userHas(permission); }
    [[nodiscard]] SfJson::Members restMembers(const SfRecord &record, const QString &version,
                                              const QStringList &fields) const;

    SfRecordStore &m_store;
    Clock m_clock;
    QString m_userId;
    InsertCheck m_insertCheck;
    UserPermissions m_userHas;
    bool m_duplicateRules = false;
    bool m_allowDuplicateSave = false;
    SfPersonAccounts m_personAccounts;
};

} // namespace Sandbox
