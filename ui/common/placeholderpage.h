#pragma once

#include <QWidget>

/// Placeholder for a console page another part of the console issue fills in (Salesforce › Orders,
/// Fields Mapping, Connection, Log): it shows the page's title only. Replace it, do not extend it.
class PlaceholderPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPage)

public:
    explicit PlaceholderPage(const QString &title, QWidget *parent = nullptr);
    ~PlaceholderPage() override;
};
