#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// The realistic Magento order (configurable parent + child line, non-ASCII names, negative discount).
inline QJsonObject loadMagentoOrderFixture()
{
    QFile file(QFINDTESTDATA("data/magento-order.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open the Magento order fixture");
    return QJsonDocument::fromJson(file.readAll()).object();
}
