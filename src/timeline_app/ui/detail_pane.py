"""The detail pane: everything about the selected event, shown safely."""

from __future__ import annotations

import html
import secrets
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from timeline_app.model.describe import describe_when, shown_label
from timeline_app.model.document import Era, Event, TimelineDocument, is_safe_link
from timeline_app.model.safety import MAX_SHOWN_TITLE, bounded, reveal_hidden
from timeline_app.model.view.appearance import shorten_at_word
from timeline_app.model.view.colours import event_color
from timeline_app.model.view.eras import DEFAULT_ERA_COLOR
from timeline_app.model.view.index import TimelineIndex
from timeline_app.model.view.query import where_matched
from timeline_app.model.zones import Zone
from timeline_app.ui.canvas.theme import Theme
from timeline_app.ui.media import MediaLoader, Picture
from timeline_app.ui.safe_text import INTERNAL_SCHEME, MEDIA_SCHEME, SafeTextBrowser, markdown_to_html

RELATED_LIMIT = 8
RELATED_TITLE_CHARACTERS = 160  # a title in the related lists: a 100 KB one took seconds to lay out
EMPTY_TEXT = (
    "<h3>No event selected</h3>"
    "<p>Click an event on the timeline to read about it here.</p>"
    "<p>Use <b>←</b> and <b>→</b> to step through events in time, <b>+</b> and <b>−</b> or the "
    "mouse wheel to zoom, and drag the background to pan.</p>"
)


def _e(text: str) -> str:
    """Text from the file as HTML text: escaped, with hidden characters made visible."""
    return html.escape(reveal_hidden(text), quote=True)


