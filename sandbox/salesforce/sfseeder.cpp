#include "sfseeder.h"

#include "currencyrates.h"
#include "sfcurrencies.h"

#include <cmath>

#include <QLoggingCategory>

#include <algorithm>
#include <random>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

SfSeeder::SfSeeder(SfRecordStore &store, SfDataService &data, const Catalog &catalog, Options options)
    : m_store(store)
    , m_data(data)
    , m_catalog(catalog)
    , m_options(std::move(options))
{
}

void SfSeeder::insertDirect(const QString &type, QJsonObject fields)
{
    // Setup data that the API cannot create (users, the standard price book, status values).
    const SfObjectType *t = m_store.schema().object(type);
    for (const auto &f : t->fields) {
        if (!fields.contains(f.name))
            fields.insert(f.name, f.defaultValue.isUndefined() ? QJsonValue(QJsonValue::Null) : f.defaultValue);
    }
    const QString now = m_data.nowText();
    fields.insert(u"Id"_s, m_store.newId(*t));
    for (const auto &name : {u"CreatedDate"_s, u"LastModifiedDate"_s, u"SystemModstamp"_s})
        fields.insert(name, now);
    fields.insert(u"IsDeleted"_s, false);
    if (!m_data.currentUser().isEmpty()) {
        fields.insert(u"CreatedById"_s, m_data.currentUser());
        fields.insert(u"LastModifiedById"_s, m_data.currentUser());
    }
    SfRecord r;
    r.type = type;
    r.fields = fields;
    m_store.insert(std::move(r));
}

