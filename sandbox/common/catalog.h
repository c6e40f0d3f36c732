#pragma once

#include <QList>
#include <QString>

namespace Sandbox {

/// A product of the sandbox store's catalog. Both emulators derive their data from the same
/// catalog, so the Salesforce org has Product2 and price book entries for the store's SKUs.
struct CatalogProduct
{
    int id = 0;
    QString sku;
    QString name;
    QString type;            // "simple", "configurable", "bundle", "virtual"
    double price = 0.0;
    QList<int> childIds;     // configurable: its simple variants; bundle: its options
    int parentId = 0;        // simple variants of a configurable point back to it
    double weight = 0.0;     // virtual products weigh nothing
    int optionValue = 0;     // simple variants of a configurable: the value id of their "size" option
    QString optionLabel;     // ... and its label ("S", "M", "L")
    bool dynamicSku = false; // bundle: SKU type "dynamic", ordered as its SKU + "-" + the chosen options' SKUs
    bool newInCatalog = false; // added after the generated order history: only orders placed through the API have it
};

/// A registered customer of the sandbox store.
struct CatalogCustomer
{
    int id = 0;
    QString email;
    QString firstname;
    QString lastname;
    QString city;
    QString street;
    QString postcode;
    QString countryId;
    QString regionCode;
    QString telephone;
    bool existsInSalesforce = false; // seeded as an Account/Contact in the org
};

struct Catalog
{
    QList<CatalogProduct> products;
    QList<CatalogCustomer> customers;

    [[nodiscard]] const CatalogProduct *productById(int id) const;
    [[nodiscard]] const CatalogProduct *productBySku(const QString &sku) const;
};

/// The deterministic catalog for a seed: the same seed gives the same products and customers.
Catalog generateCatalog(quint64 seed);

} // namespace Sandbox
