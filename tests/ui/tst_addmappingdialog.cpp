#include "mapping/addmappingdialog.h"
#include "mapping/magentoattributecatalogue.h"

#include "mapping/defaultmappings.h"
#include "mapping/magentopath.h"
#include "mapping/salesforcefieldcatalogue.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestAddMappingDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offersWritableFieldsOfTheLiveDescribe();
    void offersTheKnownMagentoAttributes();
    void acceptsACustomFieldOfTheLiveOrg();
    void refusesWhatCannotWork_data();
    void refusesWhatCannotWork();
    void editFillsTheControls();
    void orderStatusDialogShowsCategories();
    void everyControlHasAnAccessibleName();
};

namespace {

/// A live OrgSchema as the worker would answer it: the catalogue plus the org's own custom fields.
OrgSchema liveOrg()
{
    OrgSchema org;
    org.schema = SalesforceFieldCatalogue::schema();
    SalesforceFieldInfo notes;
    notes.name = u"Magento_Notes__c"_s;
    notes.type = u"textarea"_s;
    notes.length = 32768;
    org.schema.order.insert(notes.name, notes);
    SalesforceFieldInfo channel;
    channel.name = u"Sales_Channel__c"_s;
    channel.type = u"string"_s;
    channel.length = 80;
    channel.updateable = false; // set once, on creation
    org.schema.order.insert(channel.name, channel);
    SalesforceFieldInfo reviewed;
    reviewed.name = u"Reviewed_On__c"_s;
    reviewed.type = u"date"_s;
    reviewed.createable = false; // filled in by a later update only
    org.schema.order.insert(reviewed.name, reviewed);
    SalesforceFieldInfo blob;
    blob.name = u"Attachment_Body__c"_s;
    blob.type = u"base64"_s;
    org.schema.order.insert(blob.name, blob);
    org.orderStatuses = {{u"Draft"_s, u"Draft"_s, u"Draft"_s, true},
                         {u"On Hold"_s, u"On Hold"_s, u"Draft"_s, false},
                         {u"Activated"_s, u"Activated"_s, u"Activated"_s, false}};
    return org;
}

void choose(AddMappingDialog &dialog, const QString &magento, const QString &salesforce, WhenMode when,
            const QString &defaultValue = {})
{
    dialog.magentoAttributeBox()->setEditText(magento);
    const int found = dialog.salesforceAttributeBox()->findText(salesforce);
    if (found >= 0)
        dialog.salesforceAttributeBox()->setCurrentIndex(found);
    else
        dialog.salesforceAttributeBox()->setEditText(salesforce);
    dialog.whenBox()->setCurrentIndex(dialog.whenBox()->findData(int(when)));
    dialog.defaultValueEdit()->setText(defaultValue);
}

QStringList items(const QComboBox *combo)
{
    QStringList texts;
    for (int i = 0; i < combo->count(); ++i)
        texts << combo->itemText(i);
    return texts;
}

} // namespace

void TestAddMappingDialog::offersWritableFieldsOfTheLiveDescribe()
{
    AddMappingDialog dialog(MappingEntity::Order, liveOrg().schema);
    const QStringList fields = items(dialog.salesforceAttributeBox());
    QVERIFY(fields.contains(u"Magento_Notes__c"_s));
    QVERIFY(fields.contains(u"Sales_Channel__c"_s));
    QVERIFY(fields.contains(u"BillingCity"_s));
    // Not offered: types a mapping cannot write, and read-only fields.
    QVERIFY(!fields.contains(u"Attachment_Body__c"_s));
    QVERIFY(!fields.contains(u"TotalAmount"_s));
    QVERIFY(!fields.contains(u"OrderNumber"_s));
    QVERIFY(!fields.contains(u"Id"_s));

    const int notes = fields.indexOf(u"Magento_Notes__c"_s);
    QCOMPARE(dialog.salesforceAttributeBox()->itemData(notes, Qt::ToolTipRole).toString(),
             u"textarea · createable · updateable"_s);
    // The list shows type and access beside each name.
    const QAbstractItemModel *list = dialog.salesforceAttributeBox()->model();
    QCOMPARE(list->columnCount(), 3);
    QCOMPARE(list->index(notes, 1).data().toString(), u"textarea"_s);
    QCOMPARE(list->index(notes, 2).data().toString(), u"create, update"_s);
    QCOMPARE(list->index(fields.indexOf(u"Sales_Channel__c"_s), 2).data().toString(), u"create only"_s);
    QCOMPARE(list->index(fields.indexOf(u"BillingCity"_s), 1).data().toString(), u"string"_s);
    dialog.salesforceAttributeBox()->setCurrentIndex(fields.indexOf(u"Sales_Channel__c"_s));
    QCOMPARE(dialog.fieldInfoLabel()->text(), u"string · createable · not updateable"_s);

    // Order Product fields for the Order Product tab.
    AddMappingDialog itemDialog(MappingEntity::OrderItem, liveOrg().schema);
    QVERIFY(items(itemDialog.salesforceAttributeBox()).contains(u"Quantity"_s));
    QVERIFY(!items(itemDialog.salesforceAttributeBox()).contains(u"Magento_Notes__c"_s));
}

