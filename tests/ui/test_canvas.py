"""The timeline canvas under a real Qt event loop (offscreen): zoom, pan, click, keys, layout."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from timeline_app.model.timeaxis import SECONDS_PER_DAY, to_axis
from timeline_app.model.view.scene import LABEL_PAD, Cluster, Placement
from timeline_app.model.view.viewport import Viewport
from timeline_app.ui.canvas.painter import AXIS_HEIGHT, GUTTER_WIDTH, _Font
from timeline_app.ui.canvas.widget import TimelineCanvas
from timeline_app.ui.main_window import MainWindow


def _wheel(widget: object, x: float, y: float, delta_y: int, delta_x: int = 0,
           modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    position = QPointF(x, y)
    event = QWheelEvent(position, position, QPoint(0, 0), QPoint(delta_x, delta_y),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


@pytest.mark.parametrize("x", [GUTTER_WIDTH + 40, 500, 800])
@pytest.mark.parametrize("delta", [120, -120, 360])
def test_wheel_zoom_keeps_the_time_under_the_pointer(window: MainWindow, x: float, delta: int) -> None:
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 1), to_axis(2025, 12)))
    before_time, before_span = canvas.time_at_x(x), canvas.viewport().span
    _wheel(canvas, x, 300, delta)
    assert canvas.time_at_x(x) == pytest.approx(before_time, abs=canvas.viewport().span * 1e-9)
    assert (canvas.viewport().span < before_span) == (delta > 0)


def test_horizontal_scroll_and_shift_wheel_pan(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 1), to_axis(2025, 12)))
    start = canvas.viewport()
    _wheel(canvas, 500, 300, 0, delta_x=-120)
    assert canvas.viewport().start > start.start
    assert canvas.viewport().span == pytest.approx(start.span)
    moved = canvas.viewport()
    _wheel(canvas, 500, 300, 120, modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert canvas.viewport().start < moved.start


def test_dragging_the_background_pans_by_the_dragged_time(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2021, 6), to_axis(2022, 6)))  # a year with no events or eras
    assert canvas.index().count_in_view(canvas.viewport().start, canvas.viewport().end) == 0
    before = canvas.viewport()
    seconds_per_pixel = before.span / (canvas.width() - GUTTER_WIDTH)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(700, 400))
    qtbot.mouseMove(canvas, QPoint(600, 410))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(600, 410))
    assert canvas.viewport().start - before.start == pytest.approx(100 * seconds_per_pixel, rel=1e-6)


def test_dragging_across_the_axis_zooms_into_that_span(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 1), to_axis(2025, 12)))
    left, right = canvas.time_at_x(400), canvas.time_at_x(600)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(400, 20))
    qtbot.mouseMove(canvas, QPoint(500, 22))
    qtbot.mouseMove(canvas, QPoint(600, 22))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(600, 22))
    assert canvas.viewport().start == pytest.approx(left, abs=60)
    assert canvas.viewport().end == pytest.approx(right, abs=60)


def test_clicking_an_event_selects_it_and_fills_the_detail_pane(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 3, 15), to_axis(2025, 4, 20)))
    pineau = next(e for e in canvas.index().ordered if e.id == "pineau-announces")
    placement = canvas.placement_of(pineau)
    assert placement is not None
    shape = placement.shape
    point = QPoint(round(GUTTER_WIDTH + shape.x + shape.width / 2), round(shape.y + shape.height / 2))
    assert "No event selected" in window.detail.browser.toPlainText()
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    assert canvas.selected_event() is pineau
    text = window.detail.browser.toPlainText()
    assert "Joëlle Pineau announces she will leave FAIR" in text
    assert "1 April 2025 · exact date" in text
    assert "Hindustan Times" in text
    assert "Joëlle Pineau's last day at Meta" in text  # a related event, by the same people


def test_clicking_empty_space_clears_the_selection(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.select(canvas.index().ordered[0])
    canvas.set_viewport(Viewport(to_axis(2021, 6), to_axis(2022, 6)))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(700, 400))
    assert canvas.selected_event() is None
    assert "No event selected" in window.detail.browser.toPlainText()


def test_arrow_keys_walk_events_in_time_order(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.setFocus()
    canvas.fit_all()
    ordered = canvas.index().ordered
    for expected in ordered[:6]:
        qtbot.keyClick(canvas, Qt.Key.Key_Right)
        assert canvas.selected_event() is expected
        begin, finish = expected.begin, expected.finish
        view = canvas.viewport()
        assert view.start <= begin
        assert finish <= view.end
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert canvas.selected_event() is ordered[4]
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.selected_event() is None
    assert [e.begin for e in ordered] == sorted(e.begin for e in ordered)


def test_f6_focuses_the_detail_pane(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_F6)
    assert window.detail.browser.hasFocus()


def test_keys_zoom_fit_and_zoom_to_selection(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.setFocus()
    first = canvas.viewport()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.viewport().span == pytest.approx(first.span / 1.5)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.viewport().span > first.span
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    fitted = canvas.viewport()
    ordered = canvas.index().ordered
    assert fitted.start < ordered[0].begin
    assert max(e.finish for e in ordered) < fitted.end
    assert fitted.span < 1.2 * (max(e.finish for e in ordered) - ordered[0].begin), "fitted, not zoomed out"
    trial = next(e for e in canvas.index().ordered if e.id == "ftc-trial")
    canvas.select(trial)
    qtbot.keyClick(canvas, Qt.Key.Key_F)
    view = canvas.viewport()
    assert view.start < trial.begin
    assert trial.finish < view.end
    assert view.span < 2 * (trial.finish - trial.begin)
    window.fit_action.trigger()
    assert canvas.viewport() == fitted


def test_page_keys_and_shift_arrows_pan(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.setFocus()
    canvas.set_viewport(Viewport(to_axis(2025, 1), to_axis(2025, 3)))
    before = canvas.viewport()
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert canvas.viewport().start == pytest.approx(before.start + 0.9 * before.span)
    qtbot.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.viewport().start == pytest.approx(before.start + 0.8 * before.span)


def test_clicking_a_cluster_zooms_into_it(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    canvas = window.canvas
    # Sixty events on one June day: past the rows a lane may take, the rest are counted.
    crowd = [{"title": f"Filing {n}", "start": f"2025-06-10T{n // 4:02d}:{n % 4 * 15:02d}Z", "category": "legal"}
             for n in range(60)]
    (tmp_path / "crowd.json").write_text(json.dumps({"events": crowd}), encoding="utf-8")
    window.open_path(tmp_path / "crowd.json")
    canvas.set_viewport(Viewport(to_axis(2025, 1), to_axis(2025, 12)))
    clusters = canvas.scene().clusters
    assert clusters, "sixty events on one day cannot each have a row"
    cluster: Cluster = clusters[0]
    before = canvas.viewport().span
    width = canvas.timeline_width()
    reach = canvas.viewport().x_of(cluster.end, width) - canvas.viewport().x_of(cluster.start, width)
    assert cluster.label_rect is not None
    number = cluster.label_rect.width + 2 * LABEL_PAD
    assert cluster.rect.width <= max(reach, number) + 1, "a count mark is as wide as its events, or its number"
    rect = cluster.rect
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton,
                     pos=QPoint(round(GUTTER_WIDTH + rect.x + rect.width / 2), round(rect.y + rect.height / 2)))
    assert canvas.viewport().span < before
    view = canvas.viewport()
    assert all(view.start <= e.begin and e.finish <= view.end for e in cluster.events)


@pytest.mark.parametrize("size", [(800, 500), (1300, 800), (1900, 1100)])
def test_drawn_labels_are_disjoint_with_real_fonts(window: MainWindow, qtbot: QtBot,
                                                   size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.wait(10)
    canvas = window.canvas
    center = to_axis(2025, 6, 10)
    for days in (2, 10, 45, 120, 400, 2000):
        span = days * SECONDS_PER_DAY
        canvas.set_viewport(Viewport(center - span / 2, center + span / 2))
        scene = canvas.scene()
        rects = scene.label_rects()
        for first, second in itertools.combinations(rects, 2):
            assert not first.intersects(second)
        width = canvas.width() - GUTTER_WIDTH
        for rect in rects:
            assert rect.x >= 0
            assert rect.right <= width
            assert rect.y >= AXIS_HEIGHT
        canvas.grab()  # paints the frame: no Qt warning, no exception


def test_today_goes_to_now(window: MainWindow, qtbot: QtBot) -> None:
    import time

    window.today_action.trigger()
    assert window.canvas.viewport().start < time.time() < window.canvas.viewport().end


def test_pinch_zooms_around_the_fingers(window: MainWindow) -> None:
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 1), to_axis(2025, 12)))
    x = 700.0
    anchor, span = canvas.time_at_x(x), canvas.viewport().span
    position = QPointF(x, 300)
    pinch = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(),
                                2, position, position, position, 0.25, QPointF(0.25, 0), 1)
    QApplication.sendEvent(canvas, pinch)
    assert canvas.viewport().span == pytest.approx(span / 1.25)
    assert canvas.time_at_x(x) == pytest.approx(anchor, abs=1.0)


def test_the_canvas_follows_a_dark_palette(window: MainWindow, qtbot: QtBot) -> None:
    from collections import Counter

    from PySide6.QtGui import QColor, QPalette

    canvas = window.canvas

    def commonest_colour() -> QColor:
        image = canvas.grab().toImage()
        samples = Counter(image.pixel(x, y) for x in range(200, canvas.width(), 37)
                          for y in range(60, canvas.height(), 23))
        return QColor.fromRgb(samples.most_common(1)[0][0])

    assert commonest_colour().lightnessF() > 0.8
    palette = QPalette(canvas.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    canvas.setPalette(palette)
    assert commonest_colour().lightnessF() < 0.2


def test_new_data_in_the_same_view_is_drawn_at_once(window: MainWindow) -> None:
    from timeline_app.model.view.index import build_index
    from timeline_app.storage.loader import load_text

    canvas = window.canvas
    view, limits = canvas.viewport(), canvas._limits
    before = {p.event.key for p in canvas.scene().placements}
    document = load_text('[{"id": "only", "title": "Only one", "start": "2025-06-12"}]').document
    assert document is not None
    canvas.set_index(build_index(document), limits, view)
    assert canvas.viewport() == view
    assert {p.event.key for p in canvas.scene().placements} == {"only"} != before


@pytest.mark.parametrize("offset", [0, 56, 140])
def test_labels_land_on_their_events_whatever_the_painters_offset(window: MainWindow, offset: int) -> None:
    """Inside a window or below an export's title the canvas paints through an offset painter."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    canvas = window.canvas
    canvas.fit_all()
    width, height = canvas.width(), canvas.height()
    image = QImage(width, height + offset, QImage.Format.Format_ARGB32_Premultiplied)
    for _frame in range(2):  # the second frame draws from whatever the first one cached
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        painter.translate(0, offset)
        canvas.render_frame(painter, QRectF(0, 0, width, height))
        painter.end()
    bottom = AXIS_HEIGHT + canvas._timeline_height()  # rows scrolled below it are not painted
    beside = [p for p in canvas.scene().placements
              if p.label_rect is not None and not p.label_inside and p.label_rect.bottom <= bottom]
    assert beside
    for placement in beside:
        rect = placement.label_rect
        assert rect is not None
        inked = sum(1 for y in range(int(rect.y), int(rect.bottom)) for x in range(int(GUTTER_WIDTH + rect.x),
                                                                                   int(GUTTER_WIDTH + rect.right), 2)
                    if image.pixelColor(x, y + offset).lightness() < 110)
        assert inked > 10, f"the label of {placement.event.title!r} is not where its event is"


