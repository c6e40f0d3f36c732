#include "catalog.h"

namespace Sandbox {

const CatalogProduct *Catalog::productById(int id) const
{
    for (const auto &p : products) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

const CatalogProduct *Catalog::productBySku(const QString &sku) const
{
    for (const auto &p : products) {
        if (p.sku == sku)
            return &p;
    }
    return nullptr;
}

Catalog generateCatalog(quint64 seed)
{
    Q_UNUSED(seed);
    return {};
}

} // namespace Sandbox
