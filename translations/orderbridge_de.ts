<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AddMappingDialog</name>
    <message>
        <location filename="../ui/mapping/addmappingdialog.cpp" line="+41"/>
        <source>create, update</source>
        <translation>erstellen, aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>create only</source>
        <translation>nur erstellen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>update only</source>
        <translation>nur aktualisieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>createable</source>
        <translation>erstellbar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not createable</source>
        <translation>nicht erstellbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>updateable</source>
        <translation>aktualisierbar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not updateable</source>
        <translation>nicht aktualisierbar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add Order Status mapping</source>
        <translation>Auftragsstatus-Zuordnung hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add new mapping: %1</source>
        <translation>Neue Zuordnung hinzufügen: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Magento Status</source>
        <translation>Magento-Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Magento Attribute</source>
        <translation>Magento-Attribut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Magento order status code, e.g. processing.</source>
        <translation>Der Code des Magento-Bestellstatus, z. B. processing.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A Magento order attribute, or any path into the order JSON such as billing_address.street[0] or custom_attributes.gift_message.</source>
        <translation>Ein Attribut der Magento-Bestellung oder ein beliebiger Pfad im Bestell-JSON, etwa billing_address.street[0] oder custom_attributes.gift_message.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>processing</source>
        <translation>processing</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>billing_address.city</source>
        <translation>billing_address.city</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Magento Status:</source>
        <translation>&amp;Magento-Status:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Magento Attribute:</source>
        <translation>&amp;Magento-Attribut:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Can be</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Salesforce fields</source>
        <translation>Salesforce-Felder</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Salesforce Order Status</source>
        <translation>Salesforce-Auftragsstatus</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Salesforce Attribute</source>
        <translation>Salesforce-Attribut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The value of the Salesforce Order Status picklist the Magento status becomes.</source>
        <translation>Der Wert der Salesforce-Auswahlliste „Auftragsstatus“ (Order Status), zu dem der Magento-Status wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The %1 field written, by API name; custom fields end in __c.</source>
        <translation>Das %1-Feld, das geschrieben wird, mit seinem API-Namen; benutzerdefinierte Felder enden auf __c.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Salesforce Order Status:</source>
        <translation>&amp;Salesforce-Auftragsstatus:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Salesforce Attribute:</source>
        <translation>&amp;Salesforce-Attribut:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status category</source>
        <translation>Statuskategorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Salesforce field type and access</source>
        <translation>Salesforce-Feldtyp und -Zugriff</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Default Value</source>
        <translation>Standardwert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent when the Magento value is empty.</source>
        <translation>Wird gesendet, wenn der Magento-Wert leer ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Default Value:</source>
        <translation>Stan&amp;dardwert:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Enable:</source>
        <translation>A&amp;ktiviert:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write the value when the record is created and when it is updated.</source>
        <translation>Den Wert schreiben, wenn der Datensatz erstellt und wenn er aktualisiert wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the value only when the record is created.</source>
        <translation>Den Wert nur schreiben, wenn der Datensatz erstellt wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the value only when an existing record is updated.</source>
        <translation>Den Wert nur schreiben, wenn ein vorhandener Datensatz aktualisiert wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;When:</source>
        <translation>&amp;Wann:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Why the mapping was refused</source>
        <translation>Warum die Zuordnung abgelehnt wurde</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add the mapping</source>
        <translation>Zuordnung hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Edit Order Status mapping</source>
        <translation>Auftragsstatus-Zuordnung bearbeiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit mapping: %1</source>
        <translation>Zuordnung bearbeiten: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the mapping</source>
        <translation>Zuordnung speichern</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Category: %1</source>
        <translation>Kategorie: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Status Category: %1</source>
        <translation>Statuskategorie: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not a field of %1</source>
        <translation>kein Feld von %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Choose the Magento status to map, e.g. processing.</source>
        <translation>Wählen Sie den zuzuordnenden Magento-Status, z. B. processing.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the Salesforce Order Status the Magento status becomes.</source>
        <translation>Wählen Sie den Salesforce-Auftragsstatus, zu dem der Magento-Status wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a Magento attribute, or type a path such as billing_address.city.</source>
        <translation>Wählen Sie ein Magento-Attribut oder geben Sie einen Pfad wie billing_address.city ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a Magento attribute path: %2 Write a path such as billing_address.street[0].</source>
        <translation>„%1“ ist kein Magento-Attributpfad: %2 Schreiben Sie einen Pfad wie billing_address.street[0].</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the Salesforce attribute the value goes into.</source>
        <translation>Wählen Sie das Salesforce-Attribut, in das der Wert geschrieben wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has no field &quot;%2&quot;; choose one from the list (custom fields end in __c, and need read access for the integration user).</source>
        <translation>%1 hat kein Feld „%2“; wählen Sie eines aus der Liste (benutzerdefinierte Felder enden auf __c und benötigen Lesezugriff für den Integrationsbenutzer).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has the type %2, which a mapping cannot write; choose another field.</source>
        <translation>%1 hat den Typ %2, den eine Zuordnung nicht schreiben kann; wählen Sie ein anderes Feld.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not createable, so Insert Only would never write it; choose Update Only.</source>
        <translation>%1 ist nicht erstellbar, daher würde „Insert Only“ es nie schreiben; wählen Sie „Update Only“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not updateable, so Update Only would never write it; choose Insert Only.</source>
        <translation>%1 ist nicht aktualisierbar, daher würde „Update Only“ es nie schreiben; wählen Sie „Insert Only“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is read-only in Salesforce; no mapping can write it.</source>
        <translation>%1 ist in Salesforce schreibgeschützt; keine Zuordnung kann es schreiben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upsert writes on insert and update, but %1 is not updateable; choose Insert Only.</source>
        <translation>„Upsert“ schreibt beim Erstellen und beim Aktualisieren, aber %1 ist nicht aktualisierbar; wählen Sie „Insert Only“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upsert writes on insert and update, but %1 is not createable; choose Update Only.</source>
        <translation>„Upsert“ schreibt beim Erstellen und beim Aktualisieren, aber %1 ist nicht erstellbar; wählen Sie „Update Only“.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 already exists; change that mapping instead of adding another.</source>
        <translation>%1 ist bereits vorhanden; ändern Sie diese Zuordnung, statt eine weitere hinzuzufügen.</translation>
    </message>
</context>
<context>
    <name>AttemptHistoryModel</name>
    <message>
        <location filename="../ui/orders/attempthistorymodel.cpp" line="+61"/>
        <source>%1
Fields: %2</source>
        <translation>%1
Felder: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error Code</source>
        <translation>Fehlercode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The sync history of order %1 cannot be read: %2. Check that the data folder is readable, or restart OrderBridge.</source>
        <translation>Der Synchronisierungsverlauf der Bestellung %1 kann nicht gelesen werden: %2. Prüfen Sie, ob der Datenordner lesbar ist, oder starten Sie OrderBridge neu.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