def _frame(canvas: TimelineCanvas) -> QImage:
    image = QImage(canvas.width(), canvas.height(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    canvas.render_frame(painter, QRectF(0, 0, canvas.width(), canvas.height()))
    painter.end()
    return image


def test_labels_drawn_directly_and_from_sprites_look_the_same(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 3, 1), to_axis(2025, 8, 1)))
    canvas.painter.sprites.clear()
    direct = _frame(canvas)
    assert canvas.painter.sprites.has_pending(), "labels seen for the first time wait to become sprites"
    qtbot.waitUntil(lambda: not canvas._idle.busy(), timeout=5000)
    assert len(canvas.painter.sprites) > 20
    stamped = _frame(canvas)
    assert not canvas.painter.sprites.has_pending(), "the second frame found every label ready"
    differing = sum(1 for y in range(0, direct.height(), 2) for x in range(0, direct.width(), 2)
                    if direct.pixel(x, y) != stamped.pixel(x, y))
    samples = (direct.width() // 2) * (direct.height() // 2)
    assert differing / samples < 0.002, f"{differing} of {samples} sampled pixels changed"


def test_the_next_zoom_steps_labels_are_ready_before_the_wheel_turns(window: MainWindow, qtbot: QtBot) -> None:
    """While idle, the canvas lays out one wheel step in and out and makes their sprites."""
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 3, 1), to_axis(2025, 8, 1)))
    canvas.painter.sprites.clear()
    _frame(canvas)
    qtbot.waitUntil(lambda: not canvas._idle.busy(), timeout=5000)
    canvas.zoom(1.25)
    _frame(canvas)
    # Axis numbers and the caption are left to be made after the frame; event labels and markers are not.
    late = [key for key in canvas.painter.sprites._pending if key[0] == 1 or key[2] == _Font.LABEL.value]
    assert late == [], "every event label and marker of the step in was made ahead"