void TestAddMappingDialog::offersTheKnownMagentoAttributes()
{
    const QStringList order = MagentoAttributeCatalogue::attributes(MappingEntity::Order);
    for (const QString &path : {u"increment_id"_s, u"customer_email"_s, u"billing_address.city"_s,
                                u"billing_address.street"_s, u"payment.method"_s, u"coupon_code"_s,
                                u"extension_attributes.shipping_assignments[0].shipping.address.postcode"_s,
                                u"status_histories[0].comment"_s}) {
        QVERIFY2(order.contains(path), qPrintable(path));
    }
    // Every path the built-in mappings read is offered, and every offered path parses.
    for (const FieldMapping &mapping : defaultMappings(MappingEntity::Order)) {
        if (!mapping.hasSpecialSource())
            QVERIFY2(order.contains(mapping.magentoAttribute), qPrintable(mapping.magentoAttribute));
    }
    for (const QString &path : order)
        QVERIFY2(MagentoPath::parse(path).has_value(), qPrintable(path));
    QVERIFY(!order.contains(u"items[0].sku"_s));

    const QStringList item = MagentoAttributeCatalogue::attributes(MappingEntity::OrderItem);
    for (const QString &path : {u"sku"_s, u"qty_ordered"_s, u"price"_s, u"item_id"_s, u"row_total"_s})
        QVERIFY2(item.contains(path), qPrintable(path));

    AddMappingDialog dialog(MappingEntity::Order, liveOrg().schema);
    dialog.setMagentoAttributes(order);
    QCOMPARE(items(dialog.magentoAttributeBox()), order);
    // Each attribute shows what it holds in a sample order.
    QCOMPARE(dialog.magentoAttributeBox()->itemData(order.indexOf(u"billing_address.city"_s), Qt::ToolTipRole).toString(),
             u"e.g. Austin"_s);
    QCOMPARE(MagentoAttributeCatalogue::sampleValue(MappingEntity::OrderItem, u"sku"_s), u"24-MB01"_s);
    // The list is searched by any part of the name.
    QCOMPARE(dialog.magentoAttributeBox()->completer()->filterMode(), Qt::MatchContains);
    QCOMPARE(dialog.salesforceAttributeBox()->completer()->filterMode(), Qt::MatchContains);
}

