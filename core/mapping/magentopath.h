#pragma once

#include "common/error.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace OrderBridge {

/// A parsed path into the Magento REST order JSON.
///
/// Grammar: `segment ('.' segment)*`, `segment = name ('[' index? ']')*`, `name = [A-Za-z0-9_-]+`.
/// - `billing_address.city` walks objects;
/// - `billing_address.street[0]` picks an array element; `[]` takes every element (`items[].sku` gives
///   a list of all SKUs);
/// - on an array of `{"attribute_code": ..., "value": ...}` objects (Magento's `custom_attributes`),
///   a name selects the element with that attribute_code and yields its value: `custom_attributes.color`.
/// Missing keys and nulls evaluate to an undefined value (the mapping's default applies); walking into a
/// value of the wrong kind (an index into an object, a name into a string) is an error.
class MagentoPath
{
public:
    struct Step
    {
        enum class Kind { Key, Index, All };
        Kind kind = Kind::Key;
        QString key;
        qsizetype index = 0;
        friend bool operator==(const Step &, const Step &) = default;
    };

    /// Parses `text`; the error names the column and the problem.
    static Result<MagentoPath> parse(const QString &text);

    /// Evaluates the path on `root`. Undefined when a key is missing or null; an array when the path has `[]`.
    [[nodiscard]] Result<QJsonValue> evaluate(const QJsonValue &root) const;

    [[nodiscard]] const QList<Step> &steps() const { return m_steps; }
    /// True when the path contains `[]` and so yields a list.
    [[nodiscard]] bool isMultiValued() const;
    /// Normalised text of the path.
    [[nodiscard]] QString toString() const;

private:
    QList<Step> m_steps;
};

} // namespace OrderBridge
