// The settings import (Settings::applyJsonDocument): all or nothing, whatever the document.
#include "settings/settings.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace OrderBridge;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    Settings settings;
    const Settings before = settings;
    const auto applied = settings.applyJsonDocument(bytes);
    // Properties: a refused import changes nothing; an accepted one leaves valid settings.
    if (!applied && !(settings == before)) {
        std::fprintf(stderr, "a refused settings import changed the settings\n");
        std::abort();
    }
    if (applied && !settings.validate()) {
        std::fprintf(stderr, "an accepted settings import left invalid settings\n");
        std::abort();
    }
    (void)settings.toJson();
    return 0;
}
