<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+47"/>
        <source>OrderBridge</source>
        <translation>OrderBridge</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close OrderBridge</source>
        <translation>OrderBridge beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About OrderBridge</source>
        <translation>Ü&amp;ber OrderBridge</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Sales</source>
        <translation>Verkäufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Sales › Orders</source>
        <translation>Verkäufe › Bestellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce</source>
        <translation>Salesforce</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+3"/>
        <source>Salesforce › Orders</source>
        <translation>Salesforce › Bestellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Salesforce › Fields Mapping</source>
        <translation>Salesforce › Feldzuordnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fields Mapping</source>
        <translation>Feldzuordnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Salesforce › Connection</source>
        <translation>Salesforce › Verbindung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync activity</source>
        <translation>Synchronisierungsaktivität</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce API usage today</source>
        <translation>Salesforce-API-Nutzung heute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce API requests used in the last 24 hours, from the Sforce-Limit-Info header</source>
        <translation>In den letzten 24 Stunden verbrauchte Salesforce-API-Anfragen, laut Header Sforce-Limit-Info</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not connected yet</source>
        <translation>Noch nicht verbunden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No sync engine</source>
        <translation>Keine Synchronisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+38"/>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>API calls today: – / –</source>
        <translation>API-Aufrufe heute: – / –</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API calls today: %1 / %2</source>
        <translation>API-Aufrufe heute: %1 / %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected to Salesforce</source>
        <translation>Mit Salesforce verbunden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Syncing %1 / %2</source>
        <translation>Synchronisiere %1 / %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Idle – errors in the last run: %1</source>
        <translation>Bereit – Fehler im letzten Lauf: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Idle – last run failed</source>
        <translation>Bereit – der letzte Lauf ist fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection problem</source>
        <translation>Verbindungsproblem</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>About OrderBridge</source>
        <translation>Über OrderBridge</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h3&gt;OrderBridge %1&lt;/h3&gt;&lt;p&gt;Keeps a Magento 2 store&apos;s orders in Salesforce.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OrderBridge %1&lt;/h3&gt;&lt;p&gt;Hält die Bestellungen eines Magento-2-Shops in Salesforce aktuell.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>OrdersConfigPage</name>
    <message>
        <location filename="../ui/ordersconfigpage.cpp" line="+46"/>
        <source>Orders configuration tabs</source>
        <translation>Registerkarten der Bestellkonfiguration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order Configuration</source>
        <translation>Bestellkonfiguration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Configuration error</source>
        <translation>Konfigurationsfehler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply orders configuration</source>
        <translation>Bestellkonfiguration übernehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the whole configuration and save it</source>
        <translation>Die gesamte Konfiguration prüfen und speichern</translation>
    </message>
    <message>
        <location line="+96"/>
        <location line="+63"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+63"/>
        <location line="+4"/>
        <location line="+3"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Automated Synchronization</source>
        <translation>Automatische Synchronisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created orders and any changes with them will be automatically synchronized.</source>
        <translation>Neue Bestellungen und alle ihre Änderungen werden automatisch synchronisiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zero Grand Total</source>
        <translation>Gesamtsumme null</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synchronize: orders with a zero grand total are synchronized too. Do not synchronize: they are skipped.</source>
        <translation>Synchronisieren: Bestellungen mit der Gesamtsumme null werden ebenfalls synchronisiert. Nicht synchronisieren: Sie werden übersprungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synchronize</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Do not synchronize</source>
        <translation>Nicht synchronisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synchronize Order Notes</source>
        <translation>Bestellnotizen synchronisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Will attach Magento order notes to the Order notes in Salesforce.</source>
        <translation>Hängt die Magento-Bestellnotizen an die Notizen der Order in Salesforce an.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note object</source>
        <translation>Notizobjekt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which Salesforce object the order notes become: a classic Note or an Enhanced Note (ContentNote).</source>
        <translation>Als welches Salesforce-Objekt die Bestellnotizen angelegt werden: als klassische Notiz (Note) oder als erweiterte Notiz (ContentNote).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enhanced note</source>
        <translation>Erweiterte Notiz</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Default Status</source>
        <translation>Standardstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders will be placed in this Draft status when Magento needs to make updates. IMPORTANT: Default status must be from the Draft status group in Salesforce.</source>
        <translation>Bestellungen werden in diesen Entwurfsstatus gesetzt, wenn Magento Änderungen vornehmen muss. WICHTIG: Der Standardstatus muss in Salesforce zur Statusgruppe „Draft“ (Entwurf) gehören.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync all orders</source>
        <translation>Alle Bestellungen synchronisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes: synchronize all orders regardless of Magento status. No: synchronize only orders in the statuses checked below.</source>
        <translation>Ja: alle Bestellungen unabhängig vom Magento-Status synchronisieren. Nein: nur Bestellungen in den unten angehakten Status synchronisieren.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Order statuses to sync</source>
        <translation>Zu synchronisierende Bestellstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only orders in the checked Magento statuses are synchronized. Check at least one.</source>
        <translation>Nur Bestellungen in den angehakten Magento-Status werden synchronisiert. Haken Sie mindestens einen an.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Create Order</source>
        <translation>Order anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For paid order: the Salesforce Order is created when the Magento order is invoiced. For every order: as soon as it is placed. No: Salesforce Orders are not created.</source>
        <translation>Für bezahlte Bestellungen: Die Salesforce-Order wird angelegt, sobald die Magento-Bestellung in Rechnung gestellt ist. Für jede Bestellung: sobald sie aufgegeben wird. Nein: Es werden keine Salesforce-Orders angelegt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For paid order</source>
        <translation>Für bezahlte Bestellungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>For every order</source>
        <translation>Für jede Bestellung</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Create Opportunity</source>
        <translation>Opportunity anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For every order: an Opportunity is created for each synchronized order. No: no Opportunities.</source>
        <translation>Für jede Bestellung: Zu jeder synchronisierten Bestellung wird eine Opportunity angelegt. Nein: keine Opportunities.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sales Cycle Length (days)</source>
        <translation>Länge des Verkaufszyklus (Tage)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of days: the Opportunity&apos;s Close Date is the order&apos;s creation date plus this many days.</source>
        <translation>Anzahl Tage: Das Abschlussdatum (Close Date) der Opportunity ist das Erstellungsdatum der Bestellung plus so viele Tage.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Opportunity stage set when Magento needs to make updates, for example Prospecting.</source>
        <translation>Die Opportunity-Phase, die gesetzt wird, wenn Magento Änderungen vornehmen muss, zum Beispiel Prospecting.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Opportunity stage set when the order is paid in Magento, for example Needs Analysis.</source>
        <translation>Die Opportunity-Phase, die gesetzt wird, wenn die Bestellung in Magento bezahlt ist, zum Beispiel Needs Analysis.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Opportunity stage set when the checkout process begins, for example Qualification.</source>
        <translation>Die Opportunity-Phase, die gesetzt wird, wenn der Bestellvorgang beginnt, zum Beispiel Qualification.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yes: a product missing in Salesforce is created with its price book entry. No: the order is not synchronized and its error names the missing SKU.</source>
        <translation>Ja: Ein in Salesforce fehlendes Produkt wird mit seinem Preisbucheintrag angelegt. Nein: Die Bestellung wird nicht synchronisiert, und ihr Fehler nennt die fehlende SKU.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How often a failed order is retried before it stays in Error; Sync with Salesforce retries it by hand.</source>
        <translation>Wie oft eine fehlgeschlagene Bestellung wiederholt wird, bevor sie im Status Fehler bleibt; „Mit Salesforce synchronisieren“ wiederholt sie von Hand.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The share of the daily Salesforce API allowance the sync engine may use; beyond it, it waits for the next day.</source>
        <translation>Der Anteil des täglichen Salesforce-API-Kontingents, den die Synchronisierung nutzen darf; darüber hinaus wartet sie bis zum nächsten Tag.</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Opportunity stage for a new order</source>
        <translation>Opportunity-Phase für eine neue Bestellung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opportunity stage for a converted order</source>
        <translation>Opportunity-Phase für eine umgewandelte Bestellung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opportunity stage for a cart</source>
        <translation>Opportunity-Phase für einen Warenkorb</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price book name</source>
        <translation>Name des Preisbuchs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Salesforce price book whose entries the order products use.</source>
        <translation>Das Salesforce-Preisbuch, dessen Einträge die Bestellpositionen verwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create missing products</source>
        <translation>Fehlende Produkte anlegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Polling interval (seconds)</source>
        <translation>Abfrageintervall (Sekunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often the sync engine asks Magento for new and changed orders.</source>
        <translation>Wie oft die Synchronisierung Magento nach neuen und geänderten Bestellungen fragt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records sent to Salesforce in one request (at most 200, the Composite API limit).</source>
        <translation>Datensätze, die in einer Anfrage an Salesforce gesendet werden (höchstens 200, die Grenze der Composite API).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum attempts per order</source>
        <translation>Höchstzahl der Versuche je Bestellung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API share (%)</source>
        <translation>API-Anteil (%)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No store is open, so the configuration cannot be read.</source>
        <translation>Es ist kein Datenspeicher geöffnet, daher kann die Konfiguration nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+76"/>
        <source>Open a profile first.</source>
        <translation>Öffnen Sie zuerst ein Profil.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>No store is open, so the configuration cannot be saved.</source>
        <translation>Es ist kein Datenspeicher geöffnet, daher kann die Konfiguration nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Orders configuration saved.</source>
        <translation>Bestellkonfiguration gespeichert.</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../ui/orderspage.cpp" line="+39"/>
        <source>Sales Orders</source>
        <translation>Verkaufsbestellungen</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+67"/>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Orders toolbar</source>
        <translation>Werkzeugleiste Bestellungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search by order number, e-mail or name</source>
        <translation>Nach Bestellnummer, E-Mail oder Name suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search orders</source>
        <translation>Bestellungen durchsuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows the orders whose number, customer e-mail or bill-to name starts with the text</source>
        <translation>Zeigt die Bestellungen, deren Nummer, Kunden-E-Mail oder Rechnungsname mit dem Text beginnt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Filter by Magento status</source>
        <translation>Nach Magento-Status filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Magento order status</source>
        <translation>Magento-Bestellstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter by Salesforce sync status</source>
        <translation>Nach Salesforce-Synchronisierungsstatus filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce sync status</source>
        <translation>Salesforce-Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any sync status</source>
        <translation>Jeder Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sync with Salesforce</source>
        <translation>Mit Salesforce synchronisieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Synchronize the selected orders with Salesforce now (Ctrl+Shift+S)</source>
        <translation>Die ausgewählten Bestellungen jetzt mit Salesforce synchronisieren (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read the orders from the store again</source>
        <translation>Die Bestellungen erneut aus dem Speicher lesen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open in Salesforce</source>
        <translation>In Salesforce öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the current order&apos;s Salesforce Order in the browser</source>
        <translation>Die Salesforce-Bestellung der aktuellen Bestellung im Browser öffnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Orders of the Magento store with their Salesforce sync status</source>
        <translation>Bestellungen des Magento-Shops mit ihrem Salesforce-Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+3"/>
        <source>Sync progress</source>
        <translation>Synchronisierungsfortschritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the sync</source>
        <translation>Synchronisierung abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the batch in flight</source>
        <translation>Nach dem laufenden Stapel anhalten</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Orders selected: %1. Select at most %2 at a time, or run a backfill from the command line.</source>
        <translation>Ausgewählte Bestellungen: %1. Wählen Sie höchstens %2 auf einmal oder starten Sie einen Backfill über die Kommandozeile.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending orders to Salesforce (%1)…</source>
        <translation>Bestellungen werden an Salesforce gesendet (%1)…</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>No web browser could be started for %1.</source>
        <translation>Für %1 konnte kein Webbrowser gestartet werden.</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>The sync engine cannot take requests; restart OrderBridge.</source>
        <translation>Die Synchronisierung nimmt keine Aufträge an; starten Sie OrderBridge neu.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cancelling after the batch in flight…</source>
        <translation>Abbruch nach dem laufenden Stapel…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Synced %1 of %2</source>
        <translation>%1 von %2 synchronisiert</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Sync finished: %1 in sync, %2 out of sync, %3 skipped, %4 errors.</source>
        <translation>Synchronisierung beendet: %1 synchron, %2 nicht synchron, %3 übersprungen, %4 Fehler.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The Salesforce instance URL is not known yet; test the connection under Salesforce › Connection.</source>
        <translation>Die Salesforce-Instanz-URL ist noch nicht bekannt; testen Sie die Verbindung unter Salesforce › Verbindung.</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <location filename="../ui/orderstablemodel.cpp" line="+154"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purchase Date</source>
        <translation>Kaufdatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill-to Name</source>
        <translation>Rechnungsname</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grand Total</source>
        <translation>Gesamtsumme</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce Order ID</source>
        <translation>Salesforce-Bestell-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce Sync Status</source>
        <translation>Salesforce-Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+139"/>
        <location line="+27"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Pending Payment</source>
        <translation>Zahlung ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment Review</source>
        <translation>Zahlungsprüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Processing</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspected Fraud</source>
        <translation>Betrugsverdacht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On Hold</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canceled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>In Sync</source>
        <translation>Synchron</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Out of Sync</source>
        <translation>Nicht synchron</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
</context>
<context>
    <name>SyncStatusDelegate</name>
    <message>
        <location filename="../ui/syncstatusdelegate.cpp" line="+81"/>
        <source>Open the Salesforce Order in the browser</source>
        <translation>Die Salesforce-Bestellung im Browser öffnen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error %1: %2</source>
        <translation>Fehler %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix: %1</source>
        <translation>Lösung: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In Sync: the Salesforce Order matches the Magento order.</source>
        <translation>Synchron: Die Salesforce-Bestellung entspricht der Magento-Bestellung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pending: waiting for the next synchronization.</source>
        <translation>Ausstehend: wartet auf die nächste Synchronisierung.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+55"/>
        <source>Keeps a Magento 2 store&apos;s orders in Salesforce.</source>
        <translation>Hält die Bestellungen eines Magento-2-Shops in Salesforce aktuell.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start on the built-in demo (a sandbox store and org).</source>
        <translation>Mit der eingebauten Demo starten (ein Sandbox-Shop und eine Sandbox-Org).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the database in this folder.</source>
        <translation>Die Datenbank in diesem Ordner führen.</translation>
    </message>
</context>
</TS>
