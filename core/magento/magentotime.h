#pragma once

#include <QDateTime>
#include <QString>

namespace OrderBridge::MagentoTime {

/// Magento's "YYYY-MM-DD HH:MM:SS" (UTC, one-second resolution) from a QDateTime.
[[nodiscard]] QString format(const QDateTime &time);
/// Parses Magento's "YYYY-MM-DD HH:MM:SS" as UTC; an invalid QDateTime when the text is not that format.
[[nodiscard]] QDateTime parse(const QString &text);

} // namespace OrderBridge::MagentoTime
