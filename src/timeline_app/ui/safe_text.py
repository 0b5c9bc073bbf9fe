"""Showing text from events.json safely: never markup that runs, never a fetch, only safe links."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from timeline_app.model.document import is_safe_link, link_scheme

INTERNAL_SCHEME = "timeline-event"
MEDIA_SCHEME = "timeline-media"  # pictures the app decoded itself (ui/media.py), never a name from a file
# An image as QTextDocument writes it: its attributes in this order, quoted and escaped.
_HTML_IMAGE = re.compile(r'<img src="([^"]*)"(?: alt="([^"]*)")?[^>]*>')
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)


def open_external_link(url: str) -> bool:
    """Open http, https and mailto links in the system's handler; refuse everything else."""
    if not is_safe_link(url):
        return False
    return QDesktopServices.openUrl(QUrl(url))


def plain_tooltip(text: str) -> str:
    """``text`` for QToolTip as plain text: Qt reads a tooltip that looks like markup as markup."""
    escaped = html.escape(text).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"


def markdown_to_html(text: str) -> str:
    """Markdown from a file as an HTML fragment: raw HTML stays text, images become links."""
    # A remote image would be a request the reader never asked for; show it as a link instead.
    without_images = _MARKDOWN_IMAGE.sub(lambda m: f"[image: {m.group(1) or 'untitled'}]({m.group(2)})", text)
    document = QTextDocument()
    features = (QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                | QTextDocument.MarkdownFeature.MarkdownNoHTML)
    document.setMarkdown(without_images, features)
    match = _BODY.search(document.toHtml())
    if match is None:
        return html.escape(text)
    # Images the pass above cannot see (reference style: ![a][r] with [r]: http://…) become links too.
    return _HTML_IMAGE.sub(lambda found: f"<a href=\"{found.group(1)}\">image: {found.group(2) or 'untitled'}</a>",
                           match.group(1))


class SafeTextBrowser(QTextBrowser):
    """A text view that loads no resources and opens only safe links, and only on a click."""

    internal_link_clicked = Signal(str)
    link_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.pictures: dict[str, QImage] = {}  # by their MEDIA_SCHEME name

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        # Nothing a file names is ever read from disk or the network; only pictures the app decoded
        # itself, under names a file's text cannot write (its text is escaped, its markup is text).
        text = name.toString() if isinstance(name, QUrl) else name
        if link_scheme(text) == MEDIA_SCHEME:
            return self.pictures.get(text)
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        text = bytes(url.toEncoded().data()).decode("ascii", errors="replace")
        if link_scheme(text) == INTERNAL_SCHEME:
            self.internal_link_clicked.emit(unquote(text.partition(":")[2]))
        elif not open_external_link(text):
            self.link_refused.emit(text)