</context>
<context>
    <name>BackfillDialog</name>
    <message>
        <location filename="../ui/orders/backfilldialog.cpp" line="+20"/>
        <source>Backfill from date</source>
        <translation>Nachholen ab Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queues and syncs the Magento orders created since the chosen date (UTC), including those created before &quot;Synchronize orders created since&quot;; that setting then moves back to the date, so their later changes are followed too.</source>
        <translation>Stellt die seit dem gewählten Datum (UTC) angelegten Magento-Bestellungen in die Warteschlange und synchronisiert sie, auch die vor „Bestellungen synchronisieren, angelegt seit“; diese Einstellung rückt dann auf das Datum zurück, sodass auch ihre späteren Änderungen folgen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Backfill orders created since</source>
        <translation>Bestellungen nachholen, angelegt seit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Orders created &amp;since:</source>
        <translation>Bestellungen angelegt &amp;seit:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Backfill</source>
        <translation>&amp;Nachholen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Counting the orders…</source>
        <translation>Bestellungen werden gezählt…</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n order(s) created since %1.</source>
        <translation>
            <numerusform>%n Bestellung seit %1 erstellt.</numerusform>
            <numerusform>%n Bestellungen seit %1 erstellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Syncing them takes about %n Salesforce API call(s).</source>
        <translation>
            <numerusform>Die Synchronisierung braucht etwa %n Salesforce-API-Aufruf.</numerusform>
            <numerusform>Die Synchronisierung braucht etwa %n Salesforce-API-Aufrufe.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The preview failed: %1</source>
        <translation>Die Vorschau ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>CaCertificates</name>
    <message>
        <location filename="../core/network/cacertificates.cpp" line="+25"/>
        <source>The Magento CA certificate file</source>
        <translation>Die CA-Zertifikatsdatei für Magento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Salesforce CA certificate file</source>
        <translation>Die CA-Zertifikatsdatei für Salesforce</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Connection › Magento › CA certificate file; orderbridge-cli connect magento --ca-file FILE</source>
        <translation>Verbindung › Magento › CA-Zertifikatsdatei; orderbridge-cli connect magento --ca-file DATEI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection › Salesforce › CA certificate file; orderbridge-cli connect salesforce --ca-file FILE</source>
        <translation>Verbindung › Salesforce › CA-Zertifikatsdatei; orderbridge-cli connect salesforce --ca-file DATEI</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the path of the PEM file of the certificate authority that signed the server&apos;s certificate, or leave the field empty to trust the system&apos;s certificates only (%1).</source>
        <translation>Geben Sie den Pfad der PEM-Datei der Zertifizierungsstelle ein, die das Zertifikat des Servers signiert hat, oder lassen Sie das Feld leer, um nur den Zertifikaten des Systems zu vertrauen (%1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 &quot;%2&quot; does not exist.</source>
        <translation>%1 „%2“ existiert nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 &quot;%2&quot; is not a file.</source>
        <translation>%1 „%2“ ist keine Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 &quot;%2&quot; cannot be read: %3</source>
        <translation>%1 „%2“ kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is larger than 4 MB</source>
        <translation>sie ist größer als 4 MB</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 &quot;%2&quot; is a DER (binary) certificate, not PEM.</source>
        <translation>%1 „%2“ ist ein DER-Zertifikat (binär), kein PEM.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Convert it with: openssl x509 -inform der -in &quot;%1&quot; -out ca.pem, then enter ca.pem (%2).</source>
        <translation>Wandeln Sie es mit „openssl x509 -inform der -in &quot;%1&quot; -out ca.pem“ um und geben Sie dann ca.pem ein (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 &quot;%2&quot; holds no PEM certificate (no &quot;-----BEGIN CERTIFICATE-----&quot; block).</source>
        <translation>%1 „%2“ enthält kein PEM-Zertifikat (keinen Block „-----BEGIN CERTIFICATE-----“).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 &quot;%2&quot; holds only expired certificates (the last expired on %3).</source>
        <translation>%1 „%2“ enthält nur abgelaufene Zertifikate (das letzte lief am %3 ab).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Get the certificate authority&apos;s current certificate and enter its file (%1).</source>
        <translation>Besorgen Sie das aktuelle Zertifikat der Zertifizierungsstelle und geben Sie dessen Datei ein (%1).</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The certificate of %1 (%2) is not trusted (%3).</source>
        <translation>Dem Zertifikat von %1 (%2) wird nicht vertraut (%3).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If the server&apos;s certificate comes from a private or self-signed certificate authority, enter that authority&apos;s PEM file as the CA certificate file (%1); the system&apos;s certificates stay trusted too.</source>
        <translation>Stammt das Zertifikat des Servers von einer privaten oder selbstsignierten Zertifizierungsstelle, geben Sie deren PEM-Datei als CA-Zertifikatsdatei ein (%1); den Zertifikaten des Systems wird weiterhin vertraut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secure connection to %1 (%2) failed (%3).</source>
        <translation>Die sichere Verbindung zu %1 (%2) ist fehlgeschlagen (%3).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server&apos;s TLS certificate (its host name and dates) and the address (http or https).</source>
        <translation>Prüfen Sie das TLS-Zertifikat des Servers (Hostname und Gültigkeitsdaten) und die Adresse (http oder https).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trusted certificates: system certificates only.</source>
        <translation>Vertrauenswürdige Zertifikate: nur die des Systems.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted certificates: the system&apos;s and %1.</source>
        <translation>Vertrauenswürdige Zertifikate: die des Systems und %1.</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <location filename="../ui/settings/connectionpage.cpp" line="+102"/>
        <source>Salesforce › Connection</source>
        <translation>Salesforce › Verbindung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connection error</source>
        <translation>Verbindungsfehler</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Connection settings</source>
        <translation>Verbindungseinstellungen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the connection</source>
        <translation>Verbindung speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the connection settings and store them; secrets go to the keychain (Ctrl+S)</source>
        <translation>Die Verbindungseinstellungen prüfen und speichern; Geheimnisse kommen in den Schlüsselbund (Strg+S)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Magento</source>
        <translation>Magento</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Store &amp;URL:</source>
        <translation>Shop-&amp;URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The store&apos;s base URL, e.g. https://shop.example.com</source>
        <translation>Die Basis-URL des Shops, z. B. https://shop.example.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store co&amp;de:</source>
        <translation>Store-&amp;Code:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The store view whose orders are read; &quot;default&quot; for the default store view</source>
        <translation>Die Store-Ansicht, deren Bestellungen gelesen werden; „default“ für die Standard-Store-Ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+104"/>
        <source>CA certificate file:</source>
        <translation>CA-Zertifikatsdatei:</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>A PEM file of the certificate authority that signed the store&apos;s certificate, when it is a private or self-signed one; the system&apos;s certificates stay trusted. Empty: the system&apos;s certificates only</source>
        <translation>Eine PEM-Datei der Zertifizierungsstelle, die das Zertifikat des Shops signiert hat, wenn diese privat oder selbstsigniert ist; den Zertifikaten des Systems wird weiterhin vertraut. Leer: nur die Zertifikate des Systems</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+104"/>
        <source>System certificates only</source>
        <translation>Nur Zertifikate des Systems</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Magento sign-in</source>
        <translation>Magento-Anmeldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Integration token (Bearer)</source>
        <translation>Integrationstoken (Bearer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin user (admin token)</source>
        <translation>Admin-Benutzer (Admin-Token)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth 1.0a keys</source>
        <translation>OAuth-1.0a-Schlüssel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Si&amp;gn in with:</source>
        <translation>An&amp;melden mit:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Access to&amp;ken:</source>
        <translation>&amp;Zugriffstoken:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The integration&apos;s access token (System › Integrations)</source>
        <translation>Das Access Token der Integration (System › Integrationen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin user na&amp;me:</source>
        <translation>Admin-B&amp;enutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The admin user OrderBridge signs in as</source>
        <translation>Der Admin-Benutzer, als der sich OrderBridge anmeldet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Admin passwo&amp;rd:</source>
        <translation>Admin-Pass&amp;wort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The admin user&apos;s password</source>
        <translation>Das Passwort des Admin-Benutzers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consumer &amp;key:</source>
        <translation>Consumer Ke&amp;y:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The integration&apos;s consumer key</source>
        <translation>Der Consumer Key der Integration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consumer s&amp;ecret:</source>
        <translation>C&amp;onsumer Secret:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The integration&apos;s consumer secret</source>
        <translation>Das Consumer Secret der Integration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access t&amp;oken:</source>
        <translation>Acc&amp;ess Token:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The integration&apos;s access token</source>
        <translation>Das Access Token der Integration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access token sec&amp;ret:</source>
        <translation>Access To&amp;ken Secret:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The integration&apos;s access token secret</source>
        <translation>Das Access Token Secret der Integration</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Salesforce</source>
        <translation>Salesforce</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Salesforce environment</source>
        <translation>Salesforce-Umgebung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production (login.salesforce.com)</source>
        <translation>Produktion (login.salesforce.com)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox (test.salesforce.com)</source>
        <translation>Sandbox (test.salesforce.com)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom domain</source>
        <translation>Eigene Domäne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where to sign in: production, a sandbox, or the org&apos;s My Domain address</source>
        <translation>Wo die Anmeldung erfolgt: Produktion, eine Sandbox oder die My-Domain-Adresse der Org</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>En&amp;vironment:</source>
        <translation>Um&amp;gebung:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Login URL:</source>
        <translation>&amp;Login-URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in address, e.g. https://mycompany.my.salesforce.com</source>
        <translation>Die Anmeldeadresse, z. B. https://mycompany.my.salesforce.com</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Consumer ke&amp;y (client ID):</source>
        <translation>Verbraucherschl&amp;üssel (Client-ID):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connected app&apos;s consumer key</source>
        <translation>Der Verbraucherschlüssel (Consumer Key) der verbundenen App</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Salesforce sign-in</source>
        <translation>Salesforce-Anmeldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browser sign-in (PKCE)</source>
        <translation>Anmeldung im Browser (PKCE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Username and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JWT bearer (key file)</source>
        <translation>JWT-Bearer (Schlüsseldatei)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browser sign-in: you sign in once in the system browser; OrderBridge keeps the refresh token. Username and password: the password with the security token. JWT bearer: the connected app&apos;s certificate key; the app must be pre-authorized for the user.</source>
        <translation>Anmeldung im Browser: Sie melden sich einmal im Systembrowser an; OrderBridge behält das Aktualisierungstoken. Benutzername und Passwort: das Passwort mit dem Sicherheitstoken. JWT-Bearer: der Schlüssel zum Zertifikat der verbundenen App; die App muss für den Benutzer vorab autorisiert sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign in &amp;with:</source>
        <translation>A&amp;nmeldeverfahren:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>User&amp;name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Salesforce user OrderBridge works as, e.g. integration@example.com</source>
        <translation>Der Salesforce-Benutzer, als der OrderBridge arbeitet, z. B. integration@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;API version:</source>
        <translation>AP&amp;I-Version:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The REST API version, e.g. 62.0; empty for OrderBridge&apos;s default</source>
        <translation>Die Version der REST-API, z. B. 62.0; leer für die Standardversion von OrderBridge</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A PEM file of the certificate authority that signed the org&apos;s certificates, when it is a private one (e.g. a TLS-inspecting proxy); the system&apos;s certificates stay trusted. Empty: the system&apos;s certificates only</source>
        <translation>Eine PEM-Datei der Zertifizierungsstelle, die die Zertifikate der Org signiert hat, wenn diese privat ist (z. B. ein TLS-prüfender Proxy); den Zertifikaten des Systems wird weiterhin vertraut. Leer: nur die Zertifikate des Systems</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Consumer secret:</source>
        <translation>&amp;Verbrauchergeheimnis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connected app&apos;s consumer secret (optional for browser sign-in when the app does not require it)</source>
        <translation>Das Verbrauchergeheimnis (Consumer Secret) der verbundenen App (bei der Anmeldung im Browser optional, wenn die App es nicht verlangt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user&apos;s password</source>
        <translation>Das Passwort des Benutzers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secur&amp;ity token:</source>
        <translation>Siche&amp;rheitstoken:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user&apos;s security token (empty when the network is trusted); kept together with the password</source>
        <translation>Das Sicherheitstoken des Benutzers (leer, wenn das Netzwerk vertrauenswürdig ist); wird zusammen mit dem Passwort aufbewahrt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Private key file</source>
        <translation>Private Schlüsseldatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PEM private key of the connected app&apos;s certificate; it is read when you save and kept in the keychain</source>
        <translation>Der private PEM-Schlüssel zum Zertifikat der verbundenen App; er wird beim Speichern gelesen und im Schlüsselbund aufbewahrt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Browse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+229"/>
        <source>Choose the private key file</source>
        <translation>Die private Schlüsseldatei auswählen</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>Private key &amp;file:</source>
        <translation>&amp;Private Schlüsseldatei:</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+561"/>
        <source>Connection test</source>
        <translation>Verbindungstest</translation>
    </message>
    <message>
        <location line="-558"/>
        <location line="+447"/>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location line="-445"/>
        <location line="+446"/>
        <source>Test Connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location line="-445"/>
        <source>Checks in the background: reachability and sign-in of both systems, permissions, the custom fields and the price book the mappings need</source>
        <translation>Prüft im Hintergrund: Erreichbarkeit und Anmeldung beider Systeme, Berechtigungen, die benutzerdefinierten Felder und das Preisbuch, die die Zuordnungen benötigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prepare Salesforce…</source>
        <translation>Salesforce vorbereiten…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+484"/>
        <source>Prepare Salesforce</source>
        <translation>Salesforce vorbereiten</translation>
    </message>
    <message>
        <location line="-483"/>
        <source>Compares the org with what the mappings need and, when you agree, creates the missing custom fields and the permission set &quot;OrderBridge Integration&quot;</source>
        <translation>Vergleicht die Org mit dem, was die Zuordnungen brauchen, und legt mit Ihrer Zustimmung die fehlenden benutzerdefinierten Felder und den Berechtigungssatz &quot;OrderBridge Integration&quot; an</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Testing the connection</source>
        <translation>Verbindung wird getestet</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+442"/>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <location line="-437"/>
        <source>Connection test results</source>
        <translation>Ergebnisse des Verbindungstests</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail or fix</source>
        <translation>Detail oder Lösung</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Key stored in keychain; choose a file to replace it</source>
        <translation>Schlüssel im Schlüsselbund gespeichert; wählen Sie eine Datei, um ihn zu ersetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored in keychain; leave empty to keep</source>
        <translation>Im Schlüsselbund gespeichert; leer lassen, um den Wert zu behalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not stored</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>PEM keys (*.pem *.key);;All files (*)</source>
        <translation>PEM-Schlüssel (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 is needed for this sign-in and none is stored.</source>
        <translation>%1 wird für diese Anmeldung benötigt, ist aber nicht gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type it in the %1 field.</source>
        <translation>Tragen Sie den Wert ein (%1).</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+8"/>
        <source>The access token</source>
        <translation>Das Access Token</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The admin user name</source>
        <translation>Der Admin-Benutzername</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The admin password</source>
        <translation>Das Admin-Passwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The consumer key</source>
        <translation>Der Consumer Key</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>The consumer secret</source>
        <translation>Das Consumer Secret</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>The access token secret</source>
        <translation>Das Access Token Secret</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>A security token was typed without the password.</source>
        <translation>Ein Sicherheitstoken wurde ohne das Passwort eingegeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the password too: the keychain keeps them together.</source>
        <translation>Geben Sie auch das Passwort ein: Der Schlüsselbund bewahrt beide zusammen auf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The password is needed for this sign-in and none is stored.</source>
        <translation>Für diese Anmeldung wird das Passwort benötigt, und es ist keines gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the password and, unless the network is trusted, the security token.</source>
        <translation>Geben Sie das Passwort und, sofern das Netzwerk nicht vertrauenswürdig ist, das Sicherheitstoken ein.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the PEM key file of the connected app&apos;s certificate.</source>
        <translation>Wählen Sie die PEM-Schlüsseldatei zum Zertifikat der verbundenen App.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is not a PEM private key.</source>
        <translation>%1 ist kein privater PEM-Schlüssel.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the key file that starts with -----BEGIN PRIVATE KEY-----.</source>
        <translation>Wählen Sie die Schlüsseldatei, die mit -----BEGIN PRIVATE KEY----- beginnt.</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>JWT bearer needs the private key and none is stored.</source>
        <translation>JWT-Bearer benötigt den privaten Schlüssel, und es ist keiner gespeichert.</translation>
    </message>
    <message>
        <location line="-550"/>
        <source>Unsaved changes: Save and Test stores them, then tests the connection.</source>
        <translation>Nicht gespeicherte Änderungen: „Speichern und testen“ speichert sie und testet dann die Verbindung.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>OAuth 1.0a: the integration&apos;s four keys, every request signed; works with a stock Magento 2.4 store. Integration token: the integration&apos;s access token sent as a Bearer token; since 2.4.4 only when the store&apos;s &quot;Allow OAuth Access Tokens to be used as standalone Bearer tokens&quot; is Yes. Admin user: an admin&apos;s user name and password exchanged for an admin token; refused while two-factor authentication is on, as it is by default. Test Connection explains a refusal.</source>
        <translation>OAuth 1.0a: die vier Schlüssel der Integration, jede Anfrage signiert; funktioniert mit einem Magento 2.4 im Auslieferungszustand. Integrations-Token: das Zugriffstoken der Integration als Bearer-Token; seit 2.4.4 nur, wenn im Shop „Allow OAuth Access Tokens to be used as standalone Bearer tokens“ auf Ja steht. Admin-Benutzer: Benutzername und Passwort eines Admins gegen ein Admin-Token getauscht; abgelehnt, solange die Zwei-Faktor-Authentifizierung an ist, wie es die Voreinstellung ist. „Verbindung testen“ erklärt eine Ablehnung.</translation>
    </message>
    <message>
        <location line="+464"/>
        <source>The private key file</source>
        <translation>Die Datei mit dem privaten Schlüssel</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Saving the connection…</source>
        <translation>Verbindung wird gespeichert…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The connection is saved; its secrets are in the keychain.</source>
        <translation>Die Verbindung ist gespeichert; ihre Geheimnisse liegen im Schlüsselbund.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Orders created before %1 are left alone, so the first sync does not bring the store&apos;s history into Salesforce (Orders configuration › Synchronize orders created since). To bring older orders in, use Orders › Backfill from date… (or orderbridge-cli sync --since DATE).</source>
        <translation>Vor %1 angelegte Bestellungen bleiben unberührt, damit die erste Synchronisierung nicht die ganze Vergangenheit des Shops nach Salesforce bringt (Bestellkonfiguration › Bestellungen synchronisieren, angelegt seit). Ältere Bestellungen holen Sie mit Bestellungen › Nachholen ab Datum… (oder orderbridge-cli sync --since DATUM).</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The connection was not saved: %1</source>
        <translation>Die Verbindung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save and &amp;Test</source>
        <translation>Speichern und &amp;testen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and Test</source>
        <translation>Speichern und testen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Comparing the Salesforce org with what the mappings need…</source>
        <translation>Die Salesforce-Org wird mit dem verglichen, was die Zuordnungen brauchen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Salesforce is ready for the sync.</source>
        <translation>Salesforce ist bereit für die Synchronisierung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Salesforce is not ready yet: see the failed lines.</source>
        <translation>Salesforce ist noch nicht bereit: siehe die fehlgeschlagenen Zeilen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Create what is missing in Salesforce? The custom fields are created and the permission set &quot;OrderBridge Integration&quot; grants them to the integration user. Items that need a person (price book, statuses) stay listed.</source>
        <translation>Fehlendes in Salesforce anlegen? Die benutzerdefinierten Felder werden angelegt, und der Berechtigungssatz &quot;OrderBridge Integration&quot; gibt sie dem Integrationsbenutzer frei. Punkte, die eine Person erledigen muss (Preisbuch, Status), bleiben aufgeführt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Preparing Salesforce…</source>
        <translation>Salesforce wird vorbereitet…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+28"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>%1: OK</source>
        <translation>%1: OK</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: failed</source>
        <translation>%1: fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The connection test reported nothing.</source>
        <translation>Der Verbindungstest hat nichts gemeldet.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Connection test passed: %n check(s) OK.</source>
        <translation>
            <numerusform>Verbindungstest bestanden: %n Prüfung OK.</numerusform>
            <numerusform>Verbindungstest bestanden: %n Prüfungen OK.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Connection test: %n check(s) failed.</source>
        <translation>
            <numerusform>Verbindungstest: %n Prüfung fehlgeschlagen.</numerusform>
            <numerusform>Verbindungstest: %n Prüfungen fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The connection test could not run: %1</source>
        <translation>Der Verbindungstest konnte nicht ausgeführt werden: %1</translation>
    </message>
</context>
<context>
    <name>ConnectionProfileValidator</name>
    <message>
        <location filename="../core/settings/connectionprofilevalidator.cpp" line="+25"/>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter the address, e.g. %1.</source>
        <translation>Geben Sie die Adresse ein, z. B. %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 &quot;%2&quot; has no scheme.</source>
        <translation>%1 „%2“ hat kein Schema.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write it with https://, as https://%1.</source>
        <translation>Schreiben Sie sie mit https://, also https://%1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>%1 &quot;%2&quot; is not a web address.</source>
        <translation>%1 „%2“ ist keine Webadresse.</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Enter it as %1.</source>
        <translation>Geben Sie sie als %1 ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 &quot;%2&quot; must use https.</source>
        <translation>%1 „%2“ muss https verwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain http is accepted only for this computer (localhost, 127.0.0.1, ::1); write https://%1.</source>
        <translation>Einfaches http wird nur für diesen Computer akzeptiert (localhost, 127.0.0.1, ::1); schreiben Sie https://%1.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The connection has no name.</source>
        <translation>Die Verbindung hat keinen Namen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Give it a name, for example &quot;default&quot;.</source>
        <translation>Geben Sie ihr einen Namen, zum Beispiel „default“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The store URL</source>
        <translation>Die Shop-URL</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The store code &quot;%1&quot; is not a Magento store code.</source>
        <translation>Der Store-Code „%1“ ist kein Magento-Store-Code.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the code from Stores › All Stores: letters, digits and _, starting with a letter.</source>
        <translation>Verwenden Sie den Code aus Stores › Alle Stores: Buchstaben, Ziffern und _, beginnend mit einem Buchstaben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Magento authentication mode is not one OrderBridge knows.</source>
        <translation>OrderBridge kennt diese Magento-Authentifizierungsart nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an integration token, an admin user or OAuth 1.0a keys.</source>
        <translation>Wählen Sie ein Integrationstoken, einen Admin-Benutzer oder OAuth-1.0a-Schlüssel.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The Salesforce login URL</source>
        <translation>Die Salesforce-Login-URL</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The Salesforce sign-in flow is not one OrderBridge knows.</source>
        <translation>OrderBridge kennt dieses Salesforce-Anmeldeverfahren nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose browser sign-in, username and password, or a JWT key file.</source>
        <translation>Wählen Sie die Anmeldung im Browser, Benutzername und Passwort oder eine JWT-Schlüsseldatei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The consumer key (client ID) is missing.</source>
        <translation>Der Verbraucherschlüssel (Client-ID) fehlt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy it from the connected app (Setup › App Manager › View › Manage Consumer Details).</source>
        <translation>Kopieren Sie ihn aus der verbundenen App (Setup › App-Manager › Anzeigen › Verbraucherdetails verwalten).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This sign-in needs the Salesforce username.</source>
        <translation>Diese Anmeldung benötigt den Salesforce-Benutzernamen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the user&apos;s username, e.g. integration@example.com.</source>
        <translation>Geben Sie den Benutzernamen des Benutzers ein, z. B. integration@example.com.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a Salesforce API version.</source>
        <translation>„%1“ ist keine Salesforce-API-Version.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write it like 62.0, or leave it empty for OrderBridge&apos;s default.</source>
        <translation>Schreiben Sie sie wie 62.0 oder lassen Sie sie leer für die Standardversion von OrderBridge.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is not a Magento authentication mode.</source>
        <translation>„%1“ ist keine Magento-Authentifizierungsart.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use integration_bearer, admin_token or oauth1.</source>
        <translation>Verwenden Sie integration_bearer, admin_token oder oauth1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;%1&quot; is not a Salesforce sign-in flow.</source>
        <translation>„%1“ ist kein Salesforce-Anmeldeverfahren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use web_server, username_password or jwt_bearer.</source>
        <translation>Verwenden Sie web_server, username_password oder jwt_bearer.</translation>
    </message>
</context>
<context>
    <name>DataFolderLock</name>
    <message>
        <location filename="../core/store/datafolderlock.cpp" line="+50"/>
        <source>The data folder %1 cannot be created.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the permissions of its parent folder or choose another data folder with --data-dir.</source>
        <translation>Prüfen Sie die Berechtigungen des übergeordneten Ordners oder wählen Sie mit --data-dir einen anderen Datenordner.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The data folder %1 cannot be locked: the lock file %2 cannot be written.</source>
        <translation>Der Datenordner %1 kann nicht gesperrt werden: Die Sperrdatei %2 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the data folder is writable by you and the disk is not full.</source>
        <translation>Prüfen Sie, ob Sie im Datenordner schreiben dürfen und ob der Datenträger nicht voll ist.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The data folder %1 is in use by another OrderBridge process.</source>
        <translation>Der Datenordner %1 wird von einem anderen OrderBridge-Prozess verwendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait a moment and try again.</source>
        <translation>Warten Sie einen Moment und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an unnamed program</source>
        <translation>einem unbenannten Programm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop that process or wait for it to finish, then try again.</source>
        <translation>Beenden Sie diesen Prozess oder warten Sie, bis er beendet ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If it no longer runs on %1, delete %2.</source>
        <translation>Wenn er auf %1 nicht mehr läuft, löschen Sie %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data folder %1 is in use by %2 (process %3 on %4).</source>
        <translation>Der Datenordner %1 wird von %2 verwendet (Prozess %3 auf %4).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an unknown host</source>
        <translation>einem unbekannten Host</translation>
    </message>
</context>
<context>
    <name>DemoEnvironment</name>
    <message>
        <location filename="../ui/demo/demoenvironment.cpp" line="+135"/>
        <source>next to OrderBridge, in the build tree or on PATH</source>
        <translation>neben OrderBridge, im Build-Verzeichnis oder im PATH</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at %1</source>
        <translation>unter %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The demo cannot start: the sandbox program orderbridge-sandbox was not found %1.</source>
        <translation>Die Demo kann nicht starten: Das Sandbox-Programm orderbridge-sandbox wurde %1 nicht gefunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build it (cmake --build build --target orderbridge-sandbox) or install the complete package, or name it in the environment variable %1.</source>
        <translation>Bauen Sie es (cmake --build build --target orderbridge-sandbox), installieren Sie das vollständige Paket oder geben Sie es in der Umgebungsvariablen %1 an.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demo cannot create its data folder %1.</source>
        <translation>Die Demo kann ihren Datenordner %1 nicht anlegen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+147"/>
        <location line="+53"/>
        <source>Choose a writable folder with --data-dir.</source>
        <translation>Wählen Sie mit --data-dir einen beschreibbaren Ordner.</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>The demo sandbox %1 did not print the expected ready line.</source>
        <translation>Die Demo-Sandbox %1 hat die erwartete Bereit-Zeile nicht ausgegeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+110"/>
        <source>Use the orderbridge-sandbox built with this version of OrderBridge.</source>
        <translation>Verwenden Sie das orderbridge-sandbox, das mit dieser Version von OrderBridge gebaut wurde.</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>The demo sandbox %1 could not be started: %2.</source>
        <translation>Die Demo-Sandbox %1 konnte nicht gestartet werden: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the file is an executable orderbridge-sandbox, or rebuild it.</source>
        <translation>Prüfen Sie, ob die Datei ein ausführbares orderbridge-sandbox ist, oder bauen Sie es neu.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The demo sandbox stopped before it was ready</source>
        <translation>Die Demo-Sandbox wurde beendet, bevor sie bereit war</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The demo sandbox stopped unexpectedly</source>
        <translation>Die Demo-Sandbox wurde unerwartet beendet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The demo sandbox did not report it was ready within %1 seconds.</source>
        <translation>Die Demo-Sandbox hat nicht innerhalb von %1 Sekunden gemeldet, dass sie bereit ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Start the demo again; if it keeps happening, run %1 by hand to see what it reports.</source>
        <translation>Starten Sie die Demo erneut; wenn das wiederholt passiert, führen Sie %1 von Hand aus, um zu sehen, was es meldet.</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: a port it needs is in use (%2).</source>
        <translation>%1: Ein benötigter Port ist belegt (%2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the program using the port (or a demo that is still running) and start the demo again.</source>
        <translation>Schließen Sie das Programm, das den Port verwendet (oder eine noch laufende Demo), und starten Sie die Demo erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1 to start the demo store afresh.</source>
        <translation>Löschen Sie %1, um den Demo-Shop neu aufzusetzen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2).</source>
        <translation>%1 (%2).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The demo has no database to keep its connection in.</source>
        <translation>Die Demo hat keine Datenbank, in der sie ihre Verbindung speichern kann.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The demo sandbox did not say where its store and org are.</source>
        <translation>Die Demo-Sandbox hat nicht mitgeteilt, wo sich ihr Shop und ihre Org befinden.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The demo cannot write its secrets file %1: %2.</source>
        <translation>Die Demo kann ihre Geheimnisdatei %1 nicht schreiben: %2.</translation>
    </message>
</context>
<context>
    <name>DemoStoreClient</name>
    <message>
        <location filename="../ui/demo/demostoreclient.cpp" line="+182"/>
        <source>The cart is empty.</source>
        <translation>Der Warenkorb ist leer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a quantity for at least one product.</source>
        <translation>Geben Sie für mindestens ein Produkt eine Menge an.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The comment is empty.</source>
        <translation>Der Kommentar ist leer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the comment to add.</source>
        <translation>Schreiben Sie den Kommentar, der hinzugefügt werden soll.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The store did not add the comment.</source>
        <translation>Der Shop hat den Kommentar nicht hinzugefügt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload the orders and try again.</source>
        <translation>Laden Sie die Bestellungen neu und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>DemoStorePanel</name>
    <message>
        <location filename="../ui/demo/demostorepanel.cpp" line="+33"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>Suspected Fraud</source>
        <translation>Betrugsverdacht</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Demo Store</source>
        <translation>Demo-Shop</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Place an order</source>
        <translation>Bestellung auf&amp;geben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a quantity for each product to order.</source>
        <translation>Geben Sie für jedes zu bestellende Produkt eine Menge an.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Guest (%1)</source>
        <translation>Gast (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sandbox store takes guest checkouts: the order is placed as a guest with this person&apos;s name, e-mail and address.</source>
        <translation>Der Sandbox-Shop erlaubt Gastbestellungen: Die Bestellung wird als Gast mit Name, E-Mail-Adresse und Anschrift dieser Person aufgegeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;ustomer:</source>
        <translation>K&amp;unde:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Place &amp;Order</source>
        <translation>&amp;Jetzt bestellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place Order</source>
        <translation>Jetzt bestellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks out the chosen products as the storefront does: cart, flat rate shipping, check / money order.</source>
        <translation>Bestellt die gewählten Produkte wie die Storefront: Warenkorb, Versand zum Pauschalpreis, Zahlung per Scheck/Zahlungsanweisung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Configurable products are listed once per size; bundles come with their default options.</source>
        <translation>Konfigurierbare Produkte erscheinen einmal je Größe; Bundles werden mit ihren Standardoptionen bestellt.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Recent orders</source>
        <translation>&amp;Letzte Bestellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recent orders</source>
        <translation>Letzte Bestellungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order #</source>
        <translation>Bestellung #</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bill-to Name</source>
        <translation>Rechnungsname</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grand Total</source>
        <translation>Gesamtsumme</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Invoice</source>
        <translation>&amp;Rechnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoices the selected order (Invoice - Submit Invoice).</source>
        <translation>Stellt die ausgewählte Bestellung in Rechnung (Rechnung – Rechnung übermitteln).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;Comment…</source>
        <translation>Kommentar hinzu&amp;fügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Comment</source>
        <translation>Kommentar hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adds a comment to the selected order&apos;s history (Submit Comment).</source>
        <translation>Fügt dem Verlauf der ausgewählten Bestellung einen Kommentar hinzu (Kommentar übermitteln).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;hip</source>
        <translation>&amp;Versand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ship</source>
        <translation>Versand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ships the selected order (Ship - Submit Shipment).</source>
        <translation>Versendet die ausgewählte Bestellung (Versand – Lieferung übermitteln).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;load</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload products and orders</source>
        <translation>Produkte und Bestellungen neu laden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Demo Store status</source>
        <translation>Status des Demo-Shops</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>%1 (size %2)</source>
        <translation>%1 (Größe %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bundle: ordered with its default options.</source>
        <translation>Bundle: wird mit seinen Standardoptionen bestellt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configurable product, size %1.</source>
        <translation>Konfigurierbares Produkt, Größe %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>by options</source>
        <translation>je nach Optionen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quantity of %1</source>
        <translation>Menge von %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Order %1 placed.</source>
        <translation>Bestellung %1 aufgegeben.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Order %1 invoiced.</source>
        <translation>Bestellung %1 in Rechnung gestellt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comment added to order %1.</source>
        <translation>Kommentar zu Bestellung %1 hinzugefügt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order %1 shipped.</source>
        <translation>Bestellung %1 versendet.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loading the products failed</source>
        <translation>Die Produkte konnten nicht geladen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the orders failed</source>
        <translation>Die Bestellungen konnten nicht geladen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Placing the order failed</source>
        <translation>Die Bestellung konnte nicht aufgegeben werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Invoicing order %1 failed</source>
        <translation>Bestellung %1 konnte nicht in Rechnung gestellt werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adding the comment to order %1 failed</source>
        <translation>Der Kommentar konnte nicht zu Bestellung %1 hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shipping order %1 failed</source>
        <translation>Bestellung %1 konnte nicht versendet werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set a quantity for at least one product, then place the order.</source>
        <translation>Geben Sie für mindestens ein Produkt eine Menge an und geben Sie dann die Bestellung auf.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Placing the order…</source>
        <translation>Bestellung wird aufgegeben…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Invoicing order %1…</source>
        <translation>Bestellung %1 wird in Rechnung gestellt…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Submit Comment</source>
        <translation>Kommentar übermitteln</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The comment was empty; nothing was added.</source>
        <translation>Der Kommentar war leer; es wurde nichts hinzugefügt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adding the comment to order %1…</source>
        <translation>Kommentar wird zu Bestellung %1 hinzugefügt…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Comment to Order %1</source>
        <translation>Kommentar zu Bestellung %1 hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;omment:</source>
        <translation>K&amp;ommentar:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shipping order %1…</source>
        <translation>Bestellung %1 wird versendet…</translation>
    </message>
</context>
<context>
    <name>FieldsMappingPage</name>
    <message>
        <location filename="../ui/mapping/fieldsmappingpage.cpp" line="+86"/>
        <source>Salesforce › Fields Mapping</source>
        <translation>Salesforce › Feldzuordnung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mapped Salesforce objects</source>
        <translation>Zugeordnete Salesforce-Objekte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What each Salesforce Order field is filled with. System mappings are locked (only their Default Value and, unless the sync needs them, Enable can change); custom mappings can be edited and deleted.</source>
        <translation>Womit jedes Feld des Salesforce-Auftrags (Order) gefüllt wird. Systemzuordnungen sind gesperrt (nur ihr Standardwert und, sofern die Synchronisierung sie nicht benötigt, „Aktiviert“ können sich ändern); benutzerdefinierte Zuordnungen können bearbeitet und gelöscht werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Order</source>
        <translation>Auf&amp;trag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What each Salesforce Order Product (OrderItem) field is filled with; Magento paths are relative to one order item, e.g. sku or product_option.</source>
        <translation>Womit jedes Feld des Salesforce-Auftragsprodukts (OrderItem) gefüllt wird; Magento-Pfade beziehen sich auf eine Bestellposition, z. B. sku oder product_option.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order &amp;Product</source>
        <translation>Auftrags&amp;produkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Salesforce Order Status each Magento order status becomes. Only use values of the Activated category for final statuses (Complete, Closed).</source>
        <translation>Der Salesforce-Auftragsstatus, zu dem jeder Magento-Bestellstatus wird. Verwenden Sie Werte der Kategorie „Activated“ (Aktiviert) nur für Endstatus (Complete, Closed).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order S&amp;tatus</source>
        <translation>Auftragsstat&amp;us</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mapping error</source>
        <translation>Zuordnungsfehler</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+599"/>
        <source>&amp;Add new mapping</source>
        <translation>&amp;Neue Zuordnung hinzufügen</translation>
    </message>
    <message>
        <location line="-599"/>
        <location line="+119"/>
        <source>Add new mapping</source>
        <translation>Neue Zuordnung hinzufügen</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Map a Magento attribute to a Salesforce field (Insert).</source>
        <translation>Ein Magento-Attribut einem Salesforce-Feld zuordnen (Einfg).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit mapping</source>
        <translation>Zuordnung bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the selected custom mapping.</source>
        <translation>Die ausgewählte benutzerdefinierte Zuordnung ändern.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+117"/>
        <source>Delete mapping</source>
        <translation>Zuordnung löschen</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Remove the selected custom mappings (Delete). System mappings cannot be removed.</source>
        <translation>Die ausgewählten benutzerdefinierten Zuordnungen entfernen (Entf). Systemzuordnungen können nicht entfernt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+598"/>
        <source>Import mappings</source>
        <translation>Zuordnungen importieren</translation>
    </message>
    <message>
        <location line="-597"/>
        <source>Read a mapping file; it is checked whole and staged until Save Mapper.</source>
        <translation>Eine Zuordnungsdatei einlesen; sie wird als Ganzes geprüft und bis „Mapper speichern“ vorgemerkt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+606"/>
        <source>Export mappings</source>
        <translation>Zuordnungen exportieren</translation>
    </message>
    <message>
        <location line="-605"/>
        <source>Write the stored mappings to a file, for version control or another console.</source>
        <translation>Die gespeicherten Zuordnungen in eine Datei schreiben, für die Versionsverwaltung oder eine andere Konsole.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard the changes not saved yet.</source>
        <translation>Die noch nicht gespeicherten Änderungen verwerfen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save Mapper</source>
        <translation>&amp;Mapper speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+111"/>
        <source>Save Mapper</source>
        <translation>Mapper speichern</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Check every mapping and store the changes (Ctrl+S).</source>
        <translation>Jede Zuordnung prüfen und die Änderungen speichern (Strg+S).</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>%1 mappings</source>
        <translation>Zuordnungen (%1)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Edit mapping…</source>
        <translation>Zuordnung bearbeiten…</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Fields Mapping: using the fields of the connected Salesforce org.</source>
        <translation>Feldzuordnung: verwendet die Felder der verbundenen Salesforce-Org.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>%1 was not saved: %2</source>
        <translation>%1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mappings not saved: fix the highlighted mapping first.</source>
        <translation>Zuordnungen nicht gespeichert: Korrigieren Sie zuerst die markierte Zuordnung.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The mappings have no unsaved changes.</source>
        <translation>Die Zuordnungen haben keine ungespeicherten Änderungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving the mappings…</source>
        <translation>Zuordnungen werden gespeichert…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 mappings saved.</source>
        <translation>Zuordnungen (%1) gespeichert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+30"/>
        <source>%1 mappings were not saved: %2</source>
        <translation>Zuordnungen (%1) wurden nicht gespeichert: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mapping changes discarded.</source>
        <translation>Änderungen an den Zuordnungen verworfen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>Imported %n mapping(s) from %1; press Save Mapper to store them.</source>
        <translation>
            <numerusform>%n Zuordnung aus %1 importiert; klicken Sie auf „Mapper speichern“, um sie zu speichern.</numerusform>
            <numerusform>%n Zuordnungen aus %1 importiert; klicken Sie auf „Mapper speichern“, um sie zu speichern.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No store is open.</source>
        <translation>Es ist kein Datenspeicher geöffnet.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a profile first.</source>
        <translation>Öffnen Sie zuerst ein Profil.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The mappings were not exported: %1</source>
        <translation>Die Zuordnungen wurden nicht exportiert: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported the stored mappings to %1 (unsaved changes are not included).</source>
        <translation>Die gespeicherten Zuordnungen wurden nach %1 exportiert (ungespeicherte Änderungen sind nicht enthalten).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported the mappings to %1.</source>
        <translation>Die Zuordnungen wurden nach %1 exportiert.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Added %1; press Save Mapper to store it.</source>
        <translation>%1 hinzugefügt; klicken Sie auf „Mapper speichern“, um die Zuordnung zu speichern.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Only custom mappings can be edited in the dialog; change a system mapping&apos;s Default Value or Enable in the table.</source>
        <translation>Nur benutzerdefinierte Zuordnungen können im Dialog bearbeitet werden; Standardwert oder „Aktiviert“ einer Systemzuordnung ändern Sie in der Tabelle.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 is a system mapping the sync needs; it cannot be removed.</source>
        <translation>%1 ist eine Systemzuordnung, die die Synchronisierung benötigt; sie kann nicht entfernt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a system mapping and cannot be removed; disable it instead.</source>
        <translation>%1 ist eine Systemzuordnung und kann nicht entfernt werden; deaktivieren Sie sie stattdessen.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Removed %n mapping(s); press Save Mapper to store the change.</source>
        <translation>
            <numerusform>%n Zuordnung entfernt; klicken Sie auf „Mapper speichern“, um die Änderung zu speichern.</numerusform>
            <numerusform>%n Zuordnungen entfernt; klicken Sie auf „Mapper speichern“, um die Änderung zu speichern.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>&amp;Add status mapping</source>
        <translation>&amp;Neue Statuszuordnung hinzufügen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>Mapping files (*.json);;All files (*)</source>
        <translation>Zuordnungsdateien (*.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <location filename="../ui/common/firstrunpanel.cpp" line="+14"/>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connect your store and org</source>
        <translation>Verbinden Sie Ihren Shop und Ihre Org</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>OrderBridge reads orders from your Magento store and writes them to your Salesforce org. It needs:</source>
        <translation>OrderBridge liest Bestellungen aus Ihrem Magento-Shop und schreibt sie in Ihre Salesforce-Org. Dafür braucht es:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Magento: an integration. In the Magento admin, System › Extensions › Integrations › Add New Integration, give it access to Sales, save and Activate it; copy its consumer key and secret and its access token and token secret.</source>
        <translation>Magento: eine Integration. Im Magento-Admin unter System › Erweiterungen › Integrationen › Neue Integration hinzufügen Zugriff auf Verkäufe geben, speichern und aktivieren; Consumer Key und Secret sowie Access Token und Token Secret kopieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Salesforce: an app the org trusts. In Setup › External Client App Manager (older orgs: App Manager › New Connected App), create one with OAuth enabled and the api and refresh_token scopes; copy its consumer key.</source>
        <translation>Salesforce: eine App, der die Org vertraut. Unter Setup › External Client App Manager (ältere Orgs: App Manager › New Connected App) eine App mit OAuth und den Bereichen api und refresh_token anlegen; ihren Consumer Key kopieren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter both on Salesforce › Connection, then Save and Test.</source>
        <translation>Tragen Sie beides unter Salesforce › Verbindung ein und wählen Sie „Speichern und testen“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect Store and Org…</source>
        <translation>Shop und Org verbinden…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Try the Demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens a second window on a built-in sample store and org; your own data is not touched.</source>
        <translation>Öffnet ein zweites Fenster mit einem eingebauten Beispielshop und einer Beispiel-Org; Ihre eigenen Daten bleiben unberührt.</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <location filename="../ui/log/logpage.cpp" line="+39"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sync log</source>
        <translation>Synchronisierungsprotokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries of the sync log, newest first</source>
        <translation>Einträge des Synchronisierungsprotokolls, die neuesten zuerst</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Number of log entries</source>
        <translation>Anzahl der Protokolleinträge</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Filter by level</source>
        <translation>Nach Ebene filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All levels</source>
        <translation>Alle Ebenen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Level:</source>
        <translation>&amp;Ebene:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search by order number</source>
        <translation>Nach Bestellnummer suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order number</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows the entries of the orders whose number starts with this</source>
        <translation>Zeigt die Einträge der Bestellungen, deren Nummer damit beginnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Order:</source>
        <translation>Bes&amp;tellung:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;From</source>
        <translation>V&amp;on</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only entries from a time on</source>
        <translation>Nur Einträge ab einem Zeitpunkt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Entries from</source>
        <translation>Einträge ab</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only entries before a time</source>
        <translation>Nur Einträge vor einem Zeitpunkt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Entries before</source>
        <translation>Einträge vor</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh the log</source>
        <translation>Protokoll aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what was logged since (F5)</source>
        <translation>Zeigen, was seitdem protokolliert wurde (F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export errors as CSV…</source>
        <translation>Fehler als CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+96"/>
        <source>Export errors as CSV</source>
        <translation>Fehler als CSV exportieren</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Saves the error entries matching the filters as a CSV file with the columns order, object, error code, message and fields, like Data Loader&apos;s error files</source>
        <translation>Speichert die Fehlereinträge, die den Filtern entsprechen, als CSV-Datei mit den Spalten Bestellung, Objekt, Fehlercode, Meldung und Felder, wie die Fehlerdateien des Data Loaders</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>Copied %n log entries.</source>
        <translation>
            <numerusform>%n Protokolleintrag kopiert.</numerusform>
            <numerusform>%n Protokolleinträge kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The errors were not exported: %1</source>
        <translation>Die Fehler wurden nicht exportiert: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No store is open.</source>
        <translation>Es ist kein Datenspeicher geöffnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start OrderBridge with its data folder.</source>
        <translation>Starten Sie OrderBridge mit seinem Datenordner.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>%1 cannot be written: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Choose a file in a folder you can write to.</source>
        <translation>Wählen Sie eine Datei in einem Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Check that the disk is not full, then export again.</source>
        <translation>Prüfen Sie, ob der Datenträger voll ist, und exportieren Sie dann erneut.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Exported %n error(s) to %1.</source>
        <translation>
            <numerusform>%n Fehler nach %1 exportiert.</numerusform>
            <numerusform>%n Fehler nach %1 exportiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <location filename="../ui/log/logtablemodel.cpp" line="+105"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error Code</source>
        <translation>Fehlercode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
</context>
<context>
    <name>MagentoErrors</name>
    <message>
        <location filename="../core/magento/magentoerrors.cpp" line="+49"/>
        <source>Since Magento 2.4.4 an integration&apos;s access token is not accepted as a standalone Bearer token unless the store allows it: Magento treats the request as a guest&apos;s and refuses it. Either sign the requests with OAuth 1.0a instead, with the integration&apos;s consumer key, consumer secret, access token and access token secret (System &gt; Extensions &gt; Integrations &gt; Edit &gt; Integration Details; orderbridge-cli connect magento --auth oauth1, or &quot;OAuth 1.0a&quot; in the console), which needs no change to the store; or have an administrator set Stores &gt; Configuration &gt; Services &gt; OAuth &gt; Consumer Settings &gt; &quot;Allow OAuth Access Tokens to be used as standalone Bearer tokens&quot; to Yes. If it is Yes already, check the token and that the integration is active with Magento_Sales::actions_view (Sales &gt; Operations &gt; Orders &gt; Actions &gt; View) among its API resources.</source>
        <translation>Seit Magento 2.4.4 wird das Zugriffstoken einer Integration nicht als eigenständiges Bearer-Token angenommen, wenn der Shop es nicht erlaubt: Magento behandelt die Anfrage wie die eines Gastes und lehnt sie ab. Signieren Sie die Anfragen stattdessen mit OAuth 1.0a, mit Consumer Key, Consumer Secret, Access Token und Access Token Secret der Integration (System &gt; Extensions &gt; Integrations &gt; Edit &gt; Integration Details; orderbridge-cli connect magento --auth oauth1 oder „OAuth 1.0a“ in der Konsole), was keine Änderung am Shop braucht; oder lassen Sie einen Administrator Stores &gt; Configuration &gt; Services &gt; OAuth &gt; Consumer Settings &gt; „Allow OAuth Access Tokens to be used as standalone Bearer tokens“ auf Yes stellen. Steht es schon auf Yes, prüfen Sie das Token und dass die Integration aktiv ist und Magento_Sales::actions_view (Sales &gt; Operations &gt; Orders &gt; Actions &gt; View) unter ihren API-Ressourcen hat.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Check the admin user name and password (the account locks after repeated failures) and that the user&apos;s role grants Magento_Sales::actions_view.</source>
        <translation>Prüfen Sie Benutzername und Passwort des Admins (das Konto wird nach wiederholten Fehlversuchen gesperrt) und dass seine Rolle Magento_Sales::actions_view gewährt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the integration&apos;s consumer key, consumer secret, access token and access token secret (System &gt; Extensions &gt; Integrations &gt; Edit &gt; Integration Details), that the integration is active with Magento_Sales::actions_view among its resources, and that this computer&apos;s clock is right.</source>
        <translation>Prüfen Sie Consumer Key, Consumer Secret, Access Token und Access Token Secret der Integration (System &gt; Extensions &gt; Integrations &gt; Edit &gt; Integration Details), dass die Integration aktiv ist und Magento_Sales::actions_view unter ihren Ressourcen hat, und dass die Uhr dieses Computers stimmt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Magento 2.4 comes with two-factor authentication (2FA) on for admin users: each admin sign-in needs a one-time code from an authenticator app besides the password, so Magento hands no admin token to a program that knows only the user name and password. Connect with an integration instead: create one in System &gt; Extensions &gt; Integrations with the Sales resources, activate it, and either use OAuth 1.0a with its consumer key, consumer secret, access token and access token secret (orderbridge-cli connect magento --auth oauth1, or &quot;OAuth 1.0a&quot; in the console), or use its access token as a Bearer token once Stores &gt; Configuration &gt; Services &gt; OAuth &gt; Consumer Settings &gt; &quot;Allow OAuth Access Tokens to be used as standalone Bearer tokens&quot; is Yes (--auth token).</source>
        <translation>Magento 2.4 wird mit eingeschalteter Zwei-Faktor-Authentifizierung (2FA) für Admin-Benutzer ausgeliefert: Jede Admin-Anmeldung braucht außer dem Passwort einen Einmalcode aus einer Authenticator-App, daher gibt Magento einem Programm, das nur Benutzername und Passwort kennt, kein Admin-Token. Verbinden Sie sich stattdessen über eine Integration: Legen Sie in System &gt; Extensions &gt; Integrations eine mit den Sales-Ressourcen an, aktivieren Sie sie und nutzen Sie entweder OAuth 1.0a mit ihrem Consumer Key, Consumer Secret, Access Token und Access Token Secret (orderbridge-cli connect magento --auth oauth1 oder „OAuth 1.0a“ in der Konsole) oder ihr Zugriffstoken als Bearer-Token, sobald Stores &gt; Configuration &gt; Services &gt; OAuth &gt; Consumer Settings &gt; „Allow OAuth Access Tokens to be used as standalone Bearer tokens“ auf Yes steht (--auth token).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+72"/>
        <source>OrderBridge</source>
        <translation>OrderBridge</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <source>&amp;Sync</source>
        <translation>&amp;Synchronisierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync &amp;Now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read new and changed orders from Magento now and sync them to Salesforce</source>
        <translation>Neue und geänderte Bestellungen jetzt aus Magento lesen und mit Salesforce synchronisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+450"/>
        <source>Sync Now: read new and changed orders from Magento and sync them (Ctrl+R)</source>
        <translation>Jetzt synchronisieren: neue und geänderte Bestellungen aus Magento lesen und synchronisieren (Strg+R)</translation>
    </message>
    <message>
        <location line="-447"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync toolbar</source>
        <translation>Werkzeugleiste Synchronisierung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Backfill from Date…</source>
        <translation>&amp;Nachholen ab Datum…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bring in the orders created since a date, with a preview of how many and about how many Salesforce API calls it takes</source>
        <translation>Die seit einem Datum angelegten Bestellungen holen, mit einer Vorschau, wie viele es sind und wie viele Salesforce-API-Aufrufe es etwa braucht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+10"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Sales</source>
        <translation>Verkäufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+387"/>
        <source>Sales › Orders</source>
        <translation>Verkäufe › Bestellungen</translation>
    </message>
    <message>
        <location line="-386"/>
        <source>Salesforce</source>
        <translation>Salesforce</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+6"/>
        <source>Salesforce › Orders</source>
        <translation>Salesforce › Bestellungen</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+7"/>
        <source>Salesforce › Fields Mapping</source>
        <translation>Salesforce › Feldzuordnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fields Mapping</source>
        <translation>Feldzuordnung</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+8"/>
        <source>Salesforce › Connection</source>
        <translation>Salesforce › Verbindung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+9"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Notification</source>
        <translation>Benachrichtigung</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+2"/>
        <source>Demo Store</source>
        <translation>Demo-Shop</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Demo Store</source>
        <translation>&amp;Demo-Shop</translation>
    </message>
    <message>
        <location line="+63"/>
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
        <location line="+26"/>
        <source>Not connected yet</source>
        <translation>Noch nicht verbunden</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>No sync engine</source>
        <translation>Keine Synchronisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+276"/>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="-249"/>
        <source>Open Salesforce › Connection to set up the Magento store and the Salesforce org.</source>
        <translation>Öffnen Sie Salesforce › Verbindung, um den Magento-Shop und die Salesforce-Org einzurichten.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Unlock and Retry</source>
        <translation>Entsperren und erneut versuchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reads the connection&apos;s secrets again; the system asks for the keyring password.</source>
        <translation>Liest die Geheimnisse der Verbindung erneut; das System fragt nach dem Passwort des Schlüsselbunds.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading the connection&apos;s secrets again…</source>
        <translation>Die Geheimnisse der Verbindung werden erneut gelesen…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The keyring is locked, so OrderBridge cannot read the connection&apos;s secrets and does not sync. Unlock it (usually with your login password) and choose Unlock and Retry.</source>
        <translation>Der Schlüsselbund ist gesperrt, daher kann OrderBridge die Geheimnisse der Verbindung nicht lesen und synchronisiert nicht. Entsperren Sie ihn (meist mit Ihrem Anmeldepasswort) und wählen Sie „Entsperren und erneut versuchen“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyring locked</source>
        <translation>Schlüsselbund gesperrt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read-only: %1 This window shows the data but does not sync or save changes.</source>
        <translation>Nur lesen: %1 Dieses Fenster zeigt die Daten, synchronisiert aber nicht und speichert keine Änderungen.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The backfill did not start: %1</source>
        <translation>Das Nachholen hat nicht begonnen: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Set up the store and the org first (Salesforce › Connection).</source>
        <translation>Richten Sie zuerst Shop und Org ein (Salesforce › Verbindung).</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Sales › Orders, %n order(s) in error</source>
        <translation>
            <numerusform>Verkäufe › Bestellungen, %n Bestellung mit Fehler</numerusform>
            <numerusform>Verkäufe › Bestellungen, %n Bestellungen mit Fehler</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Using the built-in Salesforce field list: %1</source>
        <translation>Die eingebaute Salesforce-Feldliste wird verwendet: %1</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>Connection tested: all checks passed</source>
        <translation>Verbindung getestet: alle Prüfungen bestanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection tested: some checks failed</source>
        <translation>Verbindung getestet: einige Prüfungen fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Reading Magento&apos;s changes…</source>
        <translation>Änderungen aus Magento werden gelesen…</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>API calls today: – / –</source>
        <translation>API-Aufrufe heute: – / –</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API calls today: %1 / %2</source>
        <translation>API-Aufrufe heute: %1 / %2</translation>
    </message>
    <message>
        <location line="-229"/>
        <location line="+231"/>
        <source>Connected to Salesforce</source>
        <translation>Mit Salesforce verbunden</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>Not set up</source>
        <translation>Nicht eingerichtet</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>Syncing %1 / %2</source>
        <translation>Synchronisiere %1 / %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Idle – errors in the last run: %1</source>
        <translation>Bereit – Fehler im letzten Lauf: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Idle – last run failed</source>
        <translation>Bereit – der letzte Lauf ist fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection problem</source>
        <translation>Verbindungsproblem</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These pages have changes that are not saved: %1. Quit and lose them?</source>
        <translation>Diese Seiten haben nicht gespeicherte Änderungen: %1. Beenden und die Änderungen verwerfen?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit Without Saving</source>
        <translation>Ohne Speichern &amp;beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Review Changes</source>
        <translation>Änderungen an&amp;sehen</translation>
    </message>
    <message>
        <location line="+27"/>
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
    <name>MappingImportPlan</name>
    <message>
        <location filename="../ui/mapping/mappingimportplan.cpp" line="+15"/>
        <source>The mapping file was refused (nothing was imported): line %1, column %2: %3</source>
        <translation>Die Zuordnungsdatei wurde abgelehnt (nichts wurde importiert): Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 is marked &quot;system&quot;: true, but there is no such system mapping; remove &quot;system&quot;: true to import it as a custom mapping.</source>
        <translation>%1 ist mit &quot;system&quot;: true markiert, aber eine solche Systemzuordnung gibt es nicht; entfernen Sie &quot;system&quot;: true, um sie als eigene Zuordnung zu importieren.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 appears twice in the file; keep one of the two.</source>
        <translation>%1 steht zweimal in der Datei; behalten Sie eine der beiden.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The mapping file was refused (nothing was imported): %1</source>
        <translation>Die Zuordnungsdatei wurde abgelehnt (nichts wurde importiert): %1</translation>
    </message>
</context>
<context>
    <name>MappingLabels</name>
    <message>
        <location filename="../ui/mapping/mappinglabels.cpp" line="+17"/>
        <source>Upsert</source>
        <translation>Upsert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert Only</source>
        <translation>Insert Only</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update Only</source>
        <translation>Update Only</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order Product</source>
        <translation>Auftragsprodukt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order Status</source>
        <translation>Auftragsstatus</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Order status</source>
        <translation>Bestellstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order&apos;s Magento status, turned into a Salesforce status by the Order Status mappings.</source>
        <translation>Der Magento-Status der Bestellung, über die Auftragsstatus-Zuordnungen in einen Salesforce-Status übersetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer&apos;s Account</source>
        <translation>Account des Kunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Salesforce Account of the order&apos;s customer, found or created by the sync.</source>
        <translation>Der Salesforce-Account des Kunden der Bestellung, von der Synchronisierung gefunden oder angelegt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price book</source>
        <translation>Preisbuch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The price book chosen on Salesforce › Orders › Advanced.</source>
        <translation>Das unter Salesforce › Bestellungen › Erweitert gewählte Preisbuch.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce Order</source>
        <translation>Salesforce-Auftrag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Salesforce Order this product line belongs to.</source>
        <translation>Der Salesforce-Auftrag, zu dem diese Produktzeile gehört.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price book entry</source>
        <translation>Preisbucheintrag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The product&apos;s entry in the price book, found or created by the sync.</source>
        <translation>Der Eintrag des Produkts im Preisbuch, von der Synchronisierung gefunden oder angelegt.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Shipping address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipping total</source>
        <translation>Versandsumme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipping</source>
        <translation>Versand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Billing address</source>
        <translation>Rechnungsadresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>MappingTableModel</name>
    <message>
        <location filename="../ui/mapping/mappingtablemodel.cpp" line="+55"/>
        <source>unknown field</source>
        <translation>unbekanntes Feld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (read only)</source>
        <translation>%1 (schreibgeschützt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (create only)</source>
        <translation>%1 (nur erstellen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (update only)</source>
        <translation>%1 (nur aktualisieren)</translation>
    </message>
    <message>
        <location filename="../ui/mapping/mappinglistmodel.cpp" line="+170"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <location filename="../ui/mapping/mappingtablemodel.cpp" line="+30"/>
        <source>The sync cannot work without this system mapping; it cannot be disabled.</source>
        <translation>Die Synchronisierung funktioniert nicht ohne diese Systemzuordnung; sie kann nicht deaktiviert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>System mapping: its attributes and When are locked. Add a custom mapping instead.</source>
        <translation>Systemzuordnung: Ihre Attribute und „Wann“ sind gesperrt. Fügen Sie stattdessen eine benutzerdefinierte Zuordnung hinzu.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Magento Attribute</source>
        <translation>Magento-Attribut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce Attribute</source>
        <translation>Salesforce-Attribut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default Value</source>
        <translation>Standardwert</translation>
    </message>
    <message>
        <location filename="../ui/mapping/mappinglistmodel.cpp" line="+32"/>
        <source>Enable</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location filename="../ui/mapping/mappingtablemodel.cpp" line="+2"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../ui/mapping/mappinglistmodel.cpp" line="+2"/>
        <source>System/Custom</source>
        <translation>System/Benutzerdefiniert</translation>
    </message>
</context>
<context>
    <name>MappingsSave</name>
    <message>
        <location filename="../core/sync/mappingssave.cpp" line="+35"/>
        <source>Row %1 (%2 → %3): %4</source>
        <translation>Zeile %1 (%2 → %3): %4</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Fix the row, or remove it.</source>
        <translation>Korrigieren Sie die Zeile oder entfernen Sie sie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix the mapping on its own tab first.</source>
        <translation>Korrigieren Sie zuerst die Zuordnung auf ihrer eigenen Registerkarte.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the row belongs to %1, not %2.</source>
        <translation>Die Zeile gehört zu %1, nicht zu %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save it from its own tab.</source>
        <translation>Speichern Sie sie auf ihrer eigenen Registerkarte.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Only Enable and Default Value of a system mapping can change.</source>
        <translation>Bei einer Systemzuordnung können sich nur „Aktiviert“ und der Standardwert ändern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OrderBridge has no such system mapping.</source>
        <translation>OrderBridge hat keine solche Systemzuordnung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add it as a custom mapping.</source>
        <translation>Fügen Sie sie als benutzerdefinierte Zuordnung hinzu.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 is a system mapping and cannot be removed.</source>
        <translation>%1 ist eine Systemzuordnung und kann nicht entfernt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sync depends on it.</source>
        <translation>Die Synchronisierung hängt von ihr ab.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disable it instead.</source>
        <translation>Deaktivieren Sie sie stattdessen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the same mapping as row %1.</source>
        <translation>dieselbe Zuordnung wie Zeile %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep one of the two rows.</source>
        <translation>Behalten Sie eine der beiden Zeilen.</translation>
    </message>
</context>
<context>
    <name>OrderBridge::ConnectionChecker</name>
    <message>
        <location filename="../core/sync/connectionchecker.cpp" line="+59"/>
        <location line="+32"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+2"/>
        <source>Magento</source>
        <translation>Magento</translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>Signed in; %n order(s) visible.</source>
        <translation>
            <numerusform>Angemeldet; %n Bestellung sichtbar.</numerusform>
            <numerusform>Angemeldet; %n Bestellungen sichtbar.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>Salesforce</source>
        <translation>Salesforce</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in to %1.</source>
        <translation>Angemeldet bei %1.</translation>
    </message>
</context>
<context>
    <name>OrderBridge::OrderPreviewer</name>
    <message>
        <location filename="../core/sync/orderpreviewer.cpp" line="+63"/>
        <source>Magento has no order %1.</source>
        <translation>Magento hat keine Bestellung %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the order number.</source>
        <translation>Prüfen Sie die Bestellnummer.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The planner gave no result for order %1.</source>
        <translation>Der Planer hat für Bestellung %1 kein Ergebnis geliefert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run `orderbridge-cli sync --orders %1 --dry-run` to see why.</source>
        <translation>Führen Sie `orderbridge-cli sync --orders %1 --dry-run` aus, um den Grund zu sehen.</translation>
    </message>
</context>
<context>
    <name>OrderBridge::OrgSession</name>
    <message>
        <location filename="../core/sync/orgsession.cpp" line="+46"/>
        <source>The connection settings changed while the request was under way.</source>
        <translation>Die Verbindungseinstellungen haben sich geändert, während die Anfrage lief.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again: the next request uses the new settings.</source>
        <translation>Versuchen Sie es erneut: Die nächste Anfrage verwendet die neuen Einstellungen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No connection is configured: OrderBridge does not know the Magento store and the Salesforce org to sync.</source>
        <translation>Es ist keine Verbindung eingerichtet: OrderBridge kennt den zu synchronisierenden Magento-Shop und die Salesforce-Org nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Salesforce › Connection and set up both connections (or run `orderbridge-cli connect magento …` and `orderbridge-cli connect salesforce …`).</source>
        <translation>Öffnen Sie Salesforce › Verbindung und richten Sie beide Verbindungen ein (oder führen Sie `orderbridge-cli connect magento …` und `orderbridge-cli connect salesforce …` aus).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The local database is not open.</source>
        <translation>Die lokale Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the data folder is writable, then restart OrderBridge.</source>
        <translation>Prüfen Sie, ob der Datenordner beschreibbar ist, und starten Sie OrderBridge dann neu.</translation>
    </message>
</context>
<context>
    <name>OrderBridge::OrgSetup</name>
    <message>
        <location filename="../core/sync/orgsetup.cpp" line="+89"/>
        <source>Mappings</source>
        <translation>Zuordnungen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Price book</source>
        <translation>Preisbuch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is active.</source>
        <translation>&apos;%1&apos; ist aktiv.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No active price book named &apos;%1&apos;: create it (with entries for the SKUs), or set advanced.price_book.</source>
        <translation>Kein aktives Preisbuch namens &apos;%1&apos;: Legen Sie es an (mit Einträgen für die SKUs) oder setzen Sie advanced.price_book.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Permission %1</source>
        <translation>Berechtigung %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not checked: the user&apos;s permissions cannot be read (%1). Activated orders need it: make sure the integration user has it.</source>
        <translation>nicht geprüft: Die Berechtigungen des Benutzers lassen sich nicht lesen (%1). Aktivierte Aufträge brauchen sie: Stellen Sie sicher, dass der Integrationsbenutzer sie hat.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the integration user has it.</source>
        <translation>Der Integrationsbenutzer hat sie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the integration user lacks it, and the mapped Activated statuses need it: %1.</source>
        <translation>Dem Integrationsbenutzer fehlt sie, und die zugeordneten aktivierten Status brauchen sie: %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 cannot be described: the integration user needs access to the object.</source>
        <translation>%1 kann nicht beschrieben werden: Der Integrationsbenutzer braucht Zugriff auf das Objekt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>present and writable.</source>
        <translation>vorhanden und beschreibbar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Other mapped fields</source>
        <translation>Weitere zugeordnete Felder</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n more field(s) the mappings write are present and writable.</source>
        <translation>
            <numerusform>%n weiteres Feld, das die Zuordnungen schreiben, ist vorhanden und beschreibbar.</numerusform>
            <numerusform>%n weitere Felder, die die Zuordnungen schreiben, sind vorhanden und beschreibbar.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Order.Status Draft</source>
        <translation>Order.Status Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a status in the Draft category exists.</source>
        <translation>ein Status der Kategorie Draft ist vorhanden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no Order status in the Draft category: add one in Setup › Object Manager › Order › Status.</source>
        <translation>kein Order-Status der Kategorie Draft: Legen Sie einen unter Setup › Object Manager › Order › Status an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order.Status &apos;%1&apos;</source>
        <translation>Order.Status &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the status value exists.</source>
        <translation>der Statuswert ist vorhanden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the Order Status mappings name &apos;%1&apos;, which the org does not have: add it in Setup › Object Manager › Order › Status, or change the mapping.</source>
        <translation>die Order-Status-Zuordnungen nennen &apos;%1&apos;, den die Org nicht hat: Legen Sie ihn unter Setup › Object Manager › Order › Status an oder ändern Sie die Zuordnung.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the integration user may not customise the application (no Customize Application): ask an administrator to run the setup with an administrator&apos;s connection, or to create the fields and the permission set listed below.</source>
        <translation>der Integrationsbenutzer darf die Anwendung nicht anpassen (kein Customize Application): Bitten Sie einen Administrator, die Einrichtung mit einer Administrator-Verbindung auszuführen oder die unten aufgeführten Felder und den Berechtigungssatz anzulegen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Custom fields</source>
        <translation>Benutzerdefinierte Felder</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cannot list them through the Tooling API: %1</source>
        <translation>sie können über die Tooling API nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>, External ID, Unique</source>
        <translation>, externe ID, eindeutig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create %1</source>
        <translation>%1 anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>created as %1.</source>
        <translation>als %1 angelegt.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Create permission set %1</source>
        <translation>Berechtigungssatz %1 anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>created.</source>
        <translation>angelegt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+23"/>
        <location line="+31"/>
        <source>Grant %1</source>
        <translation>%1 freigeben</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+24"/>
        <source>turned on in the permission set.</source>
        <translation>im Berechtigungssatz eingeschaltet.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Read and Edit granted.</source>
        <translation>Lesen und Bearbeiten freigegeben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Read and Edit granted in the permission set.</source>
        <translation>Lesen und Bearbeiten im Berechtigungssatz freigegeben.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Assign %1</source>
        <translation>%1 zuweisen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assigned to the integration user.</source>
        <translation>dem Integrationsbenutzer zugewiesen.</translation>
    </message>
</context>
<context>
    <name>OrderBridge::SalesforceAuthenticator</name>
    <message>
        <location filename="../core/salesforce/salesforceauthenticator.cpp" line="+284"/>
        <source>OrderBridge is now connected to Salesforce. You can close this page.</source>
        <translation>OrderBridge ist jetzt mit Salesforce verbunden. Sie können diese Seite schließen.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This sign-in request was not started by OrderBridge and was ignored. If you are connecting OrderBridge, use the browser window it opened.</source>
        <translation>Diese Anmeldeanfrage wurde nicht von OrderBridge gestartet und ignoriert. Wenn Sie OrderBridge verbinden, nutzen Sie das Browserfenster, das es geöffnet hat.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Salesforce did not sign OrderBridge in: %1. Return to OrderBridge to try again.</source>
        <translation>Salesforce hat OrderBridge nicht angemeldet: %1. Kehren Sie zu OrderBridge zurück, um es erneut zu versuchen.</translation>
    </message>
</context>
<context>
    <name>OrderBridge::SyncRunner</name>
    <message>
        <location filename="../core/sync/syncrunner.cpp" line="+31"/>
        <source>Salesforce refused more calls today (REQUEST_LIMIT_EXCEEDED)</source>
        <translation>Salesforce nimmt heute keine weiteren Aufrufe an (REQUEST_LIMIT_EXCEEDED)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A sync is already running.</source>
        <translation>Es läuft bereits eine Synchronisierung.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wait for it to finish.</source>
        <translation>Warten Sie, bis sie beendet ist.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The backfill has no valid start date.</source>
        <translation>Das Nachholen hat kein gültiges Startdatum.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give an ISO 8601 date such as 2026-01-31.</source>
        <translation>Geben Sie ein Datum nach ISO 8601 an, etwa 2026-01-31.</translation>
    </message>
    <message>
        <location line="+298"/>
        <source>Magento has no order %1.</source>
        <translation>Magento hat keine Bestellung %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check the order number.</source>
        <translation>Prüfen Sie die Bestellnummer.</translation>
    </message>
    <message>
        <location line="+152"/>
        <location line="+178"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Waiting for the Salesforce API allowance: %1 of %2 calls used in the last 24 hours, and OrderBridge may use %3% (API share, Orders configuration › Advanced; engine.api_share_percent). It goes on when the usage drops or the share is raised.</source>
        <translation>Wartet auf das Salesforce-API-Kontingent: %1 von %2 Aufrufen in den letzten 24 Stunden verbraucht, und OrderBridge darf %3 % nutzen (API-Anteil, Bestellkonfiguration › Erweitert; engine.api_share_percent). Es geht weiter, wenn der Verbrauch sinkt oder der Anteil erhöht wird.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the Salesforce API allowance share (engine.api_share_percent = %1%) is used: %2 of %3 calls today</source>
        <translation>der Anteil am Salesforce-API-Kontingent (engine.api_share_percent = %1 %) ist aufgebraucht: %2 von %3 Aufrufen heute</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the batch failed: %1</source>
        <translation>der Stapel ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Magento could not be read: %1</source>
        <translation>Magento konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>OrderBridge::WorkerHost</name>
    <message>
        <location filename="../core/sync/workerhost.cpp" line="+178"/>
        <location line="+70"/>
        <source>No credential store is available for the connection secrets.</source>
        <translation>Für die Geheimnisse der Verbindung ist kein Anmeldedatenspeicher verfügbar.</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Unlock or install the system keychain (Secret Service), or start OrderBridge with ORDERBRIDGE_SECRETS set.</source>
        <translation>Entsperren oder installieren Sie den System-Schlüsselbund (Secret Service) oder starten Sie OrderBridge mit gesetztem ORDERBRIDGE_SECRETS.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The connection &quot;%1&quot; lacks the Magento or Salesforce address.</source>
        <translation>Der Verbindung „%1“ fehlt die Magento- oder die Salesforce-Adresse.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A connection is being applied already.</source>
        <translation>Es wird bereits eine Verbindung übernommen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait for it to finish, then apply again.</source>
        <translation>Warten Sie, bis sie fertig ist, und übernehmen Sie dann erneut.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Unlock or install the system keychain (Secret Service).</source>
        <translation>Entsperren oder installieren Sie den System-Schlüsselbund (Secret Service).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; is not a secret OrderBridge uses.</source>
        <translation>„%1“ ist kein Geheimnis, das OrderBridge verwendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use one of: %1.</source>
        <translation>Verwenden Sie eines von: %1.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Salesforce issued a new refresh token, but it could not be stored in %1: %2</source>
        <translation>Salesforce hat ein neues Refresh-Token ausgestellt, es konnte aber nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This run goes on; the next sign-in may ask for the browser again. Unlock the keychain (or make the secrets file writable) and connect to Salesforce again.</source>
        <translation>Dieser Lauf geht weiter; die nächste Anmeldung braucht womöglich wieder den Browser. Entsperren Sie den Schlüsselbund (oder machen Sie die Geheimnisdatei beschreibbar) und verbinden Sie sich erneut mit Salesforce.</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <location filename="../ui/orders/orderdialog.cpp" line="+118"/>
        <source>Order views</source>
        <translation>Bestellansichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Information</source>
        <translation>&amp;Informationen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Salesforce</source>
        <translation>&amp;Salesforce</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Magento order (Ctrl+Tab switches tabs)</source>
        <translation>Die Magento-Bestellung (Strg+Tab wechselt die Registerkarte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order&apos;s Salesforce records, sync history and next sync (Ctrl+Tab switches tabs)</source>
        <translation>Die Salesforce-Datensätze der Bestellung, Synchronisierungsverlauf und nächste Synchronisierung (Strg+Tab wechselt die Registerkarte)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close the order</source>
        <translation>Bestellung schließen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Information</source>
        <translation>Informationen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Order &amp;&amp; Account Information</source>
        <translation>Bestell- &amp;&amp; Kontoinformationen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order #:</source>
        <translation>Bestellung #:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase Date:</source>
        <translation>Kaufdatum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill-to Name:</source>
        <translation>Rechnungsname:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grand Total:</source>
        <translation>Gesamtsumme:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order Status:</source>
        <translation>Bestellstatus:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Order number</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase date</source>
        <translation>Kaufdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill-to name</source>
        <translation>Rechnungsname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer e-mail</source>
        <translation>Kunden-E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grand total</source>
        <translation>Gesamtsumme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Magento order status</source>
        <translation>Magento-Bestellstatus</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Billing Address</source>
        <translation>Rechnungsadresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Billing address</source>
        <translation>Rechnungsadresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipping Address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shipping address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment Method</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment method</source>
        <translation>Zahlungsart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipping Method</source>
        <translation>Versandart</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shipping method</source>
        <translation>Versandart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items Ordered</source>
        <translation>Bestellte Artikel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Items ordered</source>
        <translation>Bestellte Artikel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Row Total</source>
        <translation>Zeilensumme</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Order Totals</source>
        <translation>Bestellsummen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order totals</source>
        <translation>Bestellsummen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comments History</source>
        <translation>Kommentarverlauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comments history</source>
        <translation>Kommentarverlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customer Notified</source>
        <translation>Kunde benachrichtigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Order information</source>
        <translation>Bestellinformationen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Salesforce</source>
        <translation>Salesforce</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce Sync</source>
        <translation>Salesforce-Synchronisierung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Salesforce sync status</source>
        <translation>Salesforce-Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync Status:</source>
        <translation>Synchronisierungsstatus:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason or error</source>
        <translation>Grund oder Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details:</source>
        <translation>Details:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed attempts</source>
        <translation>Fehlgeschlagene Versuche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attempts:</source>
        <translation>Versuche:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next retry</source>
        <translation>Nächste Wiederholung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next Retry:</source>
        <translation>Nächste Wiederholung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last synced</source>
        <translation>Zuletzt synchronisiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last Synced:</source>
        <translation>Zuletzt synchronisiert:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce Records</source>
        <translation>Salesforce-Datensätze</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce Order ID:</source>
        <translation>Salesforce-Auftrags-ID:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Salesforce Account ID:</source>
        <translation>Salesforce-Account-ID:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Salesforce Contact ID:</source>
        <translation>Salesforce-Kontakt-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce Opportunity ID:</source>
        <translation>Salesforce-Opportunity-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce Order ID</source>
        <translation>Salesforce-Auftrags-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Salesforce Account ID</source>
        <translation>Salesforce-Account-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Salesforce Contact ID</source>
        <translation>Salesforce-Kontakt-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce Opportunity ID</source>
        <translation>Salesforce-Opportunity-ID</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save and S&amp;ync Order</source>
        <translation>Bestellung speichern und s&amp;ynchronisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and Sync Order</source>
        <translation>Bestellung speichern und synchronisieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send this order to Salesforce now</source>
        <translation>Diese Bestellung jetzt an Salesforce senden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync progress</source>
        <translation>Synchronisierungsfortschritt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync result</source>
        <translation>Synchronisierungsergebnis</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync History</source>
        <translation>Synchronisierungsverlauf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync history</source>
        <translation>Synchronisierungsverlauf</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Preview of Next Sync</source>
        <translation>Vorschau der nächsten Synchronisierung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preview result</source>
        <translation>Ergebnis der Vorschau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh Preview</source>
        <translation>Vorschau a&amp;ktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh preview</source>
        <translation>Vorschau aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask Salesforce again what the next sync would send</source>
        <translation>Salesforce erneut fragen, was die nächste Synchronisierung senden würde</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview of the next sync</source>
        <translation>Vorschau der nächsten Synchronisierung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each Salesforce record the next sync writes, and per field the value it sends beside the value Salesforce has now</source>
        <translation>Jeder Salesforce-Datensatz, den die nächste Synchronisierung schreibt, und je Feld der gesendete Wert neben dem Wert, den Salesforce jetzt hat</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The preview is asked for when this tab opens.</source>
        <translation>Die Vorschau wird abgerufen, wenn diese Registerkarte geöffnet wird.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>No sync has been recorded for this order yet.</source>
        <translation>Für diese Bestellung wurde noch keine Synchronisierung aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entries: %1, newest first; errors among them: %2</source>
        <translation>Einträge: %1, die neuesten zuerst; davon Fehler: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Order not found</source>
        <translation>Bestellung nicht gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The store has no order with Magento entity ID %1.</source>
        <translation>Der Datenspeicher hat keine Bestellung mit der Magento-Entitäts-ID %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Order # %1</source>
        <translation>Bestellung # %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error %1: %2</source>
        <translation>Fehler %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+194"/>
        <source>Fix: %1</source>
        <translation>Lösung: %1</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>The Salesforce Order matches the Magento order.</source>
        <translation>Der Salesforce-Auftrag entspricht der Magento-Bestellung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for the next synchronization.</source>
        <translation>Wartet auf die nächste Synchronisierung.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>None failed</source>
        <translation>Keine fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None scheduled</source>
        <translation>Keine geplant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not linked</source>
        <translation>Nicht verknüpft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sync has not created or found this record yet.</source>
        <translation>Die Synchronisierung hat diesen Datensatz noch nicht angelegt oder gefunden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in to Salesforce (Salesforce › Connection) to open the record.</source>
        <translation>Melden Sie sich bei Salesforce an (Salesforce › Verbindung), um den Datensatz zu öffnen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the %1 in Salesforce: %2</source>
        <translation>%1 in Salesforce öffnen: %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The lines of order %1 cannot be read: %2</source>
        <translation>Die Positionen der Bestellung %1 können nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The store does not hold this order&apos;s lines yet; they are read from Magento when the order is synced.</source>
        <translation>Der Datenspeicher enthält die Positionen dieser Bestellung noch nicht; sie werden aus Magento gelesen, wenn die Bestellung synchronisiert wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read from Magento at the next sync.</source>
        <translation>Wird bei der nächsten Synchronisierung aus Magento gelesen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No shipping: a virtual order.</source>
        <translation>Kein Versand: eine virtuelle Bestellung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No shipping method.</source>
        <translation>Keine Versandart.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Notified</source>
        <translation>Benachrichtigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not notified</source>
        <translation>Nicht benachrichtigt</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No web browser could be started for %1.</source>
        <translation>Für %1 konnte kein Webbrowser gestartet werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sending the order to Salesforce…</source>
        <translation>Die Bestellung wird an Salesforce gesendet…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Planning the next sync of order %1 and reading what Salesforce holds…</source>
        <translation>Die nächste Synchronisierung der Bestellung %1 wird geplant und der Stand in Salesforce gelesen…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The next sync would fail: %1</source>
        <translation>Die nächste Synchronisierung würde fehlschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next sync would fail with %1: %2</source>
        <translation>Die nächste Synchronisierung würde mit %1 fehlschlagen: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fields: %1</source>
        <translation>Felder: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Salesforce already holds every value; the next sync writes nothing.</source>
        <translation>Salesforce hat bereits jeden Wert; die nächste Synchronisierung schreibt nichts.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records the next sync inserts: %1, updates: %2; values that change: %3 (marked New or Changed).</source>
        <translation>Datensätze, die die nächste Synchronisierung einfügt: %1, aktualisiert: %2; Werte, die sich ändern: %3 (als „Neu“ oder „Geändert“ markiert).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sync finished: %1.</source>
        <translation>Synchronisierung beendet: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+25"/>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>The sync ended without an answer for this order.</source>
        <translation>Die Synchronisierung endete ohne Antwort für diese Bestellung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sync stopped: %1</source>
        <translation>Die Synchronisierung wurde angehalten: %1</translation>
    </message>
</context>
<context>
    <name>OrderInformationText</name>
    <message>
        <location filename="../ui/orders/orderinformationtext.cpp" line="+49"/>
        <source>T: %1</source>
        <translation>Tel.: %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipping &amp; Handling</source>
        <translation>Versand und Bearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grand Total</source>
        <translation>Gesamtsumme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total Due</source>
        <translation>Offen</translation>
    </message>
</context>
<context>
    <name>OrderStatusMappingModel</name>
    <message>
        <location filename="../ui/mapping/orderstatusmappingmodel.cpp" line="+49"/>
        <source>not in the picklist</source>
        <translation>nicht in der Auswahlliste</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only final statuses (Complete, Closed) should map to an Activated value: an activated Salesforce Order cannot take new Order Products.</source>
        <translation>Nur Endstatus (Complete, Closed) sollten einem Wert der Kategorie „Activated“ (Aktiviert) zugeordnet werden: Einem aktivierten Salesforce-Auftrag können keine neuen Auftragsprodukte hinzugefügt werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every Magento status needs a Salesforce status; this system mapping cannot be disabled.</source>
        <translation>Jeder Magento-Status benötigt einen Salesforce-Status; diese Systemzuordnung kann nicht deaktiviert werden.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Magento Status</source>
        <translation>Magento-Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce Order Status</source>
        <translation>Salesforce-Auftragsstatus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status Category</source>
        <translation>Statuskategorie</translation>
    </message>
</context>
<context>
    <name>OrdersConfigPage</name>
    <message>
        <location filename="../ui/settings/ordersconfigpage.cpp" line="+59"/>
        <source>Orders configuration tabs</source>
        <translation>Registerkarten der Bestellkonfiguration</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+163"/>
        <source>Order Configuration</source>
        <translation>Bestellkonfiguration</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+245"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location line="-241"/>
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
        <location line="+151"/>
        <location line="+83"/>
        <location line="+38"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="-121"/>
        <location line="+83"/>
        <location line="+4"/>
        <location line="+3"/>
        <location line="+31"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location line="-120"/>
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
        <translation>Hängt die Magento-Bestellnotizen an die Notizen des Auftrags in Salesforce an.</translation>
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
        <location line="+1"/>
        <source>Notify When a Run Ends with Errors</source>
        <translation>Benachrichtigen, wenn ein Lauf mit Fehlern endet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes: a desktop notification (or a line in the window) when a sync run leaves orders in error.</source>
        <translation>Ja: eine Desktop-Benachrichtigung (oder eine Zeile im Fenster), wenn ein Synchronisierungslauf Bestellungen mit Fehler hinterlässt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Default Status</source>
        <translation>Standardstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders will be placed in this Draft status when Magento needs to make updates. IMPORTANT: Default status must be from the Draft status group in Salesforce.</source>
        <translation>Aufträge werden in diesen Entwurfsstatus gesetzt, wenn Magento Änderungen vornehmen muss. WICHTIG: Der Standardstatus muss in Salesforce zur Statusgruppe „Draft“ (Entwurf) gehören.</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="+3"/>
        <source>Synchronize orders created since</source>
        <translation>Bestellungen synchronisieren, angelegt seit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders created before this moment (UTC unless an offset is given, for example 2026-01-31 or 2026-01-31T09:00:00Z) are left alone, even when they change. Empty: all history. The first connection sets it to that moment; Orders › Backfill from date… brings older orders.</source>
        <translation>Vor diesem Zeitpunkt angelegte Bestellungen (UTC, sofern kein Versatz angegeben ist, zum Beispiel 2026-01-31 oder 2026-01-31T09:00:00Z) bleiben unberührt, auch wenn sie sich ändern. Leer: die ganze Vergangenheit. Die erste Verbindung setzt ihren Zeitpunkt; Bestellungen › Nachholen ab Datum… holt ältere Bestellungen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All history</source>
        <translation>Die ganze Vergangenheit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-scan window for late commits (minutes)</source>
        <translation>Nachlese-Fenster für späte Speicherungen (Minuten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every half window, the orders changed in the last this many minutes are read again, so an order Magento committed later than a poll saw is not missed. Orders already in sync cost no Salesforce calls. 0: off.</source>
        <translation>Jedes halbe Fenster werden die in so vielen letzten Minuten geänderten Bestellungen erneut gelesen, damit eine Bestellung, die Magento später speicherte, als eine Abfrage sah, nicht verloren geht. Bereits synchrone Bestellungen kosten keine Salesforce-Aufrufe. 0: aus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comment sweep window (days)</source>
        <translation>Zeitraum für die Kommentarsuche (Tage)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Magento does not mark an order changed when a comment is added, so open orders are read for new comments. 0: every order that is not closed or canceled. A number: only those changed in the last this many days (fewer requests; a comment on an order untouched for longer waits until it changes).</source>
        <translation>Magento markiert eine Bestellung nicht als geändert, wenn ein Kommentar hinzukommt, daher werden offene Bestellungen nach neuen Kommentaren durchsucht. 0: jede nicht geschlossene oder stornierte Bestellung. Eine Zahl: nur die in so vielen letzten Tagen geänderten (weniger Anfragen; ein Kommentar an einer länger unberührten Bestellung wartet, bis sie sich ändert).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Create Order</source>
        <translation>Auftrag anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For paid order: the Salesforce Order is created when the Magento order is invoiced. For every order: as soon as it is placed. No: Salesforce Orders are not created.</source>
        <translation>Für bezahlte Bestellungen: Der Salesforce-Auftrag wird angelegt, sobald die Magento-Bestellung in Rechnung gestellt ist. Für jede Bestellung: sobald sie aufgegeben wird. Nein: Es werden keine Salesforce-Aufträge angelegt.</translation>
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
        <location line="+3"/>
        <source>Book base-currency amounts</source>
        <translation>Beträge in der Basiswährung buchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For a Salesforce org with a single currency. Yes: an order placed in another currency (a Magento display currency) is booked with its base-currency amounts, when the base currency is the org&apos;s. No: such an order fails and names its currency. Orgs with multiple currencies book every order in its own currency.</source>
        <translation>Für eine Salesforce-Org mit nur einer Währung. Ja: Eine in einer anderen Währung (einer Magento-Anzeigewährung) aufgegebene Bestellung wird mit ihren Beträgen in der Basiswährung gebucht, wenn die Basiswährung die der Org ist. Nein: Eine solche Bestellung schlägt fehl und nennt ihre Währung. Orgs mit mehreren Währungen buchen jede Bestellung in ihrer eigenen Währung.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save past duplicate alerts</source>
        <translation>Trotz Duplikatwarnungen speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes: customers are saved even when a Salesforce duplicate rule with an Alert action matches them (an Account with the same name, a Contact with the same e-mail). No: such an order fails with DUPLICATES_DETECTED. Rules with a Block action always refuse.</source>
        <translation>Ja: Kunden werden auch gespeichert, wenn eine Salesforce-Duplikatregel mit der Aktion Alert auf sie passt (ein Account mit demselben Namen, ein Contact mit derselben E-Mail). Nein: Eine solche Bestellung schlägt mit DUPLICATES_DETECTED fehl. Regeln mit der Aktion Block lehnen immer ab.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New customers as Person Accounts</source>
        <translation>Neue Kunden als Personenaccounts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the org has them: a new customer becomes a Person Account (Salesforce makes its contact) where Salesforce&apos;s Account has Person Accounts, else an Account and a Contact. Yes: always a Person Account; an org without them fails the order with a reason. No: always an Account and a Contact.</source>
        <translation>Wenn die Org sie hat: Ein neuer Kunde wird ein Personenaccount (Salesforce legt seinen Kontakt an), wo das Salesforce-Account Personenaccounts hat, sonst ein Account und ein Kontakt. Ja: immer ein Personenaccount; in einer Org ohne sie schlägt die Bestellung mit Begründung fehl. Nein: immer ein Account und ein Kontakt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When the org has them</source>
        <translation>Wenn die Org sie hat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How often a failed order is retried before it stays in Error; Sync with Salesforce retries it by hand.</source>
        <translation>Wie oft eine fehlgeschlagene Bestellung wiederholt wird, bevor sie im Status Fehler bleibt; „Mit Salesforce synchronisieren“ wiederholt sie von Hand.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request timeout (seconds)</source>
        <translation>Zeitlimit pro Anfrage (Sekunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long OrderBridge waits for Magento or Salesforce on one request, retries included, before it reports that the server does not answer.</source>
        <translation>Wie lange OrderBridge bei einer Anfrage samt Wiederholungen auf Magento oder Salesforce wartet, bevor es meldet, dass der Server nicht antwortet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce calls at once</source>
        <translation>Salesforce-Aufrufe gleichzeitig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many requests of one batch OrderBridge sends to Salesforce at the same time. Orders of the same customer always go one after the other, so they never wait for each other&apos;s record locks.</source>
        <translation>Wie viele Anfragen eines Stapels OrderBridge gleichzeitig an Salesforce sendet. Bestellungen desselben Kunden gehen immer nacheinander, sodass sie nie auf die Datensatzsperren der anderen warten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The share of the daily Salesforce API allowance the sync engine may use; beyond it, it waits for the next day.</source>
        <translation>Der Anteil des täglichen Salesforce-API-Kontingents, den die Synchronisierung nutzen darf; darüber hinaus wartet sie bis zum nächsten Tag.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>No sync engine is running, so the configuration cannot be saved.</source>
        <translation>Es läuft keine Synchronisierung, daher kann die Konfiguration nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up the connection under Salesforce › Connection, then apply again.</source>
        <translation>Richten Sie die Verbindung unter Salesforce › Verbindung ein und übernehmen Sie dann erneut.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving the orders configuration…</source>
        <translation>Bestellkonfiguration wird gespeichert…</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Orders configuration not saved.</source>
        <translation>Bestellkonfiguration nicht gespeichert.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 (%2)</source>
        <comment>Default Status item: label (API value)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>API value %1, Draft status group</source>
        <translation>API-Wert %1, Statusgruppe „Draft“ (Entwurf)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 – not a Draft status</source>
        <translation>%1 – kein Entwurfsstatus</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+39"/>
        <source>Default status must be from the Draft status group in Salesforce.</source>
        <translation>Der Standardstatus muss in Salesforce zur Statusgruppe „Draft“ (Entwurf) gehören.</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>&quot;%1&quot; is in the %2 status group.</source>
        <translation>„%1“ gehört zur Statusgruppe „%2“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No Default Status is chosen.</source>
        <translation>Es ist kein Standardstatus gewählt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;%1&quot; is not a value of the org&apos;s Order Status picklist.</source>
        <translation>„%1“ ist kein Wert der Auswahlliste „Auftragsstatus“ der Org.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a value of the Draft status group to the Order Status picklist in Salesforce Setup, then reconnect.</source>
        <translation>Fügen Sie der Auswahlliste „Auftragsstatus“ im Salesforce-Setup einen Wert der Statusgruppe „Draft“ (Entwurf) hinzu und verbinden Sie sich dann erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose one of the org&apos;s Draft statuses: %1.</source>
        <translation>Wählen Sie einen der Entwurfsstatus der Org: %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This list is not from the org yet: Draft is Salesforce&apos;s standard Draft status. Once the console has read the org, it offers the org&apos;s own Draft statuses.</source>
        <translation>Diese Liste stammt noch nicht aus der Org: „Draft“ ist der Standard-Entwurfsstatus von Salesforce. Sobald die Konsole die Org gelesen hat, bietet sie die eigenen Entwurfsstatus der Org an.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>From the org: the Draft status group of the Order Status picklist.</source>
        <translation>Aus der Org: die Statusgruppe „Draft“ (Entwurf) der Auswahlliste „Auftragsstatus“.</translation>
    </message>
    <message>
        <location line="-358"/>
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
        <translation>Das Salesforce-Preisbuch, dessen Einträge die Auftragsprodukte verwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create missing products</source>
        <translation>Fehlende Produkte anlegen</translation>
    </message>
    <message>
        <location line="+21"/>
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
        <location line="+9"/>
        <source>API share (%)</source>
        <translation>API-Anteil (%)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No store is open, so the configuration cannot be read.</source>
        <translation>Es ist kein Datenspeicher geöffnet, daher kann die Konfiguration nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a profile first.</source>
        <translation>Öffnen Sie zuerst ein Profil.</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>Orders configuration saved.</source>
        <translation>Bestellkonfiguration gespeichert.</translation>
    </message>
</context>
<context>
    <name>OrdersCsv</name>
    <message>
        <location filename="../core/sync/orderscsv.cpp" line="+34"/>
        <source>The CSV file could not be written: %1.</source>
        <translation>Die CSV-Datei konnte nicht geschrieben werden: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is not full and the folder is writable, then export again.</source>
        <translation>Prüfen Sie, ob der Datenträger voll und der Ordner beschreibbar ist, und exportieren Sie erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export again to write the whole view.</source>
        <translation>Exportieren Sie erneut, um die ganze Ansicht zu schreiben.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+11"/>
        <source>%1 cannot be written: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Choose a file in a folder you can write to.</source>
        <translation>Wählen Sie eine Datei in einem Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Check that the disk is not full, then export again.</source>
        <translation>Prüfen Sie, ob der Datenträger voll ist, und exportieren Sie erneut.</translation>
    </message>
</context>
<context>
    <name>OrdersFilterPanel</name>
    <message>
        <location filename="../ui/orders/ordersfilterpanel.cpp" line="+34"/>
        <source>Order filters</source>
        <translation>Bestellfilter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase date from</source>
        <translation>Kaufdatum ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase date to</source>
        <translation>Kaufdatum bis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grand total from</source>
        <translation>Gesamtsumme ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grand total to</source>
        <translation>Gesamtsumme bis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply Filters</source>
        <translation>Filter anwenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear All</source>
        <translation>Alle löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear the search, the status filters and these ranges</source>
        <translation>Suche, Statusfilter und diese Bereiche zurücksetzen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Purchase Date</source>
        <translation>Kaufdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grand Total</source>
        <translation>Gesamtsumme</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+5"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+10"/>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The purchase date range starts on %1, after it ends on %2.</source>
        <translation>Der Kaufdatumsbereich beginnt am %1, nach seinem Ende am %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a &quot;from&quot; date on or before the &quot;to&quot; date.</source>
        <translation>Wählen Sie ein „von“-Datum am oder vor dem „bis“-Datum.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The grand total &quot;%1&quot; is not an amount.</source>
        <translation>Die Gesamtsumme „%1“ ist kein Betrag.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter a number such as %1, or leave the field empty.</source>
        <translation>Geben Sie eine Zahl wie %1 ein oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The grand total range starts at %1, above where it ends (%2).</source>
        <translation>Der Gesamtsummenbereich beginnt bei %1, über seinem Ende (%2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a &quot;from&quot; amount no larger than the &quot;to&quot; amount.</source>
        <translation>Geben Sie einen „von“-Betrag ein, der nicht größer als der „bis“-Betrag ist.</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../ui/orders/orderspage.cpp" line="+62"/>
        <source>Sales Orders</source>
        <translation>Verkaufsbestellungen</translation>
    </message>
    <message>
        <location line="+72"/>
        <location line="+85"/>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <location line="-83"/>
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
        <location line="+11"/>
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
        <location line="+6"/>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the purchase date and grand total filters</source>
        <translation>Filter für Kaufdatum und Gesamtsumme anzeigen</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <source>&amp;Open Order</source>
        <translation>Bestellung ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the current order with its Salesforce records, sync history and next sync (Enter or double-click)</source>
        <translation>Die aktuelle Bestellung mit ihren Salesforce-Datensätzen, ihrem Synchronisierungsverlauf und der nächsten Synchronisierung öffnen (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export View as CSV…</source>
        <translation>Ansicht als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every order matching the search and filters as a CSV file</source>
        <translation>Alle Bestellungen, die Suche und Filtern entsprechen, als CSV-Datei speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open in Salesforce</source>
        <translation>In Salesforce öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the current order&apos;s Salesforce Order in the browser</source>
        <translation>Den Salesforce-Auftrag der aktuellen Bestellung im Browser öffnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Orders of the Magento store with their Salesforce sync status</source>
        <translation>Bestellungen des Magento-Shops mit ihrem Salesforce-Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+83"/>
        <location line="+3"/>
        <source>Sync progress</source>
        <translation>Synchronisierungsfortschritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
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
        <location line="+18"/>
        <source>Clear Search and Filters</source>
        <translation>Suche und Filter zurücksetzen</translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>%n record(s) found</source>
        <translation>
            <numerusform>%n Datensatz gefunden</numerusform>
            <numerusform>%n Datensätze gefunden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No orders match %1.</source>
        <translation>Keine Bestellungen entsprechen %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the search &quot;%1&quot;</source>
        <translation>der Suche „%1“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce Sync Status: %1</source>
        <translation>Salesforce-Synchronisierungsstatus: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purchase Date %1 to %2</source>
        <translation>Kaufdatum %1 bis %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purchase Date from %1</source>
        <translation>Kaufdatum ab %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Purchase Date up to %1</source>
        <translation>Kaufdatum bis %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grand Total %1 to %2</source>
        <translation>Gesamtsumme %1 bis %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grand Total from %1</source>
        <translation>Gesamtsumme ab %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grand Total up to %1</source>
        <translation>Gesamtsumme bis %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export orders as CSV</source>
        <translation>Bestellungen als CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Exporting %n order(s) to %1…</source>
        <translation>
            <numerusform>%n Bestellung wird nach %1 exportiert…</numerusform>
            <numerusform>%n Bestellungen werden nach %1 exportiert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Exported %n order(s) to %1.</source>
        <translation>
            <numerusform>%n Bestellung nach %1 exportiert.</numerusform>
            <numerusform>%n Bestellungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The orders were not exported: %1</source>
        <translation>Die Bestellungen wurden nicht exportiert: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The orders in Error could not be queued again: %1</source>
        <translation>Die Bestellungen mit Fehler konnten nicht erneut eingereiht werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Queued %n order(s) in Error again.</source>
        <translation>
            <numerusform>%n Bestellung mit Fehler erneut eingereiht.</numerusform>
            <numerusform>%n Bestellungen mit Fehler erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Orders selected: %1. Select at most %2 at a time, or run a backfill from the command line.</source>
        <translation>Ausgewählte Bestellungen: %1. Wählen Sie höchstens %2 auf einmal oder starten Sie einen Backfill über die Kommandozeile.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sending orders to Salesforce (%1)…</source>
        <translation>Bestellungen werden an Salesforce gesendet (%1)…</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Sync not started: %1</source>
        <translation>Synchronisierung nicht gestartet: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sync finished: %1</source>
        <translation>Synchronisierung beendet: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No web browser could be started for %1.</source>
        <translation>Für %1 konnte kein Webbrowser gestartet werden.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Order with Magento entity ID %1 is no longer in the store; press Refresh.</source>
        <translation>Die Bestellung mit der Magento-Entitäts-ID %1 ist nicht mehr im Datenspeicher; klicken Sie auf „Aktualisieren“.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>A sync is already running.</source>
        <translation>Es läuft bereits eine Synchronisierung.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The sync engine is not running.</source>
        <translation>Die Synchronisierung läuft nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait for it to finish, then press Save and Sync Order again.</source>
        <translation>Warten Sie, bis sie beendet ist, und klicken Sie dann erneut auf „Bestellung speichern und synchronisieren“.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Check the connection under Salesforce › Connection.</source>
        <translation>Prüfen Sie die Verbindung unter Salesforce › Verbindung.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>The sync engine is not running, so Salesforce cannot be asked.</source>
        <translation>Die Synchronisierung läuft nicht, daher kann Salesforce nicht gefragt werden.</translation>
    </message>
    <message>
        <location line="-295"/>
        <source>Cancelling after the batch in flight…</source>
        <translation>Abbruch nach dem laufenden Stapel…</translation>
    </message>
    <message>
        <location line="-474"/>
        <source>Shows the orders where each word starts a word of the order number, customer e-mail or bill-to name; a number also finds its order without the leading zeros</source>
        <translation>Zeigt die Bestellungen, bei denen jedes Wort ein Wort der Bestellnummer, der Kunden-E-Mail oder des Rechnungsnamens beginnt; eine Zahl findet ihre Bestellung auch ohne führende Nullen</translation>
    </message>
    <message>
        <location line="+527"/>
        <source>Synced %1 of %2</source>
        <translation>%1 von %2 synchronisiert</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The Salesforce instance URL is not known yet; test the connection under Salesforce › Connection.</source>
        <translation>Die Salesforce-Instanz-URL ist noch nicht bekannt; testen Sie die Verbindung unter Salesforce › Verbindung.</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <location filename="../ui/orders/orderstablemodel.cpp" line="+169"/>
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
        <translation>Salesforce-Auftrags-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce Sync Status</source>
        <translation>Salesforce-Synchronisierungsstatus</translation>
    </message>
    <message>
        <location line="+143"/>
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
    <name>OrgRequirements</name>
    <message>
        <location filename="../core/sync/orgrequirements.cpp" line="+125"/>
        <source>missing, or not visible to the integration user</source>
        <translation>fehlt oder ist für den Integrationsbenutzer nicht sichtbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is of type %1, needs %2</source>
        <translation>hat den Typ %1, nötig ist %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>holds %1 characters, needs at least %2</source>
        <translation>fasst %1 Zeichen, nötig sind mindestens %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is not an External ID</source>
        <translation>ist keine externe ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is not Unique (upserts by it need a unique index)</source>
        <translation>ist nicht eindeutig (Upserts darüber brauchen einen eindeutigen Index)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is read-only for the integration user (field-level security)</source>
        <translation>ist für den Integrationsbenutzer schreibgeschützt (Sicherheit auf Feldebene)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>run `orderbridge-cli setup salesforce` (or Prepare Salesforce… in the console), or create it in Setup › Object Manager › %1 as %2 and grant Read and Edit to the integration user</source>
        <translation>führen Sie `orderbridge-cli setup salesforce` aus (oder Salesforce vorbereiten… in der Konsole), oder legen Sie es unter Setup › Object Manager › %1 als %2 an und geben Sie dem Integrationsbenutzer Lesen und Bearbeiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>create it in Setup › Object Manager › %1, or correct the mapping</source>
        <translation>legen Sie es unter Setup › Object Manager › %1 an oder korrigieren Sie die Zuordnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the field in Setup › Object Manager › %1 › Fields &amp; Relationships › %2</source>
        <translation>ändern Sie das Feld unter Setup › Object Manager › %1 › Fields &amp; Relationships › %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>run `orderbridge-cli setup salesforce`, or grant Edit on %1 in a permission set assigned to the integration user</source>
        <translation>führen Sie `orderbridge-cli setup salesforce` aus oder geben Sie Bearbeiten auf %1 in einem Berechtigungssatz frei, der dem Integrationsbenutzer zugewiesen ist</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>run `orderbridge-cli setup salesforce` (or Prepare Salesforce… in the console), or turn on &quot;%1&quot; under System Permissions in a permission set assigned to the integration user</source>
        <translation>führen Sie `orderbridge-cli setup salesforce` aus (oder „Salesforce vorbereiten…“ in der Konsole), oder schalten Sie „%1“ unter „Systemberechtigungen“ in einem Berechtigungssatz ein, der dem Integrationsbenutzer zugewiesen ist</translation>
    </message>
</context>
<context>
    <name>PlannerText</name>
    <message>
        <location filename="../core/sync/plannertext.cpp" line="+24"/>
        <source>Automated Synchronization is No: this order syncs only when you choose &quot;Sync with Salesforce&quot;.</source>
        <translation>„Automatische Synchronisierung“ ist „Nein“: Diese Bestellung wird nur synchronisiert, wenn Sie „Mit Salesforce synchronisieren“ wählen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Magento status &apos;%1&apos; is not among the statuses to sync (Sync all orders: No).</source>
        <translation>Der Magento-Status „%1“ gehört nicht zu den zu synchronisierenden Status („Alle Bestellungen synchronisieren“: Nein).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zero Grand Total is &quot;Do not synchronize&quot; and this order totals 0.</source>
        <translation>„Gesamtsumme null“ ist „Nicht synchronisieren“, und diese Bestellung hat die Gesamtsumme 0.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create Order is No: no Salesforce Order is created.</source>
        <translation>„Auftrag anlegen“ ist „Nein“: Es wird kein Salesforce-Auftrag angelegt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for payment: Create Order is &quot;For paid order&quot; and the order is not invoiced yet.</source>
        <translation>Warten auf Zahlung: „Auftrag anlegen“ ist „Für bezahlte Bestellungen“, und die Bestellung ist noch nicht in Rechnung gestellt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Never paid: the order is %1 in Magento without an invoice, and Create Order is &quot;For paid order&quot;.</source>
        <translation>Nie bezahlt: Die Bestellung ist in Magento %1 ohne Rechnung, und „Auftrag anlegen“ steht auf „Für bezahlte Bestellungen“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Magento returned an order without entity_id, increment_id, status or items.</source>
        <translation>Magento hat eine Bestellung ohne entity_id, increment_id, status oder items geliefert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the Magento REST API response for this order; OrderBridge retries it on the next sync.</source>
        <translation>Prüfen Sie die Antwort der Magento-REST-API für diese Bestellung; OrderBridge versucht es bei der nächsten Synchronisierung erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Order Status mapping sends &apos;%1&apos; for Magento status &apos;%2&apos;, but Salesforce has no such Order Status.</source>
        <translation>Die Auftragsstatus-Zuordnung sendet „%1“ für den Magento-Status „%2“, aber Salesforce hat keinen solchen Auftragsstatus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Map &apos;%1&apos; to an existing Order Status in Fields Mapping › Order Status, or add the value in Salesforce.</source>
        <translation>Ordnen Sie „%1“ unter Feldzuordnung › Auftragsstatus einem vorhandenen Auftragsstatus zu oder fügen Sie den Wert in Salesforce hinzu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Default Status &apos;%1&apos; is not in Salesforce&apos;s Draft status group.</source>
        <translation>Der Standardstatus „%1“ gehört in Salesforce nicht zur Statusgruppe „Draft“ (Entwurf).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a Draft-category status under Salesforce › Orders › Default Status.</source>
        <translation>Wählen Sie unter Salesforce › Bestellungen › Standardstatus einen Status der Kategorie „Draft“ (Entwurf).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce has no active price book named &apos;%1&apos;.</source>
        <translation>Salesforce hat kein aktives Preisbuch namens „%1“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the price book in Salesforce or set advanced.price_book to an existing one.</source>
        <translation>Legen Sie das Preisbuch in Salesforce an oder setzen Sie advanced.price_book auf ein vorhandenes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No active price book entry in price book &apos;%1&apos; for SKU %2.</source>
        <translation>Kein aktiver Preisbucheintrag im Preisbuch „%1“ für SKU %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In Salesforce, give the product with Product Code %1 an active entry in &apos;%2&apos; (and the Standard Price Book), or set advanced.create_missing_products to yes.</source>
        <translation>Geben Sie in Salesforce dem Produkt mit dem Produktcode %1 einen aktiven Eintrag in „%2“ (und im Standardpreisbuch) oder setzen Sie advanced.create_missing_products auf yes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Products cannot be created: the org&apos;s Standard Price Book was not found.</source>
        <translation>Produkte können nicht angelegt werden: Das Standardpreisbuch der Org wurde nicht gefunden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activate the Standard Price Book in Salesforce.</source>
        <translation>Aktivieren Sie das Standardpreisbuch in Salesforce.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Magento order has no customer e-mail.</source>
        <translation>Die Magento-Bestellung hat keine Kunden-E-Mail.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the customer&apos;s e-mail to the order in Magento.</source>
        <translation>Ergänzen Sie die E-Mail-Adresse des Kunden in der Bestellung in Magento.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order fields could not be converted: %1.</source>
        <translation>Auftragsfelder konnten nicht umgewandelt werden: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the values in Magento or the mapping in Fields Mapping › Order.</source>
        <translation>Korrigieren Sie die Werte in Magento oder die Zuordnung unter Feldzuordnung › Auftrag.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order Product fields for SKU %1 could not be converted: %2.</source>
        <translation>Auftragsproduktfelder für SKU %1 konnten nicht umgewandelt werden: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fix the values in Magento or the mapping in Fields Mapping › Order Product.</source>
        <translation>Korrigieren Sie die Werte in Magento oder die Zuordnung unter Feldzuordnung › Auftragsprodukt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order is in %1, but the Salesforce org has a single currency, %2.</source>
        <translation>Die Bestellung ist in %1, aber die Salesforce-Org hat nur eine Währung, %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable multiple currencies in Salesforce with %1 active, or set advanced.book_base_currency to yes (Orders configuration › Book base-currency amounts) to book the order&apos;s %2 amounts.</source>
        <translation>Schalten Sie in Salesforce mehrere Währungen mit %1 als aktiver Währung ein, oder setzen Sie advanced.book_base_currency auf yes (Bestellkonfiguration › Beträge in der Basiswährung buchen), um die %2-Beträge der Bestellung zu buchen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The order is in %1, which is not an active currency of the Salesforce org (active: %2).</source>
        <translation>Die Bestellung ist in %1, keiner aktiven Währung der Salesforce-Org (aktiv: %2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Activate %1 in Salesforce Setup › Manage Currencies and give the products price book entries in %1.</source>
        <translation>Aktivieren Sie %1 in Salesforce unter Setup › Währungen verwalten und geben Sie den Produkten Preisbucheinträge in %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The new customer cannot be a Person Account: Person Accounts are not enabled in this Salesforce org (no active person account record type).</source>
        <translation>Der neue Kunde kann kein Personenaccount sein: Personenaccounts sind in dieser Salesforce-Org nicht aktiviert (kein aktiver Datensatztyp für Personenaccounts).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set advanced.person_accounts to auto or no, or enable Person Accounts in Salesforce Setup.</source>
        <translation>Setzen Sie advanced.person_accounts auf auto oder no, oder aktivieren Sie Personenaccounts im Salesforce-Setup.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product %1 and its price book entries are created in Salesforce.</source>
        <translation>Produkt %1 und seine Preisbucheinträge werden in Salesforce angelegt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was cut to %2 characters.</source>
        <translation>%1 wurde auf %2 Zeichen gekürzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Order stays in &apos;%1&apos;: Salesforce activates only orders with products.</source>
        <translation>Der Auftrag bleibt in „%1“: Salesforce aktiviert nur Aufträge mit Produkten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 &apos;%2&apos; was left out: the country is not in Salesforce&apos;s country picklist.</source>
        <translation>%1 &apos;%2&apos; wurde weggelassen: Das Land steht nicht in der Länder-Auswahlliste von Salesforce.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 &apos;%2&apos; was left out: Salesforce lists no such state for country &apos;%3&apos;.</source>
        <translation>%1 &apos;%2&apos; wurde weggelassen: Salesforce führt kein solches Bundesland für das Land &apos;%3&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order is in %1; its base-currency amounts in %2 were booked.</source>
        <translation>Die Bestellung ist in %1; gebucht wurden ihre Beträge in der Basiswährung %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bundle product %1 is no longer in the Magento catalog: its SKU %2 was read off the ordered SKU %3 by its option lines.</source>
        <translation>Das Bundle-Produkt %1 ist nicht mehr im Magento-Katalog: Seine SKU %2 wurde anhand der Optionszeilen aus der bestellten SKU %3 abgeleitet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order created.</source>
        <translation>Auftrag angelegt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order updated: %1.</source>
        <translation>Auftrag aktualisiert: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status %1 → %2.</source>
        <translation>Status %1 → %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status %1.</source>
        <translation>Status %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order products added: %1.</source>
        <translation>Auftragsprodukte hinzugefügt: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order products updated: %1.</source>
        <translation>Auftragsprodukte aktualisiert: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes added: %1.</source>
        <translation>Notizen hinzugefügt: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 created.</source>
        <translation>%1 angelegt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 updated.</source>
        <translation>%1 aktualisiert.</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../ui/orders/previewmodel.cpp" line="+75"/>
        <source>(new)</source>
        <translation>(neu)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (reference %2)</source>
        <translation>%1 (Referenz %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The next sync creates this record.</source>
        <translation>Die nächste Synchronisierung legt diesen Datensatz an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The next sync updates this record.</source>
        <translation>Die nächste Synchronisierung aktualisiert diesen Datensatz.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce already holds these values; the next sync leaves the record alone.</source>
        <translation>Salesforce hat diese Werte bereits; die nächste Synchronisierung lässt den Datensatz unverändert.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not in Salesforce yet</source>
        <translation>Noch nicht in Salesforce</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Record / Field</source>
        <translation>Datensatz / Feld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce ID</source>
        <translation>Salesforce-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next Sync Sends</source>
        <translation>Nächste Synchronisierung sendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce Now</source>
        <translation>Salesforce jetzt</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Insert</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No change</source>
        <translation>Keine Änderung</translation>
    </message>
</context>
<context>
    <name>RunNotifier</name>
    <message>
        <location filename="../ui/common/runnotifier.cpp" line="+18"/>
        <source>OrderBridge</source>
        <translation>OrderBridge</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>OrderBridge: sync errors</source>
        <translation>OrderBridge: Synchronisierungsfehler</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The last run ended with %n order(s) in error. Sales › Orders lists them; Retry Errors syncs them again.</source>
        <translation>
            <numerusform>Der letzte Lauf endete mit %n Bestellung mit Fehler. Verkäufe › Bestellungen listet sie auf; „Fehler wiederholen“ synchronisiert sie erneut.</numerusform>
            <numerusform>Der letzte Lauf endete mit %n Bestellungen mit Fehler. Verkäufe › Bestellungen listet sie auf; „Fehler wiederholen“ synchronisiert sie erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunSummaryText</name>
    <message>
        <location filename="../ui/common/runsummarytext.cpp" line="+14"/>
        <source>No new or changed orders.</source>
        <translation>Keine neuen oder geänderten Bestellungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in sync, %2 out of sync, %3 skipped, %4.</source>
        <translation>%1 synchron, %2 nicht synchron, %3 übersprungen, %4.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
</context>
<context>
    <name>SalesforceError</name>
    <message>
        <location filename="../core/salesforce/salesforceerror.cpp" line="+25"/>
        <source>Check that every product has an active Price Book Entry in the price book chosen in the Orders settings, and that the order uses that price book.</source>
        <translation>Prüfen Sie, ob jedes Produkt einen aktiven Preisbucheintrag in dem Preisbuch hat, das in den Bestelleinstellungen gewählt ist, und ob der Auftrag dieses Preisbuch verwendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add the value to the picklist in Salesforce Setup, or fix the Order Status mapping so it names an existing value.</source>
        <translation>Fügen Sie den Wert der Auswahlliste im Salesforce-Setup hinzu oder korrigieren Sie die Auftragsstatus-Zuordnung, sodass sie einen vorhandenen Wert nennt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Map the field named in the error in the field mappings, or give it a default value in Salesforce.</source>
        <translation>Ordnen Sie das im Fehler genannte Feld in den Feldzuordnungen zu oder geben Sie ihm in Salesforce einen Standardwert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value is longer than the Salesforce field allows: lengthen the field in Setup or map a shorter value.</source>
        <translation>Der Wert ist länger, als das Salesforce-Feld erlaubt: Verlängern Sie das Feld im Setup oder ordnen Sie einen kürzeren Wert zu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A record with this unique value already exists: make the external ID unique or merge the duplicate records in Salesforce.</source>
        <translation>Ein Datensatz mit diesem eindeutigen Wert ist bereits vorhanden: Machen Sie die externe ID eindeutig oder führen Sie die doppelten Datensätze in Salesforce zusammen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The record is locked (an activated order, or an approval): the Default Status must be a value of the Draft group so the order can be edited.</source>
        <translation>Der Datensatz ist gesperrt (ein aktivierter Auftrag oder eine Genehmigung): Der Standardstatus muss ein Wert der Gruppe „Draft“ (Entwurf) sein, damit der Auftrag bearbeitet werden kann.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create the custom field in Salesforce Setup (check its API name ends in __c), or fix the field mapping.</source>
        <translation>Legen Sie das benutzerdefinierte Feld im Salesforce-Setup an (prüfen Sie, ob sein API-Name auf __c endet) oder korrigieren Sie die Feldzuordnung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The field cannot be written (read-only, formula or not createable): remove it from the field mappings.</source>
        <translation>Das Feld kann nicht geschrieben werden (schreibgeschützt, Formel oder nicht erstellbar): Entfernen Sie es aus den Feldzuordnungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The org&apos;s daily API allowance is used up: synchronization resumes when the rolling 24-hour allowance frees calls, or ask Salesforce for a larger allowance.</source>
        <translation>Das tägliche API-Kontingent der Org ist aufgebraucht: Die Synchronisierung wird fortgesetzt, sobald das rollierende 24-Stunden-Kontingent wieder Aufrufe freigibt, oder fordern Sie bei Salesforce ein größeres Kontingent an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The Salesforce session expired and could not be renewed: connect to Salesforce again.</source>
        <translation>Die Salesforce-Sitzung ist abgelaufen und konnte nicht erneuert werden: Verbinden Sie sich erneut mit Salesforce.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another process was editing the same record; the operation is retried automatically.</source>
        <translation>Ein anderer Prozess hat denselben Datensatz bearbeitet; der Vorgang wird automatisch wiederholt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A referenced record (account, price book, product) does not exist or is not visible to the integration user: check the IDs in the settings and the user&apos;s sharing.</source>
        <translation>Ein referenzierter Datensatz (Account, Preisbuch, Produkt) ist nicht vorhanden oder für den Integrationsbenutzer nicht sichtbar: Prüfen Sie die IDs in den Einstellungen und die Freigaben des Benutzers.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An ID has the wrong format or object type: check the IDs in the settings.</source>
        <translation>Eine ID hat das falsche Format oder den falschen Objekttyp: Prüfen Sie die IDs in den Einstellungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The record or resource does not exist: check the object and external ID field names and the API version.</source>
        <translation>Der Datensatz oder die Ressource ist nicht vorhanden: Prüfen Sie die Namen des Objekts und des Felds mit der externen ID sowie die API-Version.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The record was deleted in Salesforce: restore it from the Recycle Bin or clear the stored link so it is created again.</source>
        <translation>Der Datensatz wurde in Salesforce gelöscht: Stellen Sie ihn aus dem Papierkorb wieder her oder entfernen Sie die gespeicherte Verknüpfung, damit er neu angelegt wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The object does not exist or the integration user cannot see it: check the object name and the user&apos;s profile.</source>
        <translation>Das Objekt ist nicht vorhanden oder für den Integrationsbenutzer nicht sichtbar: Prüfen Sie den Objektnamen und das Profil des Benutzers.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The generated SOQL was refused: report this together with the log.</source>
        <translation>Die erzeugte SOQL-Abfrage wurde abgelehnt: Melden Sie dies zusammen mit dem Protokoll.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the product&apos;s entry in the Standard Price Book before adding it to another price book.</source>
        <translation>Legen Sie den Eintrag des Produkts im Standardpreisbuch an, bevor Sie es einem anderen Preisbuch hinzufügen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A duplicate rule in Salesforce matched this record to an existing one. Set advanced.allow_duplicate_save to yes (Orders configuration, Advanced) to save past rules with an Alert action; a rule with a Block action must be changed to Alert, or the integration user excluded from it, in Setup &gt; Duplicate Rules.</source>
        <translation>Eine Duplikatregel in Salesforce hat diesen Datensatz einem vorhandenen zugeordnet. Setzen Sie advanced.allow_duplicate_save auf ja (Bestellkonfiguration, Erweitert), um trotz Regeln mit der Aktion Alert zu speichern; eine Regel mit der Aktion Block muss unter Setup &gt; Duplicate Rules auf Alert umgestellt oder der Integrationsbenutzer von ihr ausgenommen werden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A validation rule in the org refused the record: adjust the mapped values or the rule.</source>
        <translation>Eine Validierungsregel der Org hat den Datensatz abgelehnt: Passen Sie die zugeordneten Werte oder die Regel an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A trigger or flow in the org failed on this record: see the message and fix the automation or the data.</source>
        <translation>Ein Trigger oder Flow der Org ist bei diesem Datensatz fehlgeschlagen: Lesen Sie die Meldung und korrigieren Sie die Automatisierung oder die Daten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The integration user lacks permission: grant Create/Edit on the object in its profile or permission set.</source>
        <translation>Dem Integrationsbenutzer fehlt die Berechtigung: Erteilen Sie in seinem Profil oder Berechtigungssatz „Erstellen/Bearbeiten“ für das Objekt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The integration user cannot see a referenced record: check sharing on the account or price book.</source>
        <translation>Der Integrationsbenutzer kann einen referenzierten Datensatz nicht sehen: Prüfen Sie die Freigaben für den Account oder das Preisbuch.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Rolled back because another record of the same request failed: fix that error; this record is retried with it.</source>
        <translation>Zurückgesetzt, weil ein anderer Datensatz derselben Anfrage fehlgeschlagen ist: Beheben Sie diesen Fehler; dieser Datensatz wird dann mit ihm erneut versucht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The org&apos;s edition has no API access: use an edition with API access or enable it.</source>
        <translation>Die Edition der Org hat keinen API-Zugriff: Verwenden Sie eine Edition mit API-Zugriff oder aktivieren Sie ihn.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API access is disabled for the integration user: enable &quot;API Enabled&quot; in its profile.</source>
        <translation>Der API-Zugriff ist für den Integrationsbenutzer deaktiviert: Aktivieren Sie „API Enabled“ in seinem Profil.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce could not read the request: report this together with the log.</source>
        <translation>Salesforce konnte die Anfrage nicht lesen: Melden Sie dies zusammen mit dem Protokoll.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce sent a reply that could not be read; the operation is retried, and if it persists check for a proxy between this computer and Salesforce.</source>
        <translation>Salesforce hat eine Antwort gesendet, die nicht gelesen werden konnte; der Vorgang wird wiederholt. Wenn das Problem bestehen bleibt, prüfen Sie, ob ein Proxy zwischen diesem Computer und Salesforce liegt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the network connection and the instance URL.</source>
        <translation>Prüfen Sie die Netzwerkverbindung und die Instanz-URL.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce did not answer in time; check the network connection.</source>
        <translation>Salesforce hat nicht rechtzeitig geantwortet; prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the username, and that the password has the security token appended (or that this computer&apos;s IP is trusted); check that the username-password flow is enabled for the org (&quot;Allow OAuth Username-Password Flows&quot;) and that the connected app is allowed for the user.</source>
        <translation>Prüfen Sie den Benutzernamen und ob an das Passwort das Sicherheitstoken angehängt ist (oder ob die IP dieses Computers vertrauenswürdig ist); prüfen Sie, ob das Benutzername-Passwort-Verfahren für die Org aktiviert ist („Allow OAuth Username-Password Flows“) und ob die verbundene App für den Benutzer zugelassen ist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The consumer key is not known to this org: copy it again from the connected app and check the login URL (login.salesforce.com, test.salesforce.com or My Domain).</source>
        <translation>Der Verbraucherschlüssel ist dieser Org nicht bekannt: Kopieren Sie ihn erneut aus der verbundenen App und prüfen Sie die Login-URL (login.salesforce.com, test.salesforce.com oder My Domain).</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>The consumer secret is wrong: copy it again from the connected app.</source>
        <translation>Das Verbrauchergeheimnis ist falsch: Kopieren Sie es erneut aus der verbundenen App.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The flow is not enabled for the connected app: enable it in its OAuth settings.</source>
        <translation>Das Verfahren ist für die verbundene App nicht aktiviert: Aktivieren Sie es in ihren OAuth-Einstellungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user is not allowed to use the connected app: pre-authorize it (Permitted Users: Admin approved users are pre-authorized, then add the user&apos;s profile or permission set).</source>
        <translation>Der Benutzer darf die verbundene App nicht verwenden: Autorisieren Sie ihn vorab (Permitted Users: Admin approved users are pre-authorized, dann das Profil oder den Berechtigungssatz des Benutzers hinzufügen).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The integration user is deactivated: activate it or use another user.</source>
        <translation>Der Integrationsbenutzer ist deaktiviert: Aktivieren Sie ihn oder verwenden Sie einen anderen Benutzer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The org is locked, closed or suspended: contact the Salesforce administrator.</source>
        <translation>Die Org ist gesperrt, geschlossen oder ausgesetzt: Wenden Sie sich an den Salesforce-Administrator.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Too many sign-in attempts: wait a few minutes and try again.</source>
        <translation>Zu viele Anmeldeversuche: Warten Sie einige Minuten und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sign-in request was refused: check the redirect URI and PKCE settings of the connected app.</source>
        <translation>Die Anmeldeanfrage wurde abgelehnt: Prüfen Sie die Redirect-URI und die PKCE-Einstellungen der verbundenen App.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sign-in was cancelled in the browser: connect again and allow access.</source>
        <translation>Die Anmeldung wurde im Browser abgebrochen: Verbinden Sie sich erneut und erlauben Sie den Zugriff.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add the loopback callback URL shown in the error to the connected app&apos;s Callback URLs.</source>
        <translation>Fügen Sie die im Fehler angezeigte Loopback-Callback-URL zu den Callback-URLs der verbundenen App hinzu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Map %1 in the field mappings, or give it a default value in Salesforce.</source>
        <translation>Ordnen Sie %1 in den Feldzuordnungen zu oder geben Sie dem Feld in Salesforce einen Standardwert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the custom field %1 in Salesforce Setup, or fix the field mapping.</source>
        <translation>Legen Sie das benutzerdefinierte Feld %1 im Salesforce-Setup an oder korrigieren Sie die Feldzuordnung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order is Activated in Salesforce, and changing an Activated order or its products needs the &quot;Edit Activated Orders&quot; permission. Grant it to the integration user (a permission set with Edit Activated Orders), or map the Magento statuses so orders reach an Activated status only once they no longer change; then retry the order.</source>
        <translation>Die Bestellung ist in Salesforce aktiviert, und eine aktivierte Bestellung oder ihre Produkte zu ändern erfordert die Berechtigung &quot;Edit Activated Orders&quot;. Geben Sie sie dem Integrationsbenutzer (ein Berechtigungssatz mit Edit Activated Orders) oder ordnen Sie die Magento-Status so zu, dass Bestellungen erst dann einen aktivierten Status erreichen, wenn sie sich nicht mehr ändern; wiederholen Sie dann die Bestellung.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Salesforce refused to activate the order: setting an Activated status needs the &quot;Activate Orders&quot; permission (and later changes to the order &quot;Edit Activated Orders&quot;). Run `orderbridge-cli setup salesforce`, or Prepare Salesforce… on Salesforce › Connection in the console, to grant both to the integration user (or turn them on in a permission set assigned to it); then retry the order.</source>
        <translation>Salesforce hat das Aktivieren des Auftrags abgelehnt: Ein aktivierter Status braucht die Berechtigung „Activate Orders“ (und spätere Änderungen am Auftrag „Edit Activated Orders“). Führen Sie `orderbridge-cli setup salesforce` aus oder „Salesforce vorbereiten…“ unter Salesforce › Verbindung in der Konsole, um beide dem Integrationsbenutzer zu erteilen (oder schalten Sie sie in einem ihm zugewiesenen Berechtigungssatz ein); wiederholen Sie dann den Auftrag.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Check the username and the password (with the security token appended unless this computer&apos;s IP address is trusted). If they are right, the org blocks the username-password flow, as orgs created since Summer &apos;23 do by default: choose the browser or JWT sign-in in Salesforce › Connection (`orderbridge-cli connect salesforce --flow browser|jwt`), or have an administrator turn on &quot;Allow OAuth Username-Password Flows&quot; in Setup › OAuth and OpenID Connect Settings.</source>
        <translation>Prüfen Sie Benutzername und Passwort (mit angehängtem Sicherheitstoken, sofern die IP-Adresse dieses Computers nicht vertrauenswürdig ist). Stimmen sie, sperrt die Org den Benutzername-Passwort-Ablauf, wie es seit Summer &apos;23 angelegte Orgs standardmäßig tun: Wählen Sie unter Salesforce › Verbindung die Anmeldung per Browser oder JWT (`orderbridge-cli connect salesforce --flow browser|jwt`), oder lassen Sie einen Administrator unter Setup › OAuth and OpenID Connect Settings „Allow OAuth Username-Password Flows“ einschalten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The stored refresh token expired or was revoked, and OrderBridge dropped it: connect to Salesforce again. The next sync or Test Connection starts the browser sign-in (on the command line, `orderbridge-cli connect salesforce …` also drops it).</source>
        <translation>Das gespeicherte Refresh-Token ist abgelaufen oder wurde widerrufen, und OrderBridge hat es verworfen: Verbinden Sie sich erneut mit Salesforce. Die nächste Synchronisierung oder „Verbindung testen“ startet die Anmeldung im Browser (auf der Kommandozeile verwirft auch `orderbridge-cli connect salesforce …` es).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The stored refresh token expired or was revoked: connect to Salesforce again.</source>
        <translation>Das gespeicherte Refresh-Token ist abgelaufen oder wurde widerrufen: Verbinden Sie sich erneut mit Salesforce.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce refused the JWT audience taken from the login URL: a sandbox org signs in through https://test.salesforce.com or its *.sandbox.my.salesforce.com My Domain, a production org through https://login.salesforce.com or its *.my.salesforce.com My Domain. Correct the login URL.</source>
        <translation>Salesforce hat die aus der Anmelde-URL gebildete JWT-Audience abgelehnt: Eine Sandbox-Org meldet sich über https://test.salesforce.com oder ihre *.sandbox.my.salesforce.com-My-Domain an, eine Produktiv-Org über https://login.salesforce.com oder ihre *.my.salesforce.com-My-Domain. Korrigieren Sie die Anmelde-URL.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pre-authorize the connected app for this user: in the app&apos;s policies choose &quot;Admin approved users are pre-authorized&quot; and add the user&apos;s profile or permission set (the JWT flow has no consent screen).</source>
        <translation>Autorisieren Sie die verbundene App für diesen Benutzer vorab: Wählen Sie in den Richtlinien der App „Admin approved users are pre-authorized“ und fügen Sie das Profil oder den Berechtigungssatz des Benutzers hinzu (der JWT-Ablauf hat keinen Zustimmungsdialog).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The JWT signature was refused: upload the certificate that belongs to this private key to the connected app.</source>
        <translation>Die JWT-Signatur wurde abgelehnt: Laden Sie das zu diesem privaten Schlüssel gehörende Zertifikat in die verbundene App hoch.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer&apos;s IP address is not trusted: append the security token to the password or relax the connected app&apos;s IP restrictions.</source>
        <translation>Die IP-Adresse dieses Computers ist nicht vertrauenswürdig: Hängen Sie das Sicherheitstoken an das Passwort an oder lockern Sie die IP-Beschränkungen der verbundenen App.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PKCE check failed: start the browser sign-in again.</source>
        <translation>Die PKCE-Prüfung ist fehlgeschlagen: Starten Sie die Anmeldung im Browser erneut.</translation>
    </message>
</context>
<context>
    <name>SettingsUpdate</name>
    <message>
        <location filename="../core/sync/settingsupdate.cpp" line="+115"/>
        <source>Default Status &quot;%1&quot; is not a Draft value of the org&apos;s Order Status picklist.</source>
        <translation>Standardstatus „%1“ ist kein Wert der Kategorie „Draft“ (Entwurf) in der Auswahlliste „Auftragsstatus“ der Org.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose one of: %1.</source>
        <translation>Wählen Sie einen der folgenden Werte: %1.</translation>
    </message>
</context>
<context>
    <name>SyncHealthStrip</name>
    <message>
        <location filename="../ui/orders/synchealthstrip.cpp" line="+20"/>
        <source>Sync health</source>
        <translation>Synchronisierungszustand</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the orders that are %1</source>
        <translation>Die Bestellungen mit dem Status „%1“ anzeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last run: none yet</source>
        <translation>Letzter Lauf: noch keiner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next run</source>
        <translation>Nächster Lauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Retry Errors</source>
        <translation>Fehler wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue the orders in Error again and sync them now</source>
        <translation>Die Bestellungen mit Fehler erneut einreihen und jetzt synchronisieren</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 orders: %2</source>
        <translation>%1 Bestellungen: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last run %1: %2</source>
        <translation>Letzter Lauf %1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next run: on Sync Now</source>
        <translation>Nächster Lauf: bei „Jetzt synchronisieren“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automated Synchronization is off (Salesforce › Orders): orders are synced when you choose Sync Now.</source>
        <translation>Die automatische Synchronisierung ist aus (Salesforce › Bestellungen): Bestellungen werden synchronisiert, wenn Sie „Jetzt synchronisieren“ wählen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next run %1</source>
        <translation>Nächster Lauf %1</translation>
    </message>
</context>
<context>
    <name>SyncStart</name>
    <message>
        <location filename="../core/sync/syncstart.cpp" line="+52"/>
        <source>Orders created before %1 (orders.sync_since) are left alone, so the first sync does not bring the store&apos;s history into Salesforce. To bring older orders in, backfill from a date: `orderbridge-cli sync --since 2026-01-01` (add --dry-run for a preview), or Orders › Backfill from date… in the console.</source>
        <translation>Vor %1 angelegte Bestellungen (orders.sync_since) bleiben unberührt, damit die erste Synchronisierung nicht die ganze Vergangenheit des Shops nach Salesforce bringt. Ältere Bestellungen holen Sie ab einem Datum nach: `orderbridge-cli sync --since 2026-01-01` (mit --dry-run als Vorschau) oder Bestellungen › Nachholen ab Datum… in der Konsole.</translation>
    </message>
</context>
<context>
    <name>SyncStatusDelegate</name>
    <message>
        <location filename="../ui/orders/syncstatusdelegate.cpp" line="+81"/>
        <source>Open the Salesforce Order in the browser</source>
        <translation>Den Salesforce-Auftrag im Browser öffnen</translation>
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
        <translation>Synchron: Der Salesforce-Auftrag entspricht der Magento-Bestellung.</translation>
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
        <location filename="../app/gui/main.cpp" line="+44"/>
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
    <message>
        <location line="+43"/>
        <source>Demo not started</source>
        <translation>Demo nicht gestartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo could not be started. Run &quot;orderbridge --demo&quot; from a terminal to see why.</source>
        <translation>Die Demo konnte nicht gestartet werden. Starten Sie „orderbridge --demo“ in einem Terminal, um den Grund zu sehen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Secret not stored</source>
        <translation>Geheimnis nicht gespeichert</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Demo: sandbox store at %1, data in %2</source>
        <translation>Demo: Sandbox-Shop unter %1, Daten in %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OrderBridge Demo</source>
        <translation>OrderBridge-Demo</translation>
    </message>
</context>
</TS>
