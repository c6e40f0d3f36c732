#include "testdata.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

QString testDataPath(const QString &relative)
{
    return QStringLiteral(ORDERBRIDGE_TEST_DATA_DIR "/") + relative;
}

QJsonObject loadMagentoOrderFixture()
{
    QFile file(testDataPath(QStringLiteral("magento/order.json")));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open the Magento order fixture %s", qPrintable(file.fileName()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        qFatal("the Magento order fixture is not a JSON object: %s", qPrintable(error.errorString()));
    return document.object();
}
