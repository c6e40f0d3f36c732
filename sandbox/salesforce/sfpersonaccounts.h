#pragma once

#include "sferror.h"
#include "sfrecordstore.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Sandbox {

/// The rules of an org with Person Accounts (--person-accounts): an Account of a person account record type
/// is a person account, named by FirstName/LastName (Name cannot be set), and Salesforce makes its person
/// contact (PersonContactId) itself; that contact cannot be written as a Contact, and no other Contact can
/// belong to a person account. Accounts of a business record type work as in any org. The integration user's
/// default Account record type is the person one, as in B2C orgs, so an Account written without a
/// RecordTypeId is a person account.
class SfPersonAccounts
{
public:
    explicit SfPersonAccounts(SfRecordStore &store);

    /// Whether the org has Person Accounts (the schema has Account.IsPersonAccount).
    [[nodiscard]] bool enabled() const;
    /// The ID of the org's active Account record type of that kind; empty when there is none.
    [[nodiscard]] QString recordTypeId(bool person) const;

    /// Checks an Account or Contact insert and completes an Account's record type, IsPersonAccount and Name.
    /// `explicitFields` are the fields the request named.
    [[nodiscard]] std::optional<SfError> checkInsert(const QString &type, const QStringList &explicitFields,
                                                     QJsonObject &fields) const;
    /// The same for an update of `old`.
    [[nodiscard]] std::optional<SfError> checkUpdate(const QString &type, const SfRecord &old,
                                                     const QStringList &explicitFields, QJsonObject &fields) const;
    /// After a person account was inserted or updated: makes or refreshes its person contact.
    void afterAccountWrite(const QString &accountId);

private:
    [[nodiscard]] bool isPersonAccount(const QString &accountId) const;
    [[nodiscard]] std::optional<SfError> checkAccount(const QStringList &explicitFields, QJsonObject &fields,
                                                      bool creating) const;
    [[nodiscard]] std::optional<SfError> checkContact(const QJsonObject &fields, const SfRecord *old) const;

    SfRecordStore &m_store;
};

} // namespace Sandbox
