// StoredText: the English the sync stores, shown in the language of the installed translator.
#include "salesforce/salesforceerror.h"
#include "sync/plannertext.h"
#include "sync/storedtext.h"

#include <QCoreApplication>
#include <QHash>
#include <QTest>
#include <QTranslator>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

namespace {

/// A translator that knows a few German texts, as orderbridge_de.qm would.
class GermanTranslator : public QTranslator
{
public:
    QHash<QByteArray, QString> texts; ///< "context|source" -> translation

    [[nodiscard]] bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return texts.value(QByteArray(context) + '|' + source);
    }
};

} // namespace

class TestStoredText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void withoutATranslationTheTextStaysAsStored_data();
    void withoutATranslationTheTextStaysAsStored();
    void plannerTextsAreTranslatedWithTheirValues_data();
    void plannerTextsAreTranslatedWithTheirValues();
    void valuesAreNotReadAsPlaceholders();

private:
    GermanTranslator m_translator;
};

void TestStoredText::init()
{
    auto add = [this](const char *context, const QString &source, const QString &german) {
        m_translator.texts.insert(QByteArray(context) + '|' + source.toUtf8(), german);
    };
    add("PlannerText", PlannerText::source(PlannerText::WaitingForPayment),
        u"Wartet auf Zahlung: Auftrag anlegen ist \u201eFür bezahlte Bestellung\u201c und die Bestellung ist noch nicht berechnet."_s);
    add("PlannerText", PlannerText::source(PlannerText::StatusNotSynced),
        u"Der Magento-Status '%1' gehört nicht zu den zu synchronisierenden Status (Alle Bestellungen synchronisieren: Nein)."_s);
    add("PlannerText", PlannerText::source(PlannerText::MissingPriceEntry),
        u"Für SKU %2 gibt es im Preisbuch '%1' keinen aktiven Preisbucheintrag."_s);
    add("PlannerText", PlannerText::source(PlannerText::MissingPriceEntryHint),
        u"Geben Sie in Salesforce dem Produkt mit Produktcode %1 einen aktiven Eintrag in '%2' (und im Standardpreisbuch) "
        u"oder setzen Sie advanced.create_missing_products auf yes."_s);
    add("PlannerText", PlannerText::source(PlannerText::ValueCut), u"%1 wurde auf %2 Zeichen gekürzt."_s);
    add("SalesforceError", SalesforceError::hintFor(u"ENTITY_IS_LOCKED"_s),
        u"Der Datensatz ist gesperrt: Der Standardstatus muss zur Gruppe Entwurf gehören."_s);
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TestStoredText::cleanup()
{
    QCoreApplication::removeTranslator(&m_translator);
    m_translator.texts.clear();
}

void TestStoredText::withoutATranslationTheTextStaysAsStored_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("not the planner's") << u"Synced to Salesforce Order 801AA0000000001AAA."_s;
    QTest::newRow("untranslated planner text") << PlannerText::english(PlannerText::AutomationOff);
    QTest::newRow("untranslated error")
        << PlannerText::english(PlannerText::PriceBookMissing, {u"Magento Default"_s}) + u' '
               + PlannerText::english(PlannerText::PriceBookMissingHint);
    QTest::newRow("untranslated hint") << SalesforceError::hintFor(u"INVALID_FIELD"_s);
    QTest::newRow("almost a planner text") << u"Magento status 'x' is not among the statuses to sync."_s;
}

void TestStoredText::withoutATranslationTheTextStaysAsStored()
{
    QFETCH(QString, text);
    QCOMPARE(StoredText::translated(text), text);
    // No translator at all: the English as stored, byte for byte.
    QCoreApplication::removeTranslator(&m_translator);
    for (PlannerText::Id id : PlannerText::ids()) {
        const QString english = PlannerText::english(id, {u"A"_s, u"B"_s});
        QCOMPARE(StoredText::translated(english), english);
    }
}

void TestStoredText::plannerTextsAreTranslatedWithTheirValues_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("shown");

    QTest::newRow("reason") << PlannerText::english(PlannerText::WaitingForPayment)
                            << u"Wartet auf Zahlung: Auftrag anlegen ist \u201eFür bezahlte Bestellung\u201c und die Bestellung "
                               u"ist noch nicht berechnet."_s;
    QTest::newRow("reason with a value")
        << u"Magento status 'holded' is not among the statuses to sync (Sync all orders: No)."_s
        << u"Der Magento-Status 'holded' gehört nicht zu den zu synchronisierenden Status (Alle Bestellungen "
           u"synchronisieren: Nein)."_s;
    QTest::newRow("values in another order") << PlannerText::english(PlannerText::MissingPriceEntry, {u"Magento Default"_s, u"24-WG080"_s})
                                             << u"Für SKU 24-WG080 gibt es im Preisbuch 'Magento Default' keinen aktiven Preisbucheintrag."_s;
    QTest::newRow("error: message and hint")
        << PlannerText::english(PlannerText::MissingPriceEntry, {u"Magento Default"_s, u"24-WG080"_s}) + u' '
               + PlannerText::english(PlannerText::MissingPriceEntryHint, {u"24-WG080"_s, u"Magento Default"_s})
        << u"Für SKU 24-WG080 gibt es im Preisbuch 'Magento Default' keinen aktiven Preisbucheintrag. Geben Sie in "
           u"Salesforce dem Produkt mit Produktcode 24-WG080 einen aktiven Eintrag in 'Magento Default' (und im "
           u"Standardpreisbuch) oder setzen Sie advanced.create_missing_products auf yes."_s;
    QTest::newRow("notice") << u"Description was cut to 255 characters."_s
                            << u"Description wurde auf 255 Zeichen gekürzt."_s;
    QTest::newRow("Salesforce hint") << SalesforceError::hintFor(u"ENTITY_IS_LOCKED"_s)
                                     << u"Der Datensatz ist gesperrt: Der Standardstatus muss zur Gruppe Entwurf gehören."_s;
    QTest::newRow("Salesforce error in the log")
        << u"Salesforce (HTTP 400): entity is locked "_s + SalesforceError::hintFor(u"ENTITY_IS_LOCKED"_s)
        << u"Salesforce (HTTP 400): entity is locked Der Datensatz ist gesperrt: Der Standardstatus muss zur Gruppe "
           u"Entwurf gehören."_s;
}

void TestStoredText::plannerTextsAreTranslatedWithTheirValues()
{
    QFETCH(QString, stored);
    QFETCH(QString, shown);
    QCOMPARE(StoredText::translated(stored), shown);
}

void TestStoredText::valuesAreNotReadAsPlaceholders()
{
    // A stored value that looks like a placeholder stays as it is.
    const QString stored = PlannerText::english(PlannerText::MissingPriceEntry, {u"%2 book"_s, u"SKU-%1"_s});
    QCOMPARE(stored, u"No active price book entry in price book '%2 book' for SKU SKU-%1."_s);
    QCOMPARE(StoredText::translated(stored), u"Für SKU SKU-%1 gibt es im Preisbuch '%2 book' keinen aktiven Preisbucheintrag."_s);
    // Multi-line values survive.
    QCOMPARE(StoredText::translated(u"Magento status 'a\nb' is not among the statuses to sync (Sync all orders: No)."_s),
             u"Der Magento-Status 'a\nb' gehört nicht zu den zu synchronisierenden Status (Alle Bestellungen synchronisieren: Nein)."_s);
}

QTEST_GUILESS_MAIN(TestStoredText)
#include "tst_storedtext.moc"