void TestAddMappingDialog::acceptsACustomFieldOfTheLiveOrg()
{
    const OrgSchema org = liveOrg();
    AddMappingDialog dialog(MappingEntity::Order, org.schema);
    dialog.setMagentoAttributes(MagentoAttributeCatalogue::attributes(MappingEntity::Order));
    dialog.setOtherMappings(defaultMappings(MappingEntity::Order));
    dialog.show();
    choose(dialog, u"customer_note"_s, u"magento_notes__c"_s, WhenMode::Upsert, u"(none)"_s);
    dialog.enabledBox()->setCurrentIndex(0);
    {
        const std::optional<QString> fault = dialog.check();
        QVERIFY2(!fault, qPrintable(fault.value_or(QString())));
    }

    QTest::mouseClick(dialog.buttonBox()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.errorLabel()->isHidden());
    const FieldMapping mapping = dialog.mapping();
    QCOMPARE(mapping.entity, MappingEntity::Order);
    QCOMPARE(mapping.magentoAttribute, u"customer_note"_s);
    QCOMPARE(mapping.salesforceField, u"Magento_Notes__c"_s); // spelled as the describe spells it
    QCOMPARE(mapping.defaultValue, u"(none)"_s);
    QCOMPARE(mapping.enabled, true);
    QCOMPARE(mapping.when, WhenMode::Upsert);
    QCOMPARE(mapping.system, false);

    // A free path MagentoPath accepts is fine too, and so are Insert Only / Update Only where allowed.
    AddMappingDialog other(MappingEntity::Order, org.schema);
    choose(other, u"custom_attributes.gift_wrap"_s, u"Sales_Channel__c"_s, WhenMode::InsertOnly);
    {
        const std::optional<QString> fault = other.check();
        QVERIFY2(!fault, qPrintable(fault.value_or(QString())));
    }
    choose(other, u"updated_at"_s, u"Reviewed_On__c"_s, WhenMode::UpdateOnly);
    {
        const std::optional<QString> fault = other.check();
        QVERIFY2(!fault, qPrintable(fault.value_or(QString())));
    }
}

void TestAddMappingDialog::refusesWhatCannotWork_data()
{
    QTest::addColumn<QString>("magento");
    QTest::addColumn<QString>("salesforce");
    QTest::addColumn<WhenMode>("when");
    QTest::addColumn<QString>("defaultValue");
    QTest::addColumn<QString>("reason");

    QTest::newRow("update only, not updateable")
        << u"store_name"_s << u"Sales_Channel__c"_s << WhenMode::UpdateOnly << QString()
        << u"Order.Sales_Channel__c is not updateable, so Update Only would never write it; choose Insert Only."_s;
    QTest::newRow("insert only, not createable")
        << u"updated_at"_s << u"Reviewed_On__c"_s << WhenMode::InsertOnly << QString()
        << u"Order.Reviewed_On__c is not createable, so Insert Only would never write it; choose Update Only."_s;
    QTest::newRow("upsert, not updateable")
        << u"store_name"_s << u"Sales_Channel__c"_s << WhenMode::Upsert << QString()
        << u"Upsert writes on insert and update, but Order.Sales_Channel__c is not updateable; choose Insert Only."_s;
    QTest::newRow("unknown field")
        << u"customer_note"_s << u"No_Such_Field__c"_s << WhenMode::Upsert << QString()
        << u"Order has no field \"No_Such_Field__c\"; choose one from the list"_s;
    QTest::newRow("read-only field")
        << u"grand_total"_s << u"TotalAmount"_s << WhenMode::Upsert << QString()
        << u"Order.TotalAmount is read-only in Salesforce; no mapping can write it."_s;
    QTest::newRow("unwritable type")
        << u"customer_note"_s << u"Attachment_Body__c"_s << WhenMode::Upsert << QString()
        << u"Order.Attachment_Body__c has the type base64, which a mapping cannot write"_s;
    QTest::newRow("bad path")
        << u"billing_address..city"_s << u"Magento_Notes__c"_s << WhenMode::Upsert << QString()
        << u"\"billing_address..city\" is not a Magento attribute path"_s;
    QTest::newRow("no attribute") << QString() << u"Magento_Notes__c"_s << WhenMode::Upsert << QString()
                                  << u"Choose a Magento attribute"_s;
    QTest::newRow("timestamp into currency")
        << u"created_at"_s << u"Subtotal__c"_s << WhenMode::Upsert << QString()
        << u"\"created_at\" is a timestamp and cannot go into the currency field Subtotal__c."_s;
    QTest::newRow("default does not fit")
        << u"customer_note"_s << u"Reviewed_On__c"_s << WhenMode::UpdateOnly << u"next week"_s
        << u"The default value of Order: customer_note -> Reviewed_On__c does not fit"_s;
    QTest::newRow("field already written")
        << u"customer_email"_s << u"BillingCity"_s << WhenMode::Upsert << QString()
        << u"Order.BillingCity is already written by \"billing_address.city\""_s;
}

