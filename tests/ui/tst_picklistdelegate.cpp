#include "mapping/mappingtablemodel.h"
#include "mapping/orderstatusmappingmodel.h"
#include "mapping/picklistdelegate.h"

#include "mapping/defaultmappings.h"

#include <QComboBox>
#include <QLineEdit>
#include <QStyleOptionViewItem>
#include <QTest>

#include <memory>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestPicklistDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whenIsChosenFromTheModes();
    void attributesAreSuggestedButFree();
    void unknownValueIsKept();
    void cellsWithoutChoicesGetALineEdit();
};

namespace {

struct Fixture
{
    MappingTableModel model{MappingEntity::Order};
    PicklistDelegate delegate;
    QWidget parent;
    int row = -1;

    Fixture()
    {
        model.setStoredMappings(defaultMappings(MappingEntity::Order));
        FieldMapping custom;
        custom.magentoAttribute = u"customer_email"_s;
        custom.salesforceField = u"Description"_s;
        row = model.appendMapping(custom);
    }
    QWidget *editor(int column)
    {
        return delegate.createEditor(&parent, QStyleOptionViewItem(), model.index(row, column));
    }
};

} // namespace

void TestPicklistDelegate::whenIsChosenFromTheModes()
{
    Fixture f;
    const QModelIndex when = f.model.index(f.row, MappingTableModel::WhenColumn);
    std::unique_ptr<QWidget> editor(f.editor(MappingTableModel::WhenColumn));
    auto *combo = qobject_cast<QComboBox *>(editor.get());
    QVERIFY(combo);
    QVERIFY(!combo->isEditable());
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->accessibleName(), u"When"_s);
    f.delegate.setEditorData(combo, when);
    QCOMPARE(combo->currentText(), u"Upsert"_s);
    combo->setCurrentIndex(combo->findText(u"Update Only"_s));
    f.delegate.setModelData(combo, &f.model, when);
    QCOMPARE(f.model.mappingAt(f.row).when, WhenMode::UpdateOnly);
}

void TestPicklistDelegate::attributesAreSuggestedButFree()
{
    Fixture f;
    const QModelIndex source = f.model.index(f.row, MappingTableModel::MagentoAttributeColumn);
    std::unique_ptr<QWidget> editor(f.editor(MappingTableModel::MagentoAttributeColumn));
    auto *combo = qobject_cast<QComboBox *>(editor.get());
    QVERIFY(combo);
    QVERIFY(combo->isEditable());
    QVERIFY(combo->findText(u"billing_address.city"_s) >= 0);
    f.delegate.setEditorData(combo, source);
    QCOMPARE(combo->currentText(), u"customer_email"_s);
    combo->setEditText(u"custom_attributes.gift_message"_s);
    f.delegate.setModelData(combo, &f.model, source);
    QCOMPARE(f.model.mappingAt(f.row).magentoAttribute, u"custom_attributes.gift_message"_s);
}

void TestPicklistDelegate::unknownValueIsKept()
{
    OrderStatusMappingModel model;
    model.setStatusValues({{u"Draft"_s, u"Draft"_s, u"Draft"_s, true}, {u"Activated"_s, u"Activated"_s, u"Activated"_s, false}});
    FieldMapping legacy;
    legacy.magentoAttribute = u"pending_paypal"_s;
    legacy.salesforceField = u"Legacy Value"_s;
    const int row = model.appendMapping(legacy);
    const QModelIndex value = model.index(row, OrderStatusMappingModel::SalesforceStatusColumn);
    PicklistDelegate delegate;
    QWidget parent;
    std::unique_ptr<QWidget> editor(delegate.createEditor(&parent, QStyleOptionViewItem(), value));
    auto *combo = qobject_cast<QComboBox *>(editor.get());
    QVERIFY(combo);
    delegate.setEditorData(combo, value);
    QCOMPARE(combo->currentText(), u"Legacy Value"_s);
    delegate.setModelData(combo, &model, value);
    QCOMPARE(model.mappingAt(row).salesforceField, u"Legacy Value"_s);
    combo->setCurrentIndex(combo->findText(u"Activated"_s));
    delegate.setModelData(combo, &model, value);
    QCOMPARE(model.mappingAt(row).salesforceField, u"Activated"_s);
}

void TestPicklistDelegate::cellsWithoutChoicesGetALineEdit()
{
    Fixture f;
    std::unique_ptr<QWidget> editor(f.editor(MappingTableModel::DefaultValueColumn));
    QVERIFY(qobject_cast<QLineEdit *>(editor.get()));
}

QTEST_MAIN(TestPicklistDelegate)
#include "tst_picklistdelegate.moc"
