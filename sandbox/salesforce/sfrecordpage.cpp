#include "sfrecordpage.h"

#include "sfid.h"

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString link(const QString &type, const QString &id, const QString &text)
{
    return u"<a href=\"/lightning/r/"_s + type + u'/' + id + u"/view\">"_s + esc(text) + u"</a>"_s;
}

QString money(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined() ? QString() : QString::number(v.toDouble(), 'f', 2);
}

HttpResponse notFoundPage()
{
    return HttpResponse::raw(404,
                             "<!DOCTYPE html><html><head><title>Record not found</title></head><body>"
                             "<h1>Looks like there's a problem.</h1><p>The record you're looking for doesn't exist "
                             "or was deleted.</p></body></html>",
                             "text/html;charset=UTF-8");
}

} // namespace

SfRecordPage::SfRecordPage(const SfRecordStore &store)
    : m_store(store)
{
}

QString SfRecordPage::nameOf(const QString &id) const
{
    const SfRecord *r = m_store.find(id);
    if (!r)
        return id;
    for (const auto &key : {u"Name"_s, u"OrderNumber"_s, u"Title"_s, u"MasterLabel"_s}) {
        const QString v = r->fields.value(key).toString();
        if (!v.isEmpty())
            return v;
    }
    return id;
}

QString SfRecordPage::valueCell(const SfField &field, const QJsonValue &value) const
{
    if (value.isNull() || value.isUndefined())
        return {};
    if (field.type == u"reference") {
        const SfRecord *target = m_store.find(value.toString());
        return target ? link(target->type, value.toString(), nameOf(value.toString())) : esc(value.toString());
    }
    if (field.type == u"boolean")
        return value.toBool() ? u"&#10003;"_s : QString();
    if (field.type == u"currency")
        return money(value);
    if (field.isNumber())
        return QString::number(value.toDouble(), 'g', 15);
    if (field.type == u"base64")
        return esc(QString::fromUtf8(QByteArray::fromBase64(value.toString().toLatin1())));
    return esc(value.toString());
}

QString SfRecordPage::relatedOrderProducts(const QString &orderId) const
{
    QString rows;
    int count = 0;
    for (const auto &id : m_store.children(u"OrderItem"_s, u"OrderId"_s, orderId)) {
        const SfRecord *item = m_store.find(id);
        if (!item || item->deleted)
            continue;
        ++count;
        const QString product = item->fields.value(u"Product2Id"_s).toString();
        const SfRecord *p = m_store.find(product);
        rows += u"<tr><td>"_s + link(u"OrderItem"_s, id, item->fields.value(u"OrderItemNumber"_s).toString())
            + u"</td><td>"_s + (p ? link(u"Product2"_s, product, nameOf(product)) : QString()) + u"</td><td>"_s
            + esc(p ? p->fields.value(u"ProductCode"_s).toString() : QString()) + u"</td><td>"_s
            + QString::number(item->fields.value(u"Quantity"_s).toDouble(), 'g', 15) + u"</td><td>"_s
            + money(item->fields.value(u"UnitPrice"_s)) + u"</td><td>"_s + money(item->fields.value(u"TotalPrice"_s))
            + u"</td></tr>\n"_s;
    }
    return u"<section id=\"order-products\"><h2>Order Products ("_s + QString::number(count)
        + u")</h2>\n<table><tr><th>Order Product Number</th><th>Product</th><th>Product Code</th><th>Quantity</th>"
          "<th>Unit Price</th><th>Total Price</th></tr>\n"_s
        + rows + u"</table></section>\n"_s;
}

QString SfRecordPage::relatedNotes(const QString &parentId) const
{
    QString rows;
    int count = 0;
    for (const auto &id : m_store.children(u"Note"_s, u"ParentId"_s, parentId)) {
        const SfRecord *note = m_store.find(id);
        if (!note || note->deleted)
            continue;
        ++count;
        rows += u"<tr><td>Note</td><td>"_s + link(u"Note"_s, id, note->fields.value(u"Title"_s).toString())
            + u"</td><td>"_s + esc(note->fields.value(u"Body"_s).toString()) + u"</td><td>"_s
            + esc(note->fields.value(u"LastModifiedDate"_s).toString()) + u"</td></tr>\n"_s;
    }
    for (const auto &linkId : m_store.children(u"ContentDocumentLink"_s, u"LinkedEntityId"_s, parentId)) {
        const SfRecord *l = m_store.find(linkId);
        const SfRecord *doc = l && !l->deleted ? m_store.find(l->fields.value(u"ContentDocumentId"_s).toString())
                                               : nullptr;
        if (!doc || doc->deleted)
            continue;
        ++count;
        rows += u"<tr><td>Note</td><td>"_s + link(u"ContentNote"_s, doc->id(), doc->fields.value(u"Title"_s).toString())
            + u"</td><td>"_s
            + esc(QString::fromUtf8(QByteArray::fromBase64(doc->fields.value(u"Content"_s).toString().toLatin1())))
            + u"</td><td>"_s + esc(doc->fields.value(u"LastModifiedDate"_s).toString()) + u"</td></tr>\n"_s;
    }
    return u"<section id=\"notes\"><h2>Notes &amp; Attachments ("_s + QString::number(count)
        + u")</h2>\n<table><tr><th>Type</th><th>Title</th><th>Body</th><th>Last Modified</th></tr>\n"_s + rows
        + u"</table></section>\n"_s;
}

HttpResponse SfRecordPage::render(const QString &objectName, const QString &idText) const
{
    const SfObjectType *type = m_store.schema().object(objectName);
    const auto id = SfId::normalize(idText);
    const SfRecord *record = id ? m_store.find(*id) : nullptr;
    if (!type || !record || record->deleted || record->type != type->name)
        return notFoundPage();
    QString details;
    for (const auto &f : type->fields) {
        details += u"<tr><th>"_s + esc(f.label) + u"</th><td data-field=\""_s + f.name + u"\">"_s
            + valueCell(f, record->fields.value(f.name)) + u"</td></tr>\n"_s;
    }
    QString related;
    if (type->name == u"Order")
        related += relatedOrderProducts(*id);
    if (type->child(u"Notes"_s) || type->child(u"ContentDocumentLinks"_s))
        related += relatedNotes(*id);
    const QString title = type->label + u": "_s + nameOf(*id);
    const QString html =
        u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"_s + esc(title)
        + u" | Salesforce (sandbox)</title><style>body{font-family:sans-serif;margin:24px;background:#f3f3f3}"
          "section,header{background:#fff;padding:12px 16px;margin-bottom:12px;border-radius:4px}"
          "table{border-collapse:collapse}th,td{text-align:left;padding:4px 10px;border-bottom:1px solid #ddd}"
          "</style></head><body>\n<header><p>"_s
        + esc(type->label) + u"</p><h1>"_s + esc(nameOf(*id)) + u"</h1><p>Id: <code>"_s + *id
        + u"</code></p></header>\n<section id=\"details\"><h2>Details</h2><table>\n"_s + details
        + u"</table></section>\n"_s + related + u"</body></html>\n"_s;
    return HttpResponse::raw(200, html.toUtf8(), "text/html;charset=UTF-8");
}

} // namespace Sandbox