void TestAddMappingDialog::refusesWhatCannotWork()
{
    QFETCH(QString, magento);
    QFETCH(QString, salesforce);
    QFETCH(WhenMode, when);
    QFETCH(QString, defaultValue);
    QFETCH(QString, reason);

    AddMappingDialog dialog(MappingEntity::Order, liveOrg().schema);
    dialog.setOtherMappings(defaultMappings(MappingEntity::Order));
    dialog.show();
    choose(dialog, magento, salesforce, when, defaultValue);
    const std::optional<QString> problem = dialog.check();
    QVERIFY(problem.has_value());
    QVERIFY2(problem->contains(reason), qPrintable(*problem));

    QTest::mouseClick(dialog.buttonBox()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(dialog.isVisible()); // stays open with the reason
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.errorLabel()->isVisible());
    QCOMPARE(dialog.errorLabel()->text(), *problem);
    // Changing the input hides the stale reason.
    dialog.whenBox()->setCurrentIndex((dialog.whenBox()->currentIndex() + 1) % 3);
    QVERIFY(dialog.errorLabel()->isHidden());
}

void TestAddMappingDialog::editFillsTheControls()
{
    FieldMapping mapping;
    mapping.entity = MappingEntity::Order;
    mapping.magentoAttribute = u"store_name"_s;
    mapping.salesforceField = u"Sales_Channel__c"_s;
    mapping.when = WhenMode::InsertOnly;
    mapping.enabled = false;
    mapping.defaultValue = u"web"_s;
    AddMappingDialog dialog(MappingEntity::Order, liveOrg().schema);
    dialog.setMapping(mapping);
    QCOMPARE(dialog.magentoAttributeBox()->currentText(), u"store_name"_s);
    QCOMPARE(dialog.salesforceAttributeBox()->currentText(), u"Sales_Channel__c"_s);
    QCOMPARE(dialog.whenBox()->currentText(), u"Insert Only"_s);
    QCOMPARE(dialog.enabledBox()->currentText(), u"No"_s);
    QCOMPARE(dialog.defaultValueEdit()->text(), u"web"_s);
    QCOMPARE(dialog.mapping(), mapping);
}

void TestAddMappingDialog::orderStatusDialogShowsCategories()
{
    const OrgSchema org = liveOrg();
    AddMappingDialog dialog(MappingEntity::OrderStatus, org.schema);
    dialog.setOrderStatuses(org.orderStatuses);
    dialog.setMagentoAttributes({u"pending_paypal"_s});
    dialog.setOtherMappings(defaultMappings(MappingEntity::OrderStatus));
    dialog.show();
    QCOMPARE(items(dialog.salesforceAttributeBox()), (QStringList{u"Draft"_s, u"On Hold"_s, u"Activated"_s}));
    QVERIFY(dialog.whenBox()->isHidden());
    QVERIFY(dialog.defaultValueEdit()->isHidden());
    dialog.salesforceAttributeBox()->setCurrentIndex(1);
    QCOMPARE(dialog.fieldInfoLabel()->text(), u"Status Category: Draft"_s);
    dialog.magentoAttributeBox()->setEditText(u"pending_paypal"_s);
    {
        const std::optional<QString> fault = dialog.check();
        QVERIFY2(!fault, qPrintable(fault.value_or(QString())));
    }
    QCOMPARE(dialog.mapping().salesforceField, u"On Hold"_s);

    // A Magento status that is mapped already is refused.
    dialog.magentoAttributeBox()->setEditText(u"processing"_s);
    const std::optional<QString> problem = dialog.check();
    QVERIFY(problem.has_value());
    QVERIFY2(problem->contains(u"processing"_s), qPrintable(*problem));
}

void TestAddMappingDialog::everyControlHasAnAccessibleName()
{
    AddMappingDialog dialog(MappingEntity::Order, liveOrg().schema);
    const QList<QWidget *> controls = dialog.findChildren<QWidget *>();
    int checked = 0;
    for (QWidget *widget : controls) {
        if (!qobject_cast<QComboBox *>(widget) && !qobject_cast<QPushButton *>(widget)
            && !(qobject_cast<QLineEdit *>(widget) && !qobject_cast<QComboBox *>(widget->parentWidget())))
            continue;
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        ++checked;
    }
    QCOMPARE(checked, 7); // 4 combo boxes, the default value, OK and Cancel
}

QTEST_MAIN(TestAddMappingDialog)
#include "tst_addmappingdialog.moc"
