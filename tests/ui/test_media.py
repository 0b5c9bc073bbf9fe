"""Pictures in the detail pane: a file's scaled to fit with its words, a huge or broken one a message,
a remote one never fetched until asked, then remembered per file for its host."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.media import MediaLoader, Picture, decode


def _png_header_only(path: Path, width: int, height: int) -> None:
    """A PNG whose header claims ``width`` × ``height``: decoding it would allocate gigabytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))


@pytest.fixture
def media_file(tmp_path: Path, qapp: object) -> Path:
    (tmp_path / "images").mkdir()
    picture = QImage(1200, 800, QImage.Format.Format_RGB32)
    picture.fill(QColor("#0072B2"))
    assert picture.save(str(tmp_path / "images" / "deal.png"))
    _png_header_only(tmp_path / "images" / "huge.png", 20_000, 20_000)
    (tmp_path / "images" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot a picture")
    events = [
        {"id": "local", "title": "Deal announced", "start": "2025-06-12",
         "media": {"path": "images/deal.png", "caption": "The announcement", "credit": "Photo: AP",
                   "alt": "Alexandr Wang on stage"}},
        {"id": "remote", "title": "Remote", "start": "2025-06-20",
         "media": {"url": "https://upload.wikimedia.org/a/b.jpg", "caption": "From the web"}},
        {"id": "huge", "title": "Huge", "start": "2025-07-01", "media": {"path": "images/huge.png"}},
        {"id": "broken", "title": "Broken", "start": "2025-07-10", "media": {"path": "images/broken.png"}},
        {"id": "video", "title": "Video", "start": "2025-08-01",
         "media": {"url": "https://www.youtube.com/watch?v=abc", "caption": "The keynote"}}]
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"events": events}, indent=2), encoding="utf-8")
    return path


def _show(window: MainWindow, qtbot: QtBot, event_id: str) -> str:
    window.canvas.select(next(event for event in window.canvas.index().ordered if event.id == event_id))
    qtbot.waitUntil(lambda: "Loading the image" not in window.detail.browser.toPlainText(), timeout=5000)
    return window.detail.browser.toHtml()


def test_a_files_picture_is_scaled_to_the_pane_with_its_caption_credit_and_alt(
        window: MainWindow, qtbot: QtBot, media_file: Path) -> None:
    window.open_path(media_file)
    shown = _show(window, qtbot, "local")
    [picture] = list(window.detail.browser.pictures.values())
    assert picture.width() <= window.detail.browser.viewport().width()
    assert picture.height() <= 300, "the text below stays in sight"
    assert abs(picture.width() / picture.height() - 1.5) < 0.02, "scaled, not stretched"
    assert 'alt="Alexandr Wang on stage"' in shown
    assert "The announcement · Photo: AP" in window.detail.browser.toPlainText()
    assert "Alexandr Wang on stage" in window.detail.accessibleDescription()


def test_a_huge_or_broken_picture_is_a_message_not_a_freeze(window: MainWindow, qtbot: QtBot,
                                                             media_file: Path) -> None:
    window.open_path(media_file)
    _show(window, qtbot, "huge")
    assert "20,000 × 20,000 pixels, too large to show" in window.detail.browser.toPlainText()
    _show(window, qtbot, "broken")
    assert "Not shown: the image cannot be read" in window.detail.browser.toPlainText()


def test_a_remote_picture_is_fetched_only_when_asked_and_its_host_can_be_allowed_for_the_file(
        window: MainWindow, qtbot: QtBot, media_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []

    def fake_fetch(loader: MediaLoader, key: str, url: str, width: int) -> None:
        fetched.append(url)
        image = QImage(40, 20, QImage.Format.Format_RGB32)
        image.fill(QColor("#E69F00"))
        loader.ready.emit(key, Picture(image))

    monkeypatch.setattr(MediaLoader, "fetch", fake_fetch)
    window.open_path(media_file)
    _show(window, qtbot, "remote")
    text = window.detail.browser.toPlainText()
    assert "An image from upload.wikimedia.org is not loaded" in text
    assert fetched == [], "nothing is fetched from the web unless the user asks"
    window.detail._on_internal_link("allow-host")  # what a link in a file's own text could say
    window.detail._on_internal_link("load-image")
    assert fetched == [], "a file's text cannot consent for the user"
    token = window.detail._token
    window.detail._on_internal_link(f"load-image-{token}")  # the pane's own "Load this image" link
    assert fetched == ["https://upload.wikimedia.org/a/b.jpg"]
    window.detail._on_internal_link(f"allow-host-{token}")
    assert window.settings.media_hosts(media_file) == {"upload.wikimedia.org"}
    window.open_path(media_file)  # opened again: the host stays allowed for this file
    window.canvas.select(next(event for event in window.canvas.index().ordered if event.id == "remote"))
    assert "is not loaded" not in window.detail.browser.toPlainText()


def test_a_video_is_a_link_and_a_link_only_opens_on_a_click(window: MainWindow, qtbot: QtBot,
                                                             media_file: Path) -> None:
    window.open_path(media_file)
    shown = _show(window, qtbot, "video")
    assert "href=\"https://www.youtube.com/watch?v=abc\"" in shown
    assert "The keynote" in window.detail.browser.toPlainText()
    assert not window.detail.browser.pictures


def test_a_path_out_of_the_events_files_folder_is_never_opened(window: MainWindow, qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    inside = tmp_path / "story"
    inside.mkdir()
    picture = QImage(40, 40, QImage.Format.Format_RGB32)
    picture.fill(QColor("#00FF00"))
    assert picture.save(str(tmp_path / "outside.png"))
    path = inside / "events.json"
    path.write_text(json.dumps({"events": [
        {"id": "up", "title": "Up", "start": "2025", "media": {"path": "../outside.png"}},
        {"id": "abs", "title": "Absolute", "start": "2026", "media": {"path": str(tmp_path / "outside.png")}}]}),
        encoding="utf-8")
    window.open_path(path)
    for event_id in ("up", "abs"):
        _show(window, qtbot, event_id)
        assert "not beside the events file" in window.detail.browser.toPlainText()
    assert not window.detail.browser.pictures


def test_decoding_refuses_by_the_header_before_any_pixel(tmp_path: Path, qapp: object) -> None:
    _png_header_only(tmp_path / "huge.png", 30_000, 30_000)
    picture = decode(str(tmp_path / "huge.png"), 400)
    assert picture.image is None
    assert "too large" in picture.message
    assert decode(str(tmp_path / "nothing.png"), 400).message == "the image file is not there"
