#include "mappingvalidator.h"

#include "mapping/magentopath.h"
#include "mapping/valueconverter.h"

#include <QHash>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

/// What we know of a Magento order attribute's kind from its name (the REST schema is stable here).
enum class MagentoKind { Unknown, Timestamp, Number, Flag };

MagentoKind magentoKind(const MagentoPath &path)
{
    const QList<MagentoPath::Step> &steps = path.steps();
    QString name;
    for (auto it = steps.crbegin(); it != steps.crend(); ++it) {
        if (it->kind == MagentoPath::Step::Kind::Key) {
            name = it->key;
            break;
        }
    }
    // Under custom_attributes the name is an attribute code chosen by the merchant: nothing is known.
    for (const MagentoPath::Step &step : steps) {
        if (step.kind == MagentoPath::Step::Kind::Key && step.key == u"custom_attributes" && step.key != name)
            return MagentoKind::Unknown;
    }
    static const QStringList flags{u"customer_is_guest"_s, u"is_virtual"_s, u"email_sent"_s, u"send_email"_s,
                                   u"customer_note_notify"_s, u"is_customer_notified"_s, u"is_visible_on_front"_s,
                                   u"free_shipping"_s, u"no_discount"_s, u"is_qty_decimal"_s,
                                   u"can_ship_partially"_s, u"forced_shipment_with_invoice"_s};
    static const QStringList textIds{u"increment_id"_s, u"country_id"_s, u"quote_address_id"_s, u"protect_code"_s,
                                     u"ext_order_id"_s, u"ext_customer_id"_s, u"transaction_id"_s};
    if (flags.contains(name))
        return MagentoKind::Flag;
    if (name.endsWith(u"_at"))
        return MagentoKind::Timestamp;
    if (name.endsWith(u"_id") && !textIds.contains(name))
        return MagentoKind::Number;
    static const QStringList numberWords{u"amount"_s, u"total"_s, u"price"_s, u"qty"_s, u"weight"_s, u"percent"_s,
                                         u"_due"_s, u"_paid"_s, u"_refunded"_s, u"_invoiced"_s, u"_canceled"_s};
    for (const QString &word : numberWords) {
        if (name.contains(word))
            return MagentoKind::Number;
    }
    return MagentoKind::Unknown;
}

QString kindName(MagentoKind kind)
{
    switch (kind) {
    case MagentoKind::Timestamp:
        return u"a timestamp"_s;
    case MagentoKind::Number:
        return u"a number"_s;
    case MagentoKind::Flag:
        return u"a 0/1 flag"_s;
    case MagentoKind::Unknown:
        break;
    }
    return u"a value"_s;
}

bool compatible(MagentoKind kind, const SalesforceFieldInfo &field)
{
    if (field.isText())
        return true;
    const bool temporal = field.type == u"date" || field.type == u"datetime";
    switch (kind) {
    case MagentoKind::Unknown:
        return true;
    case MagentoKind::Timestamp:
        return temporal;
    case MagentoKind::Number:
        return field.isNumeric();
    case MagentoKind::Flag:
        return field.isNumeric() || field.type == u"boolean";
    }
    return true;
}

class Checker
{
public:
    Checker(const FieldMappingList &mappings, const SalesforceSchema &schema)
        : m_mappings(mappings)
        , m_schema(schema)
    {
    }

    QList<MappingIssue> run()
    {
        for (qsizetype i = 0; i < m_mappings.size(); ++i) {
            const FieldMapping &mapping = m_mappings.at(i);
            if (mapping.system && mapping.isEssential() && !mapping.enabled) {
                error(i, u"mapping.essential_disabled"_s,
                      u"%1 is a system mapping the sync cannot work without; it cannot be disabled."_s.arg(mapping.describe()));
            }
            if (mapping.entity == MappingEntity::OrderStatus)
                checkStatus(i, mapping);
            else
                checkField(i, mapping);
        }
        checkDuplicates();
        return m_issues;
    }

private:
    void error(qsizetype index, const QString &code, const QString &message)
    {
        m_issues.append(MappingIssue{MappingIssue::Severity::Error, index, code, message});
    }
    void warning(qsizetype index, const QString &code, const QString &message)
    {
        m_issues.append(MappingIssue{MappingIssue::Severity::Warning, index, code, message});
    }

    void checkStatus(qsizetype index, const FieldMapping &mapping)
    {
        if (mapping.magentoAttribute.trimmed().isEmpty() || mapping.magentoAttribute.contains(u' ')) {
            error(index, u"mapping.bad_status"_s,
                  u"\"%1\" is not a Magento status code; use the code, e.g. processing."_s.arg(mapping.magentoAttribute));
        }
        if (mapping.salesforceField.trimmed().isEmpty()) {
            error(index, u"mapping.bad_status"_s,
                  u"The Magento status \"%1\" is mapped to an empty Salesforce Order Status; name a status such as Draft."_s.arg(
                      mapping.magentoAttribute));
            return;
        }
        const QStringList known = m_schema.orderStatusValues();
        if (!known.isEmpty() && !known.contains(mapping.salesforceField)) {
            error(index, u"mapping.unknown_status"_s,
                  u"\"%1\" is not a Salesforce Order Status (known: %2); pick one of those or add it to the Status picklist."_s
                      .arg(mapping.salesforceField, known.join(u", "_s)));
        }
    }

