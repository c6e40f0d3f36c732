#pragma once

#include <QLabel>

/// A one-line label that gives way to its neighbours: when narrower than its text it shows the start of
/// the text and "…" (never a cut-off word), and its tooltip, accessible text and text() keep the whole.
class ElidingLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidingLabel(const QString &text = {}, QWidget *parent = nullptr);

    /// The text as drawn at the current width.
    [[nodiscard]] QString shownText() const;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};
