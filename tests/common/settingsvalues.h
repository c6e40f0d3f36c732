#pragma once

#include "asyncresult.h"

#include "common/error.h"
#include "settings/settings.h"

#include <QString>

#include <initializer_list>
#include <utility>

/// Settings from their defaults with `values` (key, text) set in order: the settings, or the error of
/// the first value Settings::set refused (it names the key).
inline OrderBridge::Result<OrderBridge::Settings> settingsWith(std::initializer_list<std::pair<QString, QString>> values)
{
    OrderBridge::Settings settings;
    for (const auto &[key, text] : values) {
        const OrderBridge::Result<void> set = settings.set(key, text);
        if (!set)
            return std::unexpected(set.error());
    }
    return settings;
}
