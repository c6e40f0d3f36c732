#pragma once

#include <QString>

namespace OrderBridge {

/// Translates, for display, the texts the sync stores in English: the planner's reasons, errors
/// and notices (PlannerText) and the hints of Salesforce errors (SalesforceError::hintSources()).
/// Stored data stays in one language whatever the language of the process that synced, and rows
/// stored before a translation existed are shown translated too. A text is recognised by its
/// English source, with the values in its %1, %2… kept as they were stored.
class StoredText
{
public:
    /// `text` in the language of the installed translators: a planner text, a planner error's
    /// message and hint joined by a space (Error::toString()), a Salesforce error hint, or any
    /// text ending in a space and such a hint; any other text comes back unchanged.
    [[nodiscard]] static QString translated(const QString &text);
};

} // namespace OrderBridge
