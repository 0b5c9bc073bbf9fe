"""Colours in light and in dark: every text colour meets WCAG AA (4.5:1) on what it is drawn on,
and View > Appearance follows the desktop's scheme or keeps Light or Dark, remembered; exports stay light."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from pytestqt.qtbot import QtBot

from tests.conftest import REPO_ROOT
from timeline_app.storage.loader import load_path
from timeline_app.ui.appearance_choice import DARK, LIGHT, SYSTEM
from timeline_app.ui.canvas.era_painter import BAND_OPACITY
from timeline_app.ui.canvas.theme import Theme, contrast_ratio, dark_palette, mix_colors, readable_text_on
from timeline_app.ui.export import ExportOptions, export_canvas
from timeline_app.ui.main_window import MainWindow

AA = 4.5


def _palettes() -> dict[str, QPalette]:
    return {"light": QPalette(QGuiApplication.palette()), "dark": dark_palette()}


@pytest.mark.parametrize("name", ["light", "dark"])
def test_every_text_colour_meets_aa_on_what_it_is_drawn_on(qapp: object, name: str) -> None:
    palette = _palettes()[name]
    theme = Theme.from_palette(palette)
    roles = QPalette.ColorRole
    pairs = {
        "lane labels on the background": (theme.text, theme.background),
        "lane labels on a stripe": (theme.text, theme.lane_stripe),
        "headers and axis on the gutter": (theme.text, theme.gutter),
        "counts and minor ticks on the gutter": (theme.muted_text, theme.gutter),
        "secondary text in the pane": (theme.muted_text, theme.background),
        "secondary text on a stripe": (theme.muted_text, theme.lane_stripe),
        "a form's error": (theme.error_text, palette.color(roles.Window)),
        "the problem banner": (theme.banner_text, theme.banner_background),
        "text in fields": (palette.color(roles.Text), palette.color(roles.Base)),
        "text of the window": (palette.color(roles.WindowText), palette.color(roles.Window)),
        "buttons": (palette.color(roles.ButtonText), palette.color(roles.Button)),
        "links in the pane": (palette.color(roles.Link), palette.color(roles.Base)),
    }
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    for era in document.eras:  # an era's title on its block in the band
        block = mix_colors(QColor(era.color or "#8C8C8C"), theme.gutter, BAND_OPACITY)
        pairs[f"the era {era.title}"] = (theme.text, block)
    for key, category in document.categories.items():  # a label inside a bar of its colour
        fill = QColor(category.color or "#8C8C8C")
        pairs[f"a label on a {key} bar"] = (readable_text_on(fill), fill)
    failing = {what: round(contrast_ratio(*colours), 2) for what, colours in pairs.items()
               if contrast_ratio(*colours) < AA}
    assert failing == {}, f"below WCAG AA in {name}: {failing}"


def test_contrast_is_computed_as_wcag_says() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)


def test_appearance_follows_the_choice_and_is_remembered(qtbot: QtBot, settings: QSettings) -> None:
    window = MainWindow(settings)
    try:
        assert window.appearance.choice == SYSTEM
        window.appearance.choose(DARK)
        assert Theme.from_palette(QGuiApplication.palette()).dark
        qtbot.waitUntil(lambda: window.canvas.painter.theme.dark, timeout=2000)  # the canvas repaints in dark
        window.appearance.choose(LIGHT)
        assert not Theme.from_palette(QGuiApplication.palette()).dark
        window.appearance.choose(DARK)
    finally:
        window.close()
        window.deleteLater()
    again = MainWindow(settings)
    try:
        assert again.appearance.choice == DARK, "remembered"
        again.appearance.choose(SYSTEM)
        scheme = QGuiApplication.styleHints().colorScheme()
        assert Theme.from_palette(QGuiApplication.palette()).dark == (scheme == Qt.ColorScheme.Dark)
    finally:
        again.close()
        again.deleteLater()


def test_exports_stay_light_in_dark_unless_asked(window: MainWindow, tmp_path: Path) -> None:
    window.appearance.choose(DARK)
    try:
        out = tmp_path / "light.png"
        export_canvas(window.canvas, out, ExportOptions(scale=1, title="x"), window.appearance.light_palette())
        assert QImage(str(out)).pixelColor(5, 5).lightness() > 200
        dark = tmp_path / "dark.png"
        export_canvas(window.canvas, dark, ExportOptions(scale=1, title="x", dark=True))
        assert QImage(str(dark)).pixelColor(5, 5).lightness() < 80
    finally:
        window.appearance.choose(SYSTEM)


def test_every_lanes_marks_stand_out_from_a_dark_canvas_and_light_keeps_the_files_colours(qapp: object) -> None:
    """The story's black lane on a dark canvas is drawn legibly (3:1, WCAG's least for marks that carry
    meaning); a colour that already stands out is left as the file gave it, and on light all are."""
    from timeline_app.ui.canvas.shapes import LaneStyle

    light = Theme.from_palette(_palettes()["light"])
    theme = Theme.from_palette(_palettes()["dark"])
    document = load_path(REPO_ROOT / "events.json").document
    assert document is not None
    for category in document.categories.values():
        given = QColor(category.color or "#8C8C8C")
        drawn = LaneStyle(given, theme.background).color
        assert contrast_ratio(drawn, theme.background) >= 3.0, category.id
        if contrast_ratio(given, theme.background) >= 3.0:
            assert drawn == given
        assert LaneStyle(given, light.background).color == given
