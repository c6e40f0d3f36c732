<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="6"/>
        <source>OrderBridge</source>
        <translation>OrderBridge</translation>
    </message>
</context>
</TS>
