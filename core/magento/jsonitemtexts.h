#pragma once

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace OrderBridge {

/// The text of each element of the array under a top-level key of a JSON object, as it appears in `body`
/// (views into it), without parsing the elements. A search reply keeps its orders in {"items":[…]}; the
/// sync stores each order as Magento wrote it instead of serialising the parsed order again.
///
/// Only scans: it finds where values begin and end (strings, escapes, nesting) and trusts the caller to
/// have parsed `body` as JSON already. std::nullopt when the body is not an object, the key is missing or
/// not an array, or the text ends early; the caller then falls back to serialising.
[[nodiscard]] std::optional<QList<QByteArrayView>> jsonItemTexts(QByteArrayView body, QByteArrayView key);

} // namespace OrderBridge
