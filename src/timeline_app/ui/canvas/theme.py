"""Colours and fonts that follow the system's light or dark palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette


@dataclass(frozen=True)
class Theme:
    background: QColor
    lane_stripe: QColor
    gutter: QColor
    text: QColor
    muted_text: QColor
    grid_minor: QColor
    grid_major: QColor
    highlight: QColor
    today: QColor
    dark: bool

    @classmethod
    def from_palette(cls, palette: QPalette | None = None) -> Theme:
        palette = palette or QGuiApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightnessF() < 0.5
        def mix(amount: float) -> QColor:
            return QColor.fromRgbF(
                base.redF() + (text.redF() - base.redF()) * amount,
                base.greenF() + (text.greenF() - base.greenF()) * amount,
                base.blueF() + (text.blueF() - base.blueF()) * amount,
            )
        return cls(
            background=base,
            lane_stripe=mix(0.035),
            gutter=mix(0.06),
            text=text,
            muted_text=mix(0.6),
            grid_minor=mix(0.08),
            grid_major=mix(0.2),
            highlight=palette.color(QPalette.ColorRole.Highlight),
            today=QColor("#E0435A") if not dark else QColor("#FF6B81"),
            dark=dark,
        )


def mix_colors(color: QColor, background: QColor, amount: float) -> QColor:
    """The opaque colour ``color`` at opacity ``amount`` over ``background``."""
    return QColor.fromRgbF(
        background.redF() + (color.redF() - background.redF()) * amount,
        background.greenF() + (color.greenF() - background.greenF()) * amount,
        background.blueF() + (color.blueF() - background.blueF()) * amount,
    )


def readable_text_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    luminance = (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
                 + 0.0722 * channel(color.blueF()))
    return QColor("#111111") if luminance > 0.25 else QColor("#FFFFFF")


def ui_font(point_delta: float = 0.0, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    if point_delta:
        font.setPointSizeF(max(6.0, font.pointSizeF() + point_delta))
    font.setBold(bold)
    return font
