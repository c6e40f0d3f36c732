#include "mainwindow.h"
#include "common/consoletranslations.h"
#include "common/runsummarytext.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QMenuBar>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanCatalogIsCompiledIn();
    void knownStringsTranslate_data();
    void knownStringsTranslate();
    void windowSpeaksGermanWithTheTranslator();
    void tsFileIsComplete_data();
    void tsFileIsComplete();
    void englishPluralForms_data();
    void englishPluralForms();
    void otherLanguagesGetEnglishPlurals();
};

void TestTranslations::germanCatalogIsCompiledIn()
{
    QVERIFY(QFile::exists(u":/i18n/orderbridge_de.qm"_s));
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/orderbridge_de.qm"_s));
    QVERIFY(!translator.isEmpty());
    QCOMPARE(translator.language(), u"de_DE"_s);

    // The same lookup main() does for a German locale.
    QTranslator byLocale;
    QVERIFY(byLocale.load(QLocale(QLocale::German, QLocale::Germany), u"orderbridge"_s, u"_"_s, u":/i18n"_s));
    QVERIFY(byLocale.load(QLocale(QLocale::German, QLocale::Austria), u"orderbridge"_s, u"_"_s, u":/i18n"_s));
}

void TestTranslations::knownStringsTranslate_data()
{
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("german");
    QTest::newRow("file") << QByteArray("MainWindow") << QByteArray("&File") << u"&Datei"_s;
    QTest::newRow("quit") << QByteArray("MainWindow") << QByteArray("&Quit") << u"&Beenden"_s;
    QTest::newRow("help") << QByteArray("MainWindow") << QByteArray("&Help") << u"&Hilfe"_s;
    QTest::newRow("about") << QByteArray("MainWindow") << QByteArray("About OrderBridge") << u"Über OrderBridge"_s;
    QTest::newRow("main") << QByteArray("main") << QByteArray("Keeps a Magento 2 store's orders in Salesforce.")
                          << u"Hält die Bestellungen eines Magento-2-Shops in Salesforce aktuell."_s;
    // Names the console shows for core's mapping entities (core keeps English for the CLI and parsers).
    QTest::newRow("entity") << QByteArray("MappingLabels") << QByteArray("Order Product") << u"Auftragsprodukt"_s;
    QTest::newRow("sync now") << QByteArray("MainWindow") << QByteArray("Sync &Now") << u"&Jetzt synchronisieren"_s;
}

void TestTranslations::knownStringsTranslate()
{
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    QFETCH(QString, german);
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/orderbridge_de.qm"_s));
    QCOMPARE(translator.translate(context.constData(), source.constData()), german);
}

void TestTranslations::windowSpeaksGermanWithTheTranslator()
{
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/orderbridge_de.qm"_s));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    MainWindow window;
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(window.menuBar()->actions().at(0)->text(), u"&Datei"_s);
    QCOMPARE(window.quitAction()->text(), u"&Beenden"_s);
    QCOMPARE(window.aboutAction()->text(), u"Ü&ber OrderBridge"_s);
}

void TestTranslations::tsFileIsComplete_data()
{
    QTest::addColumn<QString>("tsFile");
    QTest::addColumn<int>("atLeast");
    QTest::newRow("German") << u"orderbridge_de.ts"_s << 10;
    // English holds only the plural (%n) strings.
    QTest::newRow("English plural forms") << u"orderbridge_en.ts"_s << 5;
}

void TestTranslations::tsFileIsComplete()
{
    QFETCH(QString, tsFile);
    QFETCH(int, atLeast);
    const QString path = qEnvironmentVariable("ORDERBRIDGE_SOURCE_DIR") + u"/translations/"_s + tsFile;
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == "message"_L1) {
            ++messages;
        } else if (xml.name() == "source"_L1) {
            source = xml.readElementText();
        } else if (xml.name() == "translation"_L1) {
            const QString type = xml.attributes().value("type"_L1).toString();
            // Plurals (%n) hold one <numerusform> per German form: all of them must be filled.
            QStringList forms;
            QString text;
            while (xml.readNext() != QXmlStreamReader::EndElement || xml.name() != "translation"_L1) {
                if (xml.atEnd())
                    break;
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == "numerusform"_L1)
                    forms.append(xml.readElementText());
            }
            for (const QString &form : std::as_const(forms)) {
                QVERIFY2(!form.isEmpty(), qPrintable(u"%1 has an empty plural form"_s.arg(source)));
                text += form;
            }
            QVERIFY2(type.isEmpty(), qPrintable(u"%1 is marked %2; translate it and run update_translations"_s.arg(source, type)));
            QVERIFY2(!text.isEmpty(), qPrintable(u"%1 has no translation"_s.arg(source)));
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages >= atLeast);
}

void TestTranslations::englishPluralForms_data()
{
    QTest::addColumn<QByteArray>("context");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("english");
    QTest::newRow("one check") << QByteArray("ConnectionPage") << QByteArray("Connection test passed: %n check(s) OK.")
                               << 1 << u"Connection test passed: 1 check OK."_s;
    QTest::newRow("seven checks") << QByteArray("ConnectionPage")
                                  << QByteArray("Connection test passed: %n check(s) OK.") << 7
                                  << u"Connection test passed: 7 checks OK."_s;
    QTest::newRow("one error") << QByteArray("RunSummaryText") << QByteArray("%n error(s)") << 1 << u"1 error"_s;
    QTest::newRow("no errors") << QByteArray("RunSummaryText") << QByteArray("%n error(s)") << 0 << u"0 errors"_s;
    QTest::newRow("one entry") << QByteArray("LogPage") << QByteArray("Copied %n log entries.") << 1
                               << u"Copied 1 log entry."_s;
}

void TestTranslations::englishPluralForms()
{
    QFETCH(QByteArray, context);
    QFETCH(QByteArray, source);
    QFETCH(int, count);
    QFETCH(QString, english);
    // The same lookup main() does for an English locale.
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::English, QLocale::UnitedStates), u"orderbridge"_s, u"_"_s, u":/i18n"_s));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString text = QCoreApplication::translate(context.constData(), source.constData(), nullptr, count);
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(text, english);
}

void TestTranslations::otherLanguagesGetEnglishPlurals()
{
    // French has no catalogue: the console stays English, with English plurals rather than "(s)".
    ConsoleTranslations::install(*QCoreApplication::instance(), QLocale(QLocale::French, QLocale::France));
    QCOMPARE(RunSummaryText::describe([] {
                 OrderBridge::SyncRunSummary summary;
                 summary.inSync = 2;
                 summary.errors = 1;
                 return summary;
             }()),
             u"2 in sync, 0 out of sync, 0 skipped, 1 error."_s);
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
