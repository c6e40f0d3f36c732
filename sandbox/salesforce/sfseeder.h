#pragma once

#include "catalog.h"
#include "sfdataservice.h"
#include "sfrecordstore.h"

namespace Sandbox {

/// Fills a fresh org from the store's catalog: the integration user, the Order Status values, the Standard
/// Price Book and "Magento Default", a Product2 per SKU with active entries in both books (except the
/// --missing-price-entries share), and Accounts/Contacts for the customers that already exist in Salesforce.
class SfSeeder
{
public:
    struct Options
    {
        quint64 seed = 1;
        double missingPriceEntries = 0.0;
        QString username;
        QString email;
        bool customizeApplication = true; // the user's profile has Customize Application
        bool activateOrders = true;       // the user's profile has Activate Orders
        bool editActivatedOrders = true;  // the user's profile has Edit Activated Orders
        QStringList currencies;           // --currencies: active codes, the first corporate; empty: one currency
    };

    SfSeeder(SfRecordStore &store, SfDataService &data, const Catalog &catalog, Options options);

    /// Seeds the org; returns the integration user's id.
    QString seed();

    /// SKUs that were left without price book entries (in catalog order).
    [[nodiscard]] QStringList skusWithoutEntries() const { return m_missing; }

private:
    void insertDirect(const QString &type, QJsonObject fields);

    SfRecordStore &m_store;
    SfDataService &m_data;
    const Catalog &m_catalog;
    Options m_options;
    QStringList m_missing;
};

} // namespace Sandbox
