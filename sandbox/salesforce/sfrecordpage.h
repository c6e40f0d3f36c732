#pragma once

#include "httpexchange.h"
#include "sfrecordstore.h"

namespace Sandbox {

/// GET /lightning/r/{Object}/{id}/view: a plain HTML record page (details, and the related lists Order
/// Products and Notes & Attachments) so that links to Salesforce records open something real in a browser.
class SfRecordPage
{
public:
    explicit SfRecordPage(const SfRecordStore &store);

    [[nodiscard]] HttpResponse render(const QString &objectName, const QString &idText) const;

private:
    [[nodiscard]] QString valueCell(const SfField &field, const QJsonValue &value) const;
    [[nodiscard]] QString relatedOrderProducts(const QString &orderId) const;
    [[nodiscard]] QString relatedNotes(const QString &parentId) const;
    [[nodiscard]] QString nameOf(const QString &id) const;

    const SfRecordStore &m_store;
};

} // namespace Sandbox