def test_sprites_are_only_stamped_where_pixels_land_one_to_one(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtSvg import QSvgGenerator

    from timeline_app.ui.canvas.sprites import can_stamp

    image = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    assert can_stamp(painter)
    painter.translate(12, 30)
    assert can_stamp(painter), "a whole-pixel offset keeps pixels 1:1"
    painter.translate(0.5, 0)
    assert not can_stamp(painter)
    painter.resetTransform()
    painter.scale(2, 2)
    assert not can_stamp(painter), "a scaled export draws text as text"
    painter.end()
    generator = QSvgGenerator()
    generator.setFileName(str(tmp_path) + "/out.svg")
    svg = QPainter(generator)
    assert not can_stamp(svg), "SVG keeps text as text"
    svg.end()


def test_density_stamped_as_an_image_matches_the_vector_strip(qtbot: QtBot) -> None:
    """The byte-twiddled picture of a density strip shows the same heights as its rectangles."""
    import json

    from timeline_app.model.view.index import build_index
    from timeline_app.model.view.viewport import ZoomLimits
    from timeline_app.storage.loader import load_text
    from timeline_app.ui.canvas.widget import TimelineCanvas

    many = [{"title": f"e{i}", "start": f"{2000 + i % 20}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
             **({"end": f"{2021 + i % 4}"} if i % 3 == 0 else {})} for i in range(3000)]
    document = load_text(json.dumps(many)).document
    assert document is not None
    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(900, 400)
    canvas.set_index(build_index(document), ZoomLimits.for_data(document.span(), 0.0))
    assert canvas.scene().densities, "the lane is drawn as a density strip"

    def picture(stamped: bool) -> QImage:
        image = QImage(900, 400, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        if not stamped:
            painter.translate(0.25, 0)  # a fractional offset: drawn as vector shapes, never stamped
        canvas.render_frame(painter, QRectF(0, 0, 900, 400))
        painter.end()
        return image

    stamped, vector = picture(True), picture(False)
    density = canvas.scene().densities[0]
    top, bottom = int(density.top) + 2, int(density.top + density.height) - 2
    differing = sum(1 for y in range(top, bottom, 3) for x in range(int(GUTTER_WIDTH) + 4, 890, 3)
                    if abs(QColor(stamped.pixel(x, y)).lightness() - QColor(vector.pixel(x, y)).lightness()) > 40)
    samples = len(range(top, bottom, 3)) * len(range(int(GUTTER_WIDTH) + 4, 890, 3))
    assert differing / samples < 0.05, f"{differing} of {samples} sampled pixels differ"


def test_right_arrow_with_nothing_selected_starts_at_the_first_event_in_view(window: MainWindow,
                                                                             qtbot: QtBot) -> None:
    canvas = window.canvas
    canvas.setFocus()
    canvas.select(None)
    view = Viewport(to_axis(2025, 6, 1), to_axis(2025, 9, 1))
    canvas.set_viewport(view)
    view = canvas.viewport()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    first_in_view = min((e for e in canvas.index().ordered if view.start <= e.begin <= view.end),
                        key=lambda e: (e.begin, e.finish, e.index))
    assert canvas.selected_event() is first_in_view
    assert canvas.selected_event() is not canvas.index().ordered[0]
    assert canvas.viewport() == view, "the event was in view already: the view stays"


def test_fit_all_fits_only_what_the_filters_let_through(window: MainWindow, qtbot: QtBot) -> None:
    from timeline_app.model.view.query import Filters

    window.find_bar.set_filters(Filters(categories={"talent"}))
    window.find_bar.filters_changed.emit()
    canvas = window.canvas
    canvas.fit_all()
    view = canvas.viewport()
    shown = canvas.index().ordered
    assert shown
    assert all(e.category == "talent" for e in shown)
    assert view.start <= min(e.begin for e in shown)
    assert max(e.finish for e in shown) <= view.end
    document = window.document()
    everything = document.events if document is not None else []
    assert view.span < 0.5 * (max(e.finish for e in everything) - min(e.begin for e in everything))


def test_the_current_match_is_drawn_apart_and_brought_into_view(window: MainWindow, qtbot: QtBot) -> None:
    canvas = window.canvas
    window.resize(1300, 1500)  # every lane in sight at once
    qtbot.wait(10)
    window.find_bar.search.setText("FTC")
    qtbot.waitUntil(lambda: bool(window.search.matches), timeout=3000)
    canvas.set_viewport(Viewport(to_axis(2019, 1), to_axis(2019, 6)))  # no match in view
    window.search.walk(1)
    current = canvas.current_match()
    assert current is window.search.matches[0]
    view = canvas.viewport()
    assert view.start <= current.begin
    assert current.finish <= view.end
    canvas.fit_all()  # every match in view, to compare the current one with the others
    placement = canvas.placement_of(current)
    assert placement is not None, "the current match is always placed"
    assert placement.label_rect is not None
    # Drawn apart: the pixels around the current match differ from those around another match.
    image = QImage(canvas.width(), canvas.height(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    canvas.render_frame(painter, QRectF(0, 0, canvas.width(), canvas.height()))
    painter.end()
    highlight = canvas.painter.theme.highlight

    def ring_pixels(target: Placement) -> int:
        shape = target.shape
        return sum(1 for y in range(round(shape.y) - 6, round(shape.bottom) + 6)
                   for x in range(round(GUTTER_WIDTH + shape.x) - 6, round(GUTTER_WIDTH + shape.right) + 6)
                   if max(abs(image.pixelColor(x, y).red() - highlight.red()),
                          abs(image.pixelColor(x, y).green() - highlight.green()),
                          abs(image.pixelColor(x, y).blue() - highlight.blue())) < 40)

    bottom = AXIS_HEIGHT + canvas._timeline_height()
    others = [p for p in canvas.scene().placements
              if p.event in set(window.search.matches) and p.event is not current and p.shape.bottom < bottom]
    assert others, "another match in view to compare with"
    assert ring_pixels(placement) > 1.5 * max(ring_pixels(other) for other in others), \
        "the current match is ringed more strongly than the others"


def test_the_first_window_fits_the_screen_at_any_scale(qtbot: QtBot, settings: object) -> None:
    from PySide6.QtCore import QSize

    from timeline_app.ui.main_window import first_window_size

    # QT_SCALE_FACTOR=2 on a 1600x1000 screen leaves 800x500 logical pixels.
    assert first_window_size(QSize(800, 500)).width() <= 800
    assert first_window_size(QSize(800, 500)).height() <= 500
    big = first_window_size(QSize(1600, 1000))
    assert big.width() > 1300, "a big screen gets a big first window"
    assert big.height() > 800
    main = MainWindow(settings)  # type: ignore[arg-type]
    try:
        available = main.screen().availableGeometry().size()
        assert main.width() <= available.width()
        assert main.height() <= available.height()
    finally:
        main.close()
        main.deleteLater()


def _lanes_left_below_the_window(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> TimelineCanvas:
    """20,000 generated events, a month painted, then a view a few days on, laid out but not painted."""
    import sys

    from tests.conftest import REPO_ROOT

    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from generate import write_events

    canvas = window.canvas
    window.open_path(write_events(20_000, tmp_path / "big.json"))
    qtbot.waitUntil(lambda: len(canvas.index().ordered) == 20_000, timeout=20_000)
    canvas.set_viewport(Viewport(to_axis(2010, 6, 1), to_axis(2010, 7, 1)))
    canvas.repaint()
    canvas.set_viewport(Viewport(to_axis(2010, 6, 5), to_axis(2010, 7, 5)))
    return canvas


def test_lanes_below_the_window_are_laid_out_while_idle(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    canvas = _lanes_left_below_the_window(window, qtbot, tmp_path)
    scene = canvas.scene()
    assert not scene.complete, "a frame lays out what is in sight; the lanes below keep their rows"
    full = canvas.whole_scene()
    assert full.complete
    qtbot.waitUntil(lambda: canvas.scene().complete, timeout=5_000)
    assert canvas.scene().content_height == full.content_height
    assert canvas._scroll.maximum == int(full.content_height - canvas._timeline_height())


@pytest.mark.parametrize(("start", "end"), [("2001-03-04", "2005"), ("2001", "2030"), ("2010-03", "2010-09"),
                                            ("2010-03", None), ("2001", "2005-06-01")])
@pytest.mark.parametrize(("left", "width"), [(150.0, 1000.0), (150.5, 400.3), (-300.0, 1900.0)])
def test_a_wide_fading_bar_painted_in_parts_looks_as_one_gradient_would(
        window: MainWindow, start: str, end: str | None, left: float, width: float) -> None:
    from timeline_app.model.view.appearance import certainty_stops
    from timeline_app.storage.loader import load_text
    from timeline_app.ui.canvas.shapes import LaneStyle

    event_json = {"title": "A range", "start": start, **({"end": end} if end else {})}
    document = load_text(json.dumps({"events": [event_json]})).document
    assert document is not None
    [event] = document.events
    canvas = window.canvas
    shapes = canvas.painter.shapes
    style = LaneStyle(QColor("#0072B2"), QColor("#ffffff"))
    sight = (GUTTER_WIDTH, GUTTER_WIDTH + canvas.frame().timeline_width)
    shapes.sight = (sight[0] - 8.0, sight[1] + 8.0)  # as a frame sets it: parts out of sight are not painted
    images = []
    for in_parts in (True, False):
        image = QImage(int(sight[1]) + 40, 40, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(left, 10.0, width, 18.0)
        if in_parts:
            assert shapes.paint_wide_bar(painter, rect, style, event)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(shapes.gradient_brush(style, tuple(certainty_stops(event, width))))
            painter.drawRoundedRect(rect, 4, 4)
        painter.end()
        images.append(image)
    worst = 0
    for y in range(6, 32):
        for x in range(int(sight[0]), int(min(sight[1], left + width + 2))):
            mine, whole = images[0].pixelColor(x, y), images[1].pixelColor(x, y)
            worst = max(worst, abs(mine.red() - whole.red()), abs(mine.green() - whole.green()),
                        abs(mine.blue() - whole.blue()))
    # The ends' stops are kept in twentieths, so a fade may sit a few pixels off; corners, joins
    # and the solid middle are the same (a square corner or a gap at a join differs by 60-230).
    assert worst <= 40


def _open_lanes_with_long_ranges(window: MainWindow, tmp_path: Path) -> TimelineCanvas:
    """Three lanes, each with sixty ranges under way all through June 2025 and a few events in it."""
    events = [{"title": f"{lane} range {n}", "start": f"{2000 + n % 20}", "end": f"{2030 + n}", "category": lane}
              for lane in ("deal", "talent", "legal") for n in range(60)]
    events += [{"title": f"{lane} in June {n}", "start": f"2025-06-{n * 9 + 2:02d}", "category": lane}
               for lane in ("deal", "talent", "legal") for n in range(3)]
    (tmp_path / "ranges.json").write_text(json.dumps({"events": events}), encoding="utf-8")
    window.open_path(tmp_path / "ranges.json")
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 6), to_axis(2025, 7)))
    assert len(canvas.whole_scene().stacks) == 3
    return canvas


def test_dragging_a_lane_header_moves_the_lane_when_lanes_have_thin_bars(window: MainWindow, qtbot: QtBot,
                                                                       tmp_path: Path) -> None:
    canvas = _open_lanes_with_long_ranges(window, tmp_path)
    bands = [band for band in canvas.scene().bands if not band.stack]
    order = [band.lane.key for band in bands]
    moved: list[list[str]] = []
    canvas.lanes_reordered.connect(moved.append)
    first, last = bands[0], bands[-1]
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(first.top + 10)))
    qtbot.mouseMove(canvas, QPoint(40, round(last.top + last.height - 5)))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, round(last.top + last.height - 5)))
    assert moved == [[*order[1:], order[0]]], "each lane once, the dragged one where it was dropped"