    void checkField(qsizetype index, const FieldMapping &mapping)
    {
        const SalesforceFieldMap &fields = m_schema.fieldsFor(mapping.entity);
        const QString objectName = mappingEntitySalesforceObject(mapping.entity);
        const auto exact = fields.constFind(mapping.salesforceField);
        const SalesforceFieldInfo *info = exact != fields.cend() ? &exact.value() : nullptr;
        if (!info) {
            const SalesforceFieldInfo *similar = findSalesforceField(fields, mapping.salesforceField);
            error(index, u"mapping.unknown_field"_s,
                  similar ? u"%1 has no field \"%2\"; did you mean %3?"_s.arg(objectName, mapping.salesforceField, similar->name)
                          : u"%1 has no field \"%2\"; use the API name of an existing field (custom fields end in __c)."_s
                                .arg(objectName, mapping.salesforceField));
        }

        // The source.
        MagentoKind kind = MagentoKind::Unknown;
        bool multiValued = false;
        if (mapping.hasSpecialSource()) {
            if (!checkSpecialSource(index, mapping, info))
                return;
        } else {
            Result<MagentoPath> path = MagentoPath::parse(mapping.magentoAttribute);
            if (!path) {
                error(index, u"mapping.bad_path"_s, path.error().toString());
            } else {
                kind = magentoKind(*path);
                multiValued = path->isMultiValued();
                if (mapping.entity == MappingEntity::OrderItem && path->steps().first().key == u"items") {
                    warning(index, u"mapping.item_path"_s,
                            u"Order Product paths are relative to one item: write \"%1\" without the \"items[]\" prefix."_s.arg(
                                mapping.magentoAttribute));
                }
            }
        }
        if (!info)
            return;

        if (!info->isWritableType()) {
            error(index, u"mapping.unwritable_type"_s,
                  u"%1.%2 has the type %3, which a mapping cannot write."_s.arg(objectName, info->name, info->type));
            return;
        }
        checkWhen(index, mapping, *info, objectName);
        if (multiValued && !info->isText()) {
            error(index, u"mapping.type_mismatch"_s,
                  u"\"%1\" yields a list, which cannot go into the %2 field %3; select one element with [n]."_s.arg(
                      mapping.magentoAttribute, info->type, info->name));
        } else if (!compatible(kind, *info)) {
            error(index, u"mapping.type_mismatch"_s,
                  u"\"%1\" is %2 and cannot go into the %3 field %4."_s.arg(mapping.magentoAttribute, kindName(kind),
                                                                           info->type, info->name));
        }
        if (!mapping.defaultValue.isEmpty()) {
            Result<ValueConverter::Converted> converted = ValueConverter::convert(QJsonValue(mapping.defaultValue), *info);
            if (!converted) {
                error(index, u"mapping.bad_default"_s,
                      u"The default value of %1 does not fit: %2"_s.arg(mapping.describe(), converted.error().toString()));
            }
        }
    }

    bool checkSpecialSource(qsizetype index, const FieldMapping &mapping, const SalesforceFieldInfo *info)
    {
        const QString &source = mapping.magentoAttribute;
        const bool orderSource = source == FieldMapping::kStatusSource || source == FieldMapping::kAccountIdSource
            || source == FieldMapping::kPricebookIdSource;
        const bool itemSource = source == FieldMapping::kOrderIdSource || source == FieldMapping::kPricebookEntryIdSource;
        if (!orderSource && !itemSource) {
            error(index, u"mapping.unknown_source"_s,
                  u"Unknown special source \"%1\"; write a Magento attribute path such as billing_address.city."_s.arg(source));
            return false;
        }
        if ((orderSource && mapping.entity != MappingEntity::Order)
            || (itemSource && mapping.entity != MappingEntity::OrderItem)) {
            error(index, u"mapping.unknown_source"_s,
                  u"The special source %1 is not available for %2 mappings."_s.arg(source, mappingEntityLabel(mapping.entity)));
            return false;
        }
        if (info && source != FieldMapping::kStatusSource && info->type != u"reference" && info->type != u"id"
            && info->type != u"string") {
            error(index, u"mapping.type_mismatch"_s,
                  u"%1 yields a Salesforce ID and cannot go into the %2 field %3."_s.arg(source, info->type, info->name));
        }
        if (info && source == FieldMapping::kStatusSource && !info->isText()) {
            error(index, u"mapping.type_mismatch"_s,
                  u"%1 yields an Order Status name and cannot go into the %2 field %3."_s.arg(source, info->type, info->name));
        }
        return true;
    }