QString SfSeeder::seed()
{
    insertDirect(u"User"_s, QJsonObject{{u"Username"_s, m_options.username},
                                        {u"FirstName"_s, u"OrderBridge"_s},
                                        {u"LastName"_s, u"Integration"_s},
                                        {u"Name"_s, u"OrderBridge Integration"_s},
                                        {u"Email"_s, m_options.email},
                                        {u"Alias"_s, u"obint"_s},
                                        {u"IsActive"_s, true},
                                        {u"TimeZoneSidKey"_s, u"GMT"_s}});
    const QString userId = m_store.idsOf(u"User"_s).back();
    {
        // The user is its own creator.
        QJsonObject f = m_store.find(userId)->fields;
        f.insert(u"CreatedById"_s, userId);
        f.insert(u"LastModifiedById"_s, userId);
        m_store.replaceFields(userId, f);
    }
    m_data.setCurrentUser(userId);
    // The profile's own permission set, assigned to its user, carries the user's system permissions.
    insertDirect(u"PermissionSet"_s, QJsonObject{{u"Name"_s, u"X00e5e000000IntegrationProfile"_s},
                                                 {u"Label"_s, u"00e5e000000IntegrationProfile"_s},
                                                 {u"IsOwnedByProfile"_s, true},
                                                 {u"PermissionsCustomizeApplication"_s, m_options.customizeApplication},
                                                 {u"PermissionsViewSetup"_s, true},
                                                 {u"PermissionsActivateOrder"_s, m_options.activateOrders},
                                                 {u"PermissionsEditActivatedOrders"_s, m_options.editActivatedOrders}});
    insertDirect(u"PermissionSetAssignment"_s, QJsonObject{{u"AssigneeId"_s, userId},
                                                           {u"PermissionSetId"_s, m_store.idsOf(u"PermissionSet"_s).back()}});

    insertDirect(u"Organization"_s, QJsonObject{{u"Name"_s, u"OrderBridge Sandbox"_s},
                                                {u"OrganizationType"_s, u"Developer Edition"_s},
                                                {u"InstanceName"_s, u"SB0"_s},
                                                {u"IsSandbox"_s, false},
                                                {u"DefaultLocaleSidKey"_s, u"en_US"_s},
                                                {u"LanguageLocaleKey"_s, u"en_US"_s},
                                                {u"TimeZoneSidKey"_s, u"GMT"_s},
                                                {u"DefaultCurrencyIsoCode"_s, m_options.currencies.value(0, u"USD"_s)}});
    for (const QString &code : std::as_const(m_options.currencies)) {
        insertDirect(u"CurrencyType"_s, QJsonObject{{u"IsoCode"_s, code},
                                                    {u"ConversionRate"_s, unitsPerUsd(code) / unitsPerUsd(m_options.currencies.first())},
                                                    {u"DecimalPlaces"_s, currencyDecimalPlaces(code)}, {u"IsActive"_s, true},
                                                    {u"IsCorporate"_s, code == m_options.currencies.first()}});
    }

    insertDirect(u"OrderStatus"_s, QJsonObject{{u"MasterLabel"_s, u"Draft"_s}, {u"ApiName"_s, u"Draft"_s},
                                               {u"StatusCode"_s, u"Draft"_s}, {u"IsDefault"_s, true},
                                               {u"SortOrder"_s, 1}});
    insertDirect(u"OrderStatus"_s, QJsonObject{{u"MasterLabel"_s, u"Activated"_s}, {u"ApiName"_s, u"Activated"_s},
                                               {u"StatusCode"_s, u"Activated"_s}, {u"IsDefault"_s, false},
                                               {u"SortOrder"_s, 2}});
    const bool personAccounts = m_store.schema().object(u"RecordType"_s) != nullptr;
    if (personAccounts) {
        // Enabling Person Accounts needs a business record type and makes the PersonAccount one.
        insertDirect(u"RecordType"_s, QJsonObject{{u"Name"_s, u"Business Account"_s},
                                                  {u"DeveloperName"_s, u"Business_Account"_s},
                                                  {u"SobjectType"_s, u"Account"_s}, {u"IsActive"_s, true},
                                                  {u"IsPersonType"_s, false}});
        insertDirect(u"RecordType"_s, QJsonObject{{u"Name"_s, u"Person Account"_s},
                                                  {u"DeveloperName"_s, u"PersonAccount"_s},
                                                  {u"SobjectType"_s, u"Account"_s}, {u"IsActive"_s, true},
                                                  {u"IsPersonType"_s, true}});
    }
    insertDirect(u"Pricebook2"_s, QJsonObject{{u"Name"_s, u"Standard Price Book"_s}, {u"IsActive"_s, true},
                                              {u"IsStandard"_s, true}, {u"IsArchived"_s, false}});
    const QString standardBook = m_store.idsOf(u"Pricebook2"_s).back();
    const SfSaveResult custom = m_data.create(u"Pricebook2"_s, QJsonObject{{u"Name"_s, u"Magento Default"_s},
                                                                          {u"IsActive"_s, true},
                                                                          {u"Description"_s, u"Prices of the Magento store's default website"_s}});
    const QString customBook = custom.id;

    // A deterministic share of SKUs without price book entries.
    QList<int> order;
    for (int i = 0; i < m_catalog.products.size(); ++i)
        order.append(i);
    std::mt19937_64 rng(m_options.seed ^ 0x5f0e5f0eULL);
    std::shuffle(order.begin(), order.end(), rng);
    const int missingCount = int(m_options.missingPriceEntries * m_catalog.products.size());
    QSet<int> missing;
    for (int i = 0; i < missingCount; ++i)
        missing.insert(order.at(i));

    static const QHash<QString, QString> family{{u"simple"_s, u"Simple"_s}, {u"configurable"_s, u"Configurable"_s},
                                                {u"bundle"_s, u"Bundle"_s}, {u"virtual"_s, u"Virtual"_s}};
    // A fresh org has no Magento_ID__c: its products are matched by ProductCode only.
    const bool productIds = m_store.schema().object(u"Product2"_s)->field(u"Magento_ID__c"_s) != nullptr;
    for (int i = 0; i < m_catalog.products.size(); ++i) {
        const CatalogProduct &p = m_catalog.products.at(i);
        QJsonObject productFields{{u"Name"_s, p.name.left(255)},
                                  {u"ProductCode"_s, p.sku},
                                  {u"StockKeepingUnit"_s, p.sku.left(180)},
                                  {u"IsActive"_s, true},
                                  {u"Family"_s, family.value(p.type, u"Simple"_s)}};
        if (productIds)
            productFields.insert(u"Magento_ID__c"_s, QString::number(p.id));
        const SfSaveResult product = m_data.create(u"Product2"_s, productFields);
        if (!product.success)
            continue;
        if (missing.contains(i)) {
            m_missing.append(p.sku);
            continue;
        }
        // Multiple currencies: an entry per active currency, the store's USD price converted.
        const QStringList currencies = m_options.currencies.isEmpty() ? QStringList{QString()} : m_options.currencies;
        for (const QString &currency : currencies) {
            QJsonObject entry{{u"Product2Id"_s, product.id}, {u"IsActive"_s, true},
                              {u"UnitPrice"_s, currency.isEmpty() ? p.price : SfCurrencies::roundAmount(p.price * unitsPerUsd(currency),
                                                                                          currencyDecimalPlaces(currency))}};
            if (!currency.isEmpty())
                entry.insert(u"CurrencyIsoCode"_s, currency);
            for (const QString &book : {standardBook, customBook}) {
                entry.insert(u"Pricebook2Id"_s, book);
                [[maybe_unused]] const SfSaveResult e = m_data.create(u"PricebookEntry"_s, entry);
            }
        }
    }

    // In an org with State and Country/Territory Picklists people pick countries from a list: ISO codes.
    const bool picklists = m_store.schema().object(u"Account"_s)->field(u"BillingCountryCode"_s) != nullptr;
    for (const auto &c : m_catalog.customers) {
        if (!c.existsInSalesforce)
            continue;
        // Accounts someone created by hand before the integration: they match by email, not by Magento id.
        if (personAccounts) {
            // In a B2C org people are entered as person accounts.
            [[maybe_unused]] const SfSaveResult person = m_data.create(
                u"Account"_s, QJsonObject{{u"FirstName"_s, c.firstname.left(40)},
                                          {u"LastName"_s, c.lastname.left(80)},
                                          {u"PersonEmail"_s, c.email},
                                          {u"BillingStreet"_s, c.street},
                                          {u"BillingCity"_s, c.city.left(40)},
                                          {u"BillingPostalCode"_s, c.postcode.left(20)},
                                          {picklists ? u"BillingCountryCode"_s : u"BillingCountry"_s, c.countryId},
                                          {u"Phone"_s, c.telephone.left(40)}});
            continue;
        }
        const QString name = QString(c.firstname + u' ' + c.lastname).trimmed();
        const SfSaveResult account = m_data.create(
            u"Account"_s, QJsonObject{{u"Name"_s, name},
                                      {u"Type"_s, u"Customer - Direct"_s},
                                      {u"BillingStreet"_s, c.street},
                                      {u"BillingCity"_s, c.city.left(40)},
                                      {u"BillingPostalCode"_s, c.postcode.left(20)},
                                      {picklists ? u"BillingStateCode"_s : u"BillingState"_s, c.regionCode},
                                      {picklists ? u"BillingCountryCode"_s : u"BillingCountry"_s, c.countryId},
                                      {u"Phone"_s, c.telephone.left(40)}});
        if (!account.success)
            continue;
        [[maybe_unused]] const SfSaveResult contact = m_data.create(
            u"Contact"_s, QJsonObject{{u"AccountId"_s, account.id},
                                      {u"FirstName"_s, c.firstname.left(40)},
                                      {u"LastName"_s, c.lastname.left(80)},
                                      {u"Email"_s, c.email},
                                      {u"MailingStreet"_s, c.street},
                                      {u"MailingCity"_s, c.city.left(40)},
                                      {u"MailingPostalCode"_s, c.postcode.left(20)},
                                      {picklists ? u"MailingCountryCode"_s : u"MailingCountry"_s, c.countryId},
                                      {u"Phone"_s, c.telephone.left(40)}});
    }
    return userId;
}

} // namespace Sandbox