def test_a_click_on_a_thin_bar_selects_it_and_scrolls_to_it_in_its_lane(window: MainWindow, qtbot: QtBot,
                                                                        tmp_path: Path) -> None:
    canvas = _open_lanes_with_long_ranges(window, tmp_path)
    window.resize(1300, 500)
    qtbot.wait(10)
    canvas._scroll.scroll_by(canvas._scroll.maximum)  # down to the thin bars
    stack = canvas.whole_scene().stacks[-1]  # the last lane's, far below the lane itself
    bar = stack.placement(len(stack.events) - 1)
    assert AXIS_HEIGHT < bar.shape.y < AXIS_HEIGHT + canvas._timeline_height()
    chosen = bar.event
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton,
                     pos=QPoint(GUTTER_WIDTH + 300, round(bar.shape.y + bar.shape.height / 2)))
    assert canvas.selected_event() is chosen
    found = canvas.placement_of(chosen)
    assert found is not None
    assert not found.thin, "up in its lane"
    assert found.label_rect is not None, "with its label"
    assert found.shape.y >= AXIS_HEIGHT
    assert found.shape.bottom <= AXIS_HEIGHT + canvas._timeline_height()


def test_idle_time_stops_when_the_view_moved_on_before_its_frame(window: MainWindow, qtbot: QtBot,
                                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    canvas = _lanes_left_below_the_window(window, qtbot, tmp_path)
    assert not canvas.scene().complete
    canvas.setUpdatesEnabled(False)  # no more frames (a minimised window): nothing lays out the new view
    canvas.set_viewport(Viewport(to_axis(2010, 6, 9), to_axis(2010, 7, 9)))
    calls: list[int] = []
    original = TimelineCanvas._complete_scene
    monkeypatch.setattr(TimelineCanvas, "_complete_scene",
                        lambda self, scene: (calls.append(1), original(self, scene))[1])
    qtbot.wait(300)
    canvas.setUpdatesEnabled(True)
    assert len(calls) < 3, "idle work that has nothing left to do stops"


def test_lanes_keep_being_drawn_one_by_one_while_the_view_pans_not_when_it_zooms(window: MainWindow) -> None:
    canvas = window.canvas
    canvas.set_viewport(Viewport(to_axis(2025, 3), to_axis(2025, 9)))
    scene = canvas.scene()
    drawn = {band.lane.key for band in scene.bands if not band.density and not band.stack}
    assert drawn
    view = canvas.viewport()
    assert canvas._layouts._one_by_one_at(view.panned(view.span * 0.05, canvas.limits())) == drawn
    assert canvas._layouts._one_by_one_at(view.zoomed(0.8, view.center, canvas.limits())) == frozenset()


def test_labels_are_measured_again_when_the_font_changes(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    canvas = window.canvas
    canvas.scene()
    widths_before = {event: width for event, (_label, width) in canvas.index().labels.items()}
    assert widths_before
    original = QApplication.font()
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 2)
    QApplication.setFont(bigger)
    try:
        QApplication.processEvents()
        canvas.scene()
        labels = canvas.index().labels
        assert labels
        for label, width in labels.values():
            assert width == canvas.painter.measure_label(label), "a width measured in the old font"
        assert any(width > widths_before.get(event, width) for event, (_label, width) in labels.items())
    finally:
        QApplication.setFont(original)
        QApplication.processEvents()


def test_a_dropped_lane_goes_before_the_lane_it_is_dropped_on_going_up_and_after_it_going_down() -> None:
    from timeline_app.ui.canvas.drag import lanes_after_drop

    keys = ["a", "b", "c", "d"]
    assert lanes_after_drop(keys, "a", "c", below=True) == ["b", "c", "a", "d"]
    assert lanes_after_drop(keys, "d", "b", below=False) == ["a", "d", "b", "c"]
    assert keys == ["a", "b", "c", "d"]  # the order shown is left as it is
