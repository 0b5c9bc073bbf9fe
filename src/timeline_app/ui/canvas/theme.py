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
    error_text: QColor  # a form's "this cannot be read"
    banner_background: QColor  # the strip saying why what is on disk is not what is shown
    banner_border: QColor
    banner_text: QColor

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
            error_text=QColor("#B0281A") if not dark else QColor("#FF8A80"),
            banner_background=QColor("#FFF4D6") if not dark else QColor("#3D3215"),
            banner_border=QColor("#E0B84C") if not dark else QColor("#8A7230"),
            banner_text=QColor("#4A3B00") if not dark else QColor("#FFE9A8"),
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
    # Black and white read equally well at a luminance of 0.179 ((L + 0.05)² = 1.05 × 0.05): past it
    # black reads better, below it white; #111111 instead of black costs a little of that contrast.
    return QColor("#111111") if luminance > 0.19 else QColor("#FFFFFF")


def ui_font(point_delta: float = 0.0, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    if point_delta:
        font.setPointSizeF(max(6.0, font.pointSizeF() + point_delta))
    font.setBold(bold)
    return font


def dark_palette() -> QPalette:
    """The app's dark palette: for a desktop whose scheme is dark, or the user's choice of Dark."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in ((roles.Window, "#2B2D31"), (roles.WindowText, "#E8E8E8"), (roles.Base, "#1F2023"),
                        (roles.AlternateBase, "#2A2C30"), (roles.Text, "#E8E8E8"), (roles.Button, "#33363B"),
                        (roles.ButtonText, "#E8E8E8"), (roles.BrightText, "#FFFFFF"), (roles.Highlight, "#4C8BF5"),
                        (roles.HighlightedText, "#FFFFFF"), (roles.ToolTipBase, "#33363B"),
                        (roles.ToolTipText, "#E8E8E8"), (roles.PlaceholderText, "#A0A4AA"), (roles.Link, "#8AB4F8"),
                        (roles.LinkVisited, "#C58AF9"), (roles.Light, "#44474D"), (roles.Midlight, "#3A3D42"),
                        (roles.Mid, "#2F3236"), (roles.Dark, "#18191B"), (roles.Shadow, "#000000")):
        palette.setColor(role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7A7E85"))
    return palette


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2's contrast ratio of two opaque colours, 1 to 21; AA asks 4.5 of body text."""
    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


NON_TEXT_CONTRAST = 3.0  # WCAG 2.1's least contrast for marks and shapes that carry meaning


def legible(color: QColor, background: QColor) -> QColor:
    """``color`` as drawn on ``background``: on a dark canvas a file's dark category (the story's black
    lab) is lightened until its marks stand out at NON_TEXT_CONTRAST.

    Only on dark: a file's colours are chosen against white, where their darker outlines carry them
    (a pale yellow is outlined in olive), and the legend and overview show them as the file gives them.
    """
    if background.lightnessF() >= 0.5 or contrast_ratio(color, background) >= NON_TEXT_CONTRAST:
        return color
    toward = QColor("#FFFFFF")
    for step in range(1, 11):
        moved = mix_colors(toward, color, step / 10)
        if contrast_ratio(moved, background) >= NON_TEXT_CONTRAST:
            return moved
    return toward
