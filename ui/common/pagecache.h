#pragma once

#include <QHash>
#include <QList>

#include <optional>
#include <utility>

/// The rows of a lazily paged SQL table model that are in memory: pages of PageSize rows by page
/// number, at most MaxPages of them, the least recently used going first when another is read.
///
/// OrdersTableModel and LogTableModel read their rows through it; the model keeps the row count
/// and says how a page is read (the `load` callable of rowAt()).
template <typename Row, int PageSize, int MaxPages>
class PageCache
{
public:
    [[nodiscard]] static constexpr int pageSize() { return PageSize; }
    [[nodiscard]] static constexpr int maxPages() { return MaxPages; }

    /// The row at `row` (0 <= row < the model's row count), reading its page with
    /// `load(int offset, int limit) -> std::optional<QList<Row>>` when it is not cached;
    /// nullptr when the page cannot be read or is shorter than expected.
    template <typename Load>
    [[nodiscard]] const Row *rowAt(int row, Load &&load)
    {
        const int page = row / PageSize;
        if (!m_pages.contains(page)) {
            std::optional<QList<Row>> rows = std::forward<Load>(load)(page * PageSize, PageSize);
            if (!rows)
                return nullptr;
            while (m_use.size() >= MaxPages)
                m_pages.remove(m_use.takeFirst());
            m_pages.insert(page, std::move(*rows));
            m_use.append(page);
        } else if (m_use.isEmpty() || m_use.constLast() != page) {
            m_use.removeOne(page);
            m_use.append(page);
        }
        const QList<Row> &rows = m_pages[page];
        const int offset = row % PageSize;
        return offset < rows.size() ? &rows.at(offset) : nullptr;
    }

    /// Calls `visit(int row, Row &value)` for every cached row (any order), letting it update them.
    template <typename Visit>
    void forEachCachedRow(Visit &&visit)
    {
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            QList<Row> &rows = it.value();
            for (int i = 0; i < rows.size(); ++i)
                visit(it.key() * PageSize + i, rows[i]);
        }
    }

    void clear()
    {
        m_pages.clear();
        m_use.clear();
    }
    [[nodiscard]] int pageCount() const { return int(m_pages.size()); }

private:
    QHash<int, QList<Row>> m_pages;
    QList<int> m_use; ///< page numbers, least recently used first
};