    void checkWhen(qsizetype index, const FieldMapping &mapping, const SalesforceFieldInfo &info, const QString &objectName)
    {
        const QString field = objectName + u'.' + info.name;
        switch (mapping.when) {
        case WhenMode::InsertOnly:
            if (!info.createable)
                error(index, u"mapping.not_createable"_s,
                      u"%1 is not createable, so an Insert Only mapping would never write it."_s.arg(field));
            break;
        case WhenMode::UpdateOnly:
            if (!info.updateable)
                error(index, u"mapping.not_updateable"_s,
                      u"%1 is not updateable, so an Update Only mapping would never write it."_s.arg(field));
            break;
        case WhenMode::Upsert:
            if (!info.createable && !info.updateable)
                error(index, u"mapping.read_only"_s, u"%1 is read-only in Salesforce; no mapping can write it."_s.arg(field));
            else if (!info.updateable)
                warning(index, u"mapping.upsert_partial"_s,
                        u"%1 is not updateable, so this Upsert mapping only writes on insert; set When to Insert Only."_s.arg(field));
            else if (!info.createable)
                warning(index, u"mapping.upsert_partial"_s,
                        u"%1 is not createable, so this Upsert mapping only writes on update; set When to Update Only."_s.arg(field));
            break;
        }
    }

    /// One error per mapping that repeats an earlier one, naming the first it collides with. Linear: the earlier
    /// mappings are indexed by target (and When mode), so a file of thousands of entries is checked at once.
    void checkDuplicates()
    {
        QHash<QString, qsizetype> statusSeen;                  // Magento status -> first enabled mapping of it
        QHash<QString, std::array<qsizetype, 3>> targetSeen;   // object.field -> first enabled mapping per When mode
        for (qsizetype i = 0; i < m_mappings.size(); ++i) {
            const FieldMapping &a = m_mappings.at(i);
            if (!a.enabled)
                continue;
            if (a.entity == MappingEntity::OrderStatus) {
                const auto first = statusSeen.constFind(a.magentoAttribute);
                if (first == statusSeen.constEnd()) {
                    statusSeen.insert(a.magentoAttribute, i);
                    continue;
                }
                error(i, u"mapping.duplicate_status"_s,
                      u"The Magento status \"%1\" is mapped twice (to %2 and %3); keep one."_s.arg(
                          a.magentoAttribute, m_mappings.at(*first).salesforceField, a.salesforceField));
                continue;
            }
            const QString target = mappingEntitySalesforceObject(a.entity) + u'.' + a.salesforceField.toLower();
            auto firstByMode = targetSeen.find(target);
            if (firstByMode == targetSeen.end())
                firstByMode = targetSeen.insert(target, {-1, -1, -1});
            qsizetype clash = -1;
            for (WhenMode mode : allWhenModes()) {
                const qsizetype j = (*firstByMode)[std::size_t(mode)];
                if (j >= 0 && whenModesOverlap(a.when, mode) && (clash < 0 || j < clash))
                    clash = j;
            }
            if (clash >= 0) {
                const FieldMapping &b = m_mappings.at(clash);
                error(i, u"mapping.duplicate_target"_s,
                      u"%1 is already written by \"%2\" (%3); two enabled mappings cannot write one field in the same "
                      u"operation. Disable one, or make one Insert Only and the other Update Only."_s
                          .arg(mappingEntitySalesforceObject(a.entity) + u'.' + a.salesforceField, b.magentoAttribute,
                               whenModeLabel(b.when)));
            }
            qsizetype &firstOfMode = (*firstByMode)[std::size_t(a.when)];
            if (firstOfMode < 0)
                firstOfMode = i;
        }
    }

    const FieldMappingList &m_mappings;
    const SalesforceSchema &m_schema;
    QList<MappingIssue> m_issues;
};

} // namespace

QList<MappingIssue> MappingValidator::validate(const FieldMappingList &mappings, const SalesforceSchema &schema)
{
    return Checker(mappings, schema).run();
}

std::optional<MappingIssue> MappingValidator::checkSystemChange(const FieldMapping &before, const FieldMapping &after)
{
    if (!before.system)
        return std::nullopt;
    const auto refuse = [&](const QString &message) {
        return MappingIssue{MappingIssue::Severity::Error, -1, u"mapping.system"_s, message};
    };
    const bool statusRow = before.entity == MappingEntity::OrderStatus;
    if (!after.system || after.entity != before.entity || after.magentoAttribute != before.magentoAttribute
        || (!statusRow && after.salesforceField != before.salesforceField)) {
        return refuse(statusRow ? u"%1 is a system mapping: its Magento status cannot change; map the status to another "
                                  u"Salesforce value instead."_s.arg(before.describe())
                                : u"%1 is a system mapping: its source and target cannot change; add a custom mapping "
                                  u"instead."_s.arg(before.describe()));
    }
    if (after.when != before.when)
        return refuse(u"%1 is a system mapping: its When cannot change."_s.arg(before.describe()));
    if (before.isEssential() && !after.enabled)
        return refuse(u"%1 is a system mapping the sync cannot work without; it cannot be disabled."_s.arg(before.describe()));
    return std::nullopt;
}

bool MappingValidator::hasErrors(const QList<MappingIssue> &issues)
{
    for (const MappingIssue &issue : issues) {
        if (issue.isError())
            return true;
    }
    return false;
}

} // namespace OrderBridge
