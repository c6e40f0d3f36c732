#include "mapping/orderstatusmappingmodel.h"

#include "mapping/defaultmappings.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestOrderStatusMappingModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTester();
    void showsEachStatusWithItsCategory_data();
    void showsEachStatusWithItsCategory();
    void changingTheValueChangesTheCategory();
    void systemStatusesStayMappedAndEnabled();
};

namespace {

QList<OrderStatusValue> orgStatuses()
{
    return {{u"Draft"_s, u"Draft"_s, u"Draft"_s, true},
            {u"Awaiting Payment"_s, u"Awaiting Payment"_s, u"Draft"_s, false},
            {u"Activated"_s, u"Activated"_s, u"Activated"_s, false},
            {u"Shipped"_s, u"Shipped"_s, u"Activated"_s, false}};
}

int rowOf(const OrderStatusMappingModel &model, const QString &status)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.mappingAt(row).magentoAttribute == status)
            return row;
    }
    return -1;
}

} // namespace

void TestOrderStatusMappingModel::passesTheModelTester()
{
    OrderStatusMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStatusValues(orgStatuses());
    model.setStoredMappings(defaultMappings(MappingEntity::OrderStatus));
    FieldMapping paypal;
    paypal.entity = MappingEntity::OrderStatus;
    paypal.magentoAttribute = u"pending_paypal"_s;
    paypal.salesforceField = u"Draft"_s;
    const int row = model.appendMapping(paypal);
    QVERIFY(model.setData(model.index(row, OrderStatusMappingModel::SalesforceStatusColumn), u"Awaiting Payment"_s));
    QVERIFY(model.setData(model.index(row, OrderStatusMappingModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(model.removeRows(row, 1));
    model.setStatusValues({});
    model.discardChanges();
    QCOMPARE(model.rowCount(), defaultMagentoStatuses().size());
}

void TestOrderStatusMappingModel::showsEachStatusWithItsCategory_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("category");
    const QStringList statuses{u"pending"_s, u"pending_payment"_s, u"processing"_s, u"holded"_s, u"complete"_s,
                               u"closed"_s, u"canceled"_s, u"fraud"_s, u"payment_review"_s};
    for (const QString &status : statuses) {
        const bool final = status == u"complete" || status == u"closed";
        QTest::newRow(qPrintable(status)) << status << (final ? u"Activated"_s : u"Draft"_s)
                                          << (final ? u"Activated"_s : u"Draft"_s);
    }
}

void TestOrderStatusMappingModel::showsEachStatusWithItsCategory()
{
    QFETCH(QString, status);
    QFETCH(QString, value);
    QFETCH(QString, category);
    OrderStatusMappingModel model;
    model.setStatusValues(orgStatuses());
    model.setStoredMappings(defaultMappings(MappingEntity::OrderStatus));
    const int row = rowOf(model, status);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, OrderStatusMappingModel::SalesforceStatusColumn).data().toString(), value);
    QCOMPARE(model.index(row, OrderStatusMappingModel::CategoryColumn).data().toString(), category);
    QCOMPARE(model.index(row, OrderStatusMappingModel::SalesforceStatusColumn).data(MappingListModel::ChoicesRole)
                 .toStringList(),
             (QStringList{u"Draft"_s, u"Awaiting Payment"_s, u"Activated"_s, u"Shipped"_s}));
}

void TestOrderStatusMappingModel::changingTheValueChangesTheCategory()
{
    OrderStatusMappingModel model;
    model.setStatusValues(orgStatuses());
    model.setStoredMappings(defaultMappings(MappingEntity::OrderStatus));
    const int row = rowOf(model, u"processing"_s);
    const QModelIndex category = model.index(row, OrderStatusMappingModel::CategoryColumn);
    QCOMPARE(category.data().toString(), u"Draft"_s);
    QVERIFY(model.setData(model.index(row, OrderStatusMappingModel::SalesforceStatusColumn), u"Shipped"_s));
    QCOMPARE(category.data().toString(), u"Activated"_s);
    QCOMPARE(model.mappingAt(row).salesforceField, u"Shipped"_s);
    QVERIFY(model.isDirty());

    // A value outside the picklist has no category, and says so.
    QVERIFY(model.setData(model.index(row, OrderStatusMappingModel::SalesforceStatusColumn), u"Bogus"_s));
    QCOMPARE(category.data().toString(), u"not in the picklist"_s);
    QVERIFY(model.categoryOf(u"Bogus"_s).isEmpty());
}

void TestOrderStatusMappingModel::systemStatusesStayMappedAndEnabled()
{
    OrderStatusMappingModel model;
    model.setStoredMappings(defaultMappings(MappingEntity::OrderStatus));
    const int row = rowOf(model, u"complete"_s);
    QVERIFY(!(model.flags(model.index(row, OrderStatusMappingModel::MagentoStatusColumn)) & Qt::ItemIsEditable));
    QVERIFY(model.flags(model.index(row, OrderStatusMappingModel::SalesforceStatusColumn)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(row, OrderStatusMappingModel::EnabledColumn)) & Qt::ItemIsUserCheckable));
    QVERIFY(!model.setData(model.index(row, OrderStatusMappingModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!model.setData(model.index(row, OrderStatusMappingModel::MagentoStatusColumn), u"done"_s));
    QVERIFY(!model.removeRows(row, 1));
    QVERIFY(!model.isDirty());
}

QTEST_GUILESS_MAIN(TestOrderStatusMappingModel)
#include "tst_orderstatusmappingmodel.moc"
