#pragma once

class QWidget;

/// Width of a Salesforce ID column: an 18-character ID in the view's font, with the cell's margins.
/// The grid and the order dialog's preview both size their ID columns with it.
[[nodiscard]] int salesforceIdColumnWidth(const QWidget *view);
