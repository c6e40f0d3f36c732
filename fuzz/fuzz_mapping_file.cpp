// The mapping import file parser (MappingFile::read); what it accepts must survive write() and read() again.
#include "mapping/mappingfile.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace OrderBridge;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto entries = MappingFile::read(bytes);
    if (!entries)
        return 0;
    FieldMappingList mappings;
    for (const MappingFile::Entry &e : *entries)
        mappings.append(e.mapping);
    // Property: an accepted file, written back, reads again with the same number of entries.
    const auto again = MappingFile::read(MappingFile::write(mappings));
    if (!again || again->size() != entries->size()) {
        std::fprintf(stderr, "mapping file round trip failed: %s\n",
                     again ? "entry count differs" : qPrintable(again.error().message));
        std::abort();
    }
    return 0;
}
