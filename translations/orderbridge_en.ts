<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BackfillDialog</name>
    <message numerus="yes">
        <source>%n order(s) created since %1.</source>
        <translation>
            <numerusform>%n order created since %1.</numerusform>
            <numerusform>%n orders created since %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Syncing them takes about %n Salesforce API call(s).</source>
        <translation>
            <numerusform>Syncing them takes about %n Salesforce API call.</numerusform>
            <numerusform>Syncing them takes about %n Salesforce API calls.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message numerus="yes">
        <source>Connection test passed: %n check(s) OK.</source>
        <translation>
            <numerusform>Connection test passed: %n check OK.</numerusform>
            <numerusform>Connection test passed: %n checks OK.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connection test: %n check(s) failed.</source>
        <translation>
            <numerusform>Connection test: %n check failed.</numerusform>
            <numerusform>Connection test: %n checks failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FieldsMappingPage</name>
    <message numerus="yes">
        <source>Imported %n mapping(s) from %1; press Save Mapper to store them.</source>
        <translation>
            <numerusform>Imported %n mapping from %1; press Save Mapper to store it.</numerusform>
            <numerusform>Imported %n mappings from %1; press Save Mapper to store them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n mapping(s); press Save Mapper to store the change.</source>
        <translation>
            <numerusform>Removed %n mapping; press Save Mapper to store the change.</numerusform>
            <numerusform>Removed %n mappings; press Save Mapper to store the change.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n log entries.</source>
        <translation>
            <numerusform>Copied %n log entry.</numerusform>
            <numerusform>Copied %n log entries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n error(s) to %1.</source>
        <translation>
            <numerusform>Exported %n error to %1.</numerusform>
            <numerusform>Exported %n errors to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Sales › Orders, %n order(s) in error</source>
        <translation>
            <numerusform>Sales › Orders, %n order in error</numerusform>
            <numerusform>Sales › Orders, %n orders in error</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderBridge::ConnectionChecker</name>
    <message numerus="yes">
        <source>Signed in; %n order(s) visible.</source>
        <translation>
            <numerusform>Signed in; %n order visible.</numerusform>
            <numerusform>Signed in; %n orders visible.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderBridge::OrgSetup</name>
    <message numerus="yes">
        <source>%n more field(s) the mappings write are present and writable.</source>
        <translation>
            <numerusform>%n more field the mappings write is present and writable.</numerusform>
            <numerusform>%n more fields the mappings write are present and writable.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message numerus="yes">
        <source>Queued %n order(s) in Error again.</source>
        <translation>
            <numerusform>Queued %n order in Error again.</numerusform>
            <numerusform>Queued %n orders in Error again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) found</source>
        <translation>
            <numerusform>%n record found</numerusform>
            <numerusform>%n records found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n order(s) to %1…</source>
        <translation>
            <numerusform>Exporting %n order to %1…</numerusform>
            <numerusform>Exporting %n orders to %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n order(s) to %1.</source>
        <translation>
            <numerusform>Exported %n order to %1.</numerusform>
            <numerusform>Exported %n orders to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunNotifier</name>
    <message numerus="yes">
        <source>The last run ended with %n order(s) in error. Sales › Orders lists them; Retry Errors syncs them again.</source>
        <translation>
            <numerusform>The last run ended with %n order in error. Sales › Orders lists it; Retry Errors syncs it again.</numerusform>
            <numerusform>The last run ended with %n orders in error. Sales › Orders lists them; Retry Errors syncs them again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunSummaryText</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
</context>
</TS>
