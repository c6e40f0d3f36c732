#pragma once

#include <QJsonObject>
#include <QString>

// The data the tests share lives once, under tests/data of the source tree; tests find it here
// rather than through copies beside each test folder.

/// The absolute path of `relative` below tests/data.
[[nodiscard]] QString testDataPath(const QString &relative);

/// The realistic Magento order (configurable parent + child line, non-ASCII names, negative
/// discount) from tests/data/magento/order.json; aborts the test when it cannot be read.
[[nodiscard]] QJsonObject loadMagentoOrderFixture();
