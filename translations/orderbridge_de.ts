<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+16"/>
        <source>OrderBridge</source>
        <translation>OrderBridge</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+12"/>
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
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+45"/>
        <source>Keeps a Magento 2 store&apos;s orders in Salesforce.</source>
        <translation>Hält die Bestellungen eines Magento-2-Shops in Salesforce aktuell.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start on the built-in demo (a sandbox store and org).</source>
        <translation>Mit der eingebauten Demo starten (ein Sandbox-Shop und eine Sandbox-Org).</translation>
    </message>
</context>
</TS>