class DetailPane(QWidget):
    """Shows the selected event: title, date in words, category, people, story and sources."""

    event_requested = Signal(int)  # the uid of an event to select
    reveal_requested = Signal(object)  # Event
    edit_requested = Signal(object)  # Event or Era
    link_refused = Signal(str)
    host_allowed = Signal(str)  # the user chose to load every image of the file from this host

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setMinimumWidth(260)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("detailBrowser")
        self.browser.setFrameShape(SafeTextBrowser.Shape.NoFrame)
        self.browser.document().setDocumentMargin(14)
        self.browser.setAccessibleName("Event details")
        layout.addWidget(self.browser, 1)
        footer = QHBoxLayout()
        footer.setContentsMargins(12, 6, 12, 8)
        self.location = QLabel(self)
        self.location.setTextFormat(Qt.TextFormat.PlainText)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_button = QPushButton("Reveal in file", self)
        self.reveal_button.setToolTip("Show the file and line where this event is written")
        self.reveal_button.clicked.connect(self._on_reveal)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setToolTip("Edit this event (Enter)")
        self.edit_button.clicked.connect(self._on_edit)
        footer.addWidget(self.location, 1)
        footer.addWidget(self.edit_button)
        footer.addWidget(self.reveal_button)
        layout.addLayout(footer)
        self.browser.internal_link_clicked.connect(self._on_internal_link)
        self.browser.link_refused.connect(self.link_refused)
        self._event: Event | None = None
        self._era: Era | None = None
        self._document: TimelineDocument | None = None
        self._index: TimelineIndex | None = None
        self._color_of: Callable[[Event], str] = lambda _event: "#8C8C8C"
        self._query = ""
        self._zone: Zone | None = None
        self.media = MediaLoader(self)
        self.media.ready.connect(self._on_picture)
        self._pictures: dict[str, Picture] = {}
        self._folder: Path | None = None  # where the events file is: media paths are relative to it
        self._allowed_hosts: set[str] = set()
        self._asked: set[str] = set()  # remote images the user asked for, one by one
        self._token = secrets.token_hex(12)
        self._muted_for: tuple[int, str] = (-1, "")
        self.show_event(None)

    def set_document(self, document: TimelineDocument | None, index: TimelineIndex | None) -> None:
        self._document = document
        self._index = index
        if index is not None:
            # The category's colour, as the canvas draws the event in every lane mode.
            colors = index.category_colors
            self._color_of = lambda event: event_color(colors, event, "#8C8C8C")

    def set_query(self, query: str) -> None:
        """Say where the search words are in the event shown (and in each one shown later)."""
        if query == self._query:
            return
        before = where_matched(self._event, self._query) if self._event is not None else []
        self._query = query
        # Laid out again only when what it says changes: typing on redid a long description each key.
        if self._event is not None and where_matched(self._event, query) != before:
            self.show_event(self._event)

    @property
    def _muted(self) -> str:
        """The colour of secondary text, the theme's: readable on the pane in light and in dark."""
        key = self.palette().cacheKey()
        if self._muted_for[0] != key:  # asked for each grey fragment of the page: worked out once a palette
            self._muted_for = (key, Theme.from_palette(self.palette()).muted_text.name())
        return self._muted_for[1]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            if self._era is not None:  # what is shown is written again in the new colours
                self.show_era(self._era)
            elif self._event is not None:
                self.show_event(self._event)

    def set_media_context(self, folder: Path | None, allowed_hosts: set[str]) -> None:
        """Where the events file lies, and the hosts its images may be loaded from without asking."""
        if folder != self._folder:
            self._pictures.clear()
            self.browser.pictures.clear()
            self._asked.clear()
        self._folder, self._allowed_hosts = folder, set(allowed_hosts)

    def _on_picture(self, key: str, picture: Picture) -> None:
        self._pictures[key] = picture
        if self._event is not None:
            self.show_event(self._event)

    def _media_html(self, event: Event) -> str:
        """The event's picture, scaled to the pane, with its caption and credit; a remote one only on request."""
        media = event.media
        if media is None:
            return ""
        words = " · ".join(_e(part) for part in (media.caption, media.credit) if part)
        below = f"<p style='color:{self._muted};margin-top:2px'>{words}</p>" if words else ""
        if not media.is_image:  # video, a tweet, a page: a link to it
            url = media.url
            shown = _e(media.caption or url or media.path)
            link = f"<a href='{_e(url)}'>{shown}</a>" if url and is_safe_link(url) else shown
            credit = f" <span style='color:{self._muted}'>({_e(media.credit)})</span>" if media.credit else ""
            return f"<p><b>Media:</b> {link}{credit}</p>"
        width = max(self.browser.viewport().width() - 40, 120)
        if media.path:
            source = self._beside_file(media.path)
            if source is None:
                return f"<p style='color:{self._muted}'>Not shown: the image is not beside the events file.</p>{below}"
            key = f"file:{source}"
            if key not in self._pictures:
                self.media.decode_file(key, source, width)
        else:
            if not media.url.lower().startswith(("http://", "https://")):
                return below
            key = f"url:{media.url}"
            if media.host not in self._allowed_hosts and media.url not in self._asked:
                return (f"<p style='background-color:palette(alternate-base);padding:6px'>An image from "
                        f"<b>{_e(media.host)}</b> is not loaded: nothing is fetched from the web unless you ask."
                        f"<br><a href='{INTERNAL_SCHEME}:load-image-{self._token}'>Load this image</a> · "
                        f"<a href='{INTERNAL_SCHEME}:allow-host-{self._token}'>Always load images from "
                        f"{_e(media.host)} in this file</a></p>{below}")
            if key not in self._pictures:
                self.media.fetch(key, media.url, width)
        picture = self._pictures.get(key)
        if picture is None:
            return f"<p style='color:{self._muted}'>Loading the image…</p>{below}"
        if picture.image is None:
            return f"<p style='color:{self._muted}'>Not shown: {_e(picture.message)}.</p>{below}"
        name = f"{MEDIA_SCHEME}:{abs(hash(key))}"
        self.browser.pictures[name] = picture.image
        alt = _e(media.alt or media.caption or "picture")
        # Decoded once at the width the pane had; narrower since, it is drawn smaller, not decoded again.
        scale = min(1.0, width / max(picture.image.width(), 1))
        return (f"<p style='margin-bottom:0'><img src='{name}' width='{round(picture.image.width() * scale)}' "
                f"height='{round(picture.image.height() * scale)}' alt='{alt}'></p>{below}")

    def _beside_file(self, path: str) -> str | None:
        """The file ``path`` names in the events file's folder or below it; None for one outside it
        (an absolute path, a drive, a network share, "../" out of the folder): never opened."""
        if self._folder is None or path.startswith(("/", "\\")) or ":" in path or "\\" in path:
            return None
        try:
            folder = self._folder.resolve()
            found = (folder / path).resolve()
        except (OSError, RuntimeError):
            return None
        return str(found) if found.is_relative_to(folder) else None

    def set_display_zone(self, zone: Zone | None) -> None:
        """Show times on these clocks from now on, the shown event's or era's at once."""
        self._zone = zone
        if self._era is not None:
            self.show_era(self._era)
        elif self._event is not None:
            self.show_event(self._event)

    def show_location(self, text: str) -> None:
        self.location.setText(text)

    def shown_era(self) -> Era | None:
        return self._era

    def show_era(self, era: Era) -> None:
        """An era: its title, when it ran and how precisely that is known, and its description."""
        self._event, self._era = None, era
        self.reveal_button.setEnabled(False)
        self.edit_button.setEnabled(True)
        self.location.clear()
        color = era.color or DEFAULT_ERA_COLOR
        parts = [f"<p style='color:{self._muted};margin-bottom:0'><span style='background-color:{color}'>"
                 "&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;Era</p>",
                 f"<h2 style='margin-top:2px;margin-bottom:4px'>{_e(bounded(era.title, MAX_SHOWN_TITLE))}</h2>",
                 f"<p style='margin-top:0'><b>{_e(describe_when(era, self._zone))}</b></p>"]
        if era.description:
            parts.append(markdown_to_html(bounded(reveal_hidden(era.description))))
        if self._index is not None:
            inside = self._index.count_in_view(era.begin, era.finish)
            parts.append(f"<p style='color:{self._muted}'>{inside:,} event{'s' if inside != 1 else ''} of those shown "
                         "fall in this era.</p>")
        self.browser.setHtml("".join(parts))
        self.setAccessibleDescription(f"Era: {era.title}. {describe_when(era, self._zone)}")

    def show_event(self, event: Event | None) -> None:
        self._event, self._era = event, None
        self.reveal_button.setEnabled(event is not None)
        self.edit_button.setEnabled(event is not None)
        self.location.clear()
        if event is None:
            self.browser.setHtml(EMPTY_TEXT)
            self.setAccessibleDescription("No event selected")
            return
        self.browser.setHtml(self._event_html(event))
        media = event.media
        seen = f" Picture: {media.alt or media.caption}." if media is not None and (media.alt or media.caption) else ""
        self.setAccessibleDescription(f"{event.title}. {describe_when(event, self._zone)}.{seen}")

    def _on_edit(self) -> None:
        shown = self._event or self._era
        if shown is not None:
            self.edit_requested.emit(shown)

    def _on_internal_link(self, target: str) -> None:
        # Links to related events carry their uid; anything else in a file's text is no event of ours.
        if target.isdigit():
            self.event_requested.emit(int(target))
        elif target in (f"load-image-{self._token}", f"allow-host-{self._token}") and self._event is not None \
                and (media := self._event.media) is not None and media.url:
            # Only the pane's own controls carry the token: a file's text cannot write a link that consents.
            if target.startswith("allow-host"):
                self._allowed_hosts.add(media.host)
                self.host_allowed.emit(media.host)
            self._asked.add(media.url)
            self.show_event(self._event)

    def _on_reveal(self) -> None:
        if self._event is not None:
            self.reveal_requested.emit(self._event)

    def _event_html(self, event: Event) -> str:
        parts = [f"<h2 style='margin-bottom:4px'>{_e(bounded(event.title, MAX_SHOWN_TITLE))}</h2>",
                 f"<p style='margin-top:0'><b>{_e(describe_when(event, self._zone))}</b></p>"]
        matched = where_matched(event, self._query)
        if matched:
            parts.append(f"<p style='color:{self._muted}'>Search matched: {_e(', '.join(matched))}</p>")
        parts.append(self._media_html(event))
        if event.category is not None:
            label = event.category
            if self._document is not None and event.category in self._document.categories:
                label = self._document.categories[event.category].label
            color = self._color_of(event)
            parts.append(f"<p><span style='background-color:{color}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"
                         f"&nbsp;{_e(label)}</p>")
        if event.actors:
            parts.append(f"<p><b>Who:</b> {_e(', '.join(event.actors))}</p>")
        if event.tags:
            parts.append(f"<p><b>Tags:</b> {_e(', '.join(event.tags))}</p>")
        if event.description:
            parts.append(markdown_to_html(bounded(reveal_hidden(event.description))))
        parts.append(self._sources_html(event))
        parts.append(self._links_html(event))
        parts.append(self._related_html(event))
        return "".join(parts)

    def _sources_html(self, event: Event) -> str:
        sources = event.sources
        if not sources:
            return "<h4>Sources</h4><p><i>No source given.</i></p>"
        items = []
        for source in sources:
            title = _e(source.title or source.url or "Untitled")
            if source.url and is_safe_link(source.url):
                title = f"<a href='{_e(source.url)}'>{title}</a>"
            elif source.url:
                title += f" <span style='color:{self._muted}'>(link not opened: {_e(source.url)})</span>"
            meta = " · ".join(_e(part) for part in (source.publisher, source.date) if part)
            items.append(f"<li>{title}{'<br>' + meta if meta else ''}</li>")
        return f"<h4>Sources ({len(sources)})</h4><ul>{''.join(items)}</ul>"

    def _links_html(self, event: Event) -> str:
        if not event.links:
            return ""
        items = []
        for link in event.links:
            text = _e(link.title or link.url)
            if is_safe_link(link.url):
                items.append(f"<li><a href='{_e(link.url)}'>{text}</a></li>")
            else:
                items.append(f"<li>{text} <span style='color:{self._muted}'>(not opened: {_e(link.url)})</span></li>")
        return f"<h4>Links</h4><ul>{''.join(items)}</ul>"

    def _related_html(self, event: Event) -> str:
        if self._index is None:
            return ""
        same_actor, same_category = self._index.related(event, RELATED_LIMIT)
        sections = []
        for heading, events in (("Same people or organisations", same_actor), ("Same category", same_category)):
            if not events:
                continue
            items = "".join(
                f"<li><a href='{INTERNAL_SCHEME}:{other.uid}'>"
                f"{_e(shorten_at_word(other.title, RELATED_TITLE_CHARACTERS, len))}</a>"
                f" <span style='color:{self._muted}'>{_e(shown_label(other.start, self._zone))}</span></li>"
                for other in events)
            sections.append(f"<h4>{heading}</h4><ul>{items}</ul>")
        return "".join(sections)
