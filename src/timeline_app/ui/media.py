"""Pictures for the detail pane: decoded off the window's thread, in bounded size, never fetched unasked.

A file's image is read with a size check before any pixel is decoded (a 20,000 × 20,000 PNG is
refused, not allocated) and scaled while it is decoded. A remote image is fetched only when the
user asks (the promise that no remote resource is loaded stands), at most MAX_DOWNLOAD bytes,
and then decoded the same way. Every outcome is a :class:`Picture`: an image, or why there is none.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

MAX_PIXELS = 40_000_000  # about 6,300 × 6,300: larger pictures are refused before decoding
MAX_DOWNLOAD = 25 * 1024 * 1024
DOWNLOAD_SECONDS = 20
SHOWN_HEIGHT = 300  # at most this tall in the pane, so the text stays in sight below it


@dataclass(frozen=True)
class Picture:
    image: QImage | None
    message: str = ""  # why there is no image, in words


def decode(source: str | bytes, width: int) -> Picture:
    """The picture at ``source`` (a file's path or downloaded bytes) scaled to fit ``width`` pixels."""
    buffer = None
    if isinstance(source, bytes):
        buffer = QBuffer()
        buffer.setData(QByteArray(source))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
    else:
        if not Path(source).is_file():
            return Picture(None, "the image file is not there")
        reader = QImageReader(source)
    reader.setAllocationLimit(256)  # megabytes: Qt's own guard against a header that lies
    size = reader.size()
    if not size.isValid() or size.width() <= 0 or size.height() <= 0:
        return Picture(None, f"the image cannot be read ({reader.errorString() or 'unknown format'})")
    if size.width() * size.height() > MAX_PIXELS:
        return Picture(None, f"the image is {size.width():,} × {size.height():,} pixels, too large to show; "
                             "save a smaller copy")
    scale = min(1.0, max(width, 16) / size.width(), SHOWN_HEIGHT / size.height())
    reader.setScaledSize(QSize(max(round(size.width() * scale), 1), max(round(size.height() * scale), 1)))
    image = reader.read()
    if image.isNull():
        return Picture(None, f"the image cannot be decoded ({reader.errorString()})")
    return Picture(image)


class MediaLoader(QObject):
    """Decodes and fetches pictures for keys the pane chooses; tells it through ``ready``."""

    ready = Signal(str, object)  # key, Picture

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._network: QNetworkAccessManager | None = None  # made on the first fetch asked for
        self._pending: set[str] = set()

    def decode_file(self, key: str, path: str, width: int) -> None:
        """Decode a file's picture on a worker thread; ``ready`` hears the result."""
        if key in self._pending:
            return
        self._pending.add(key)
        threading.Thread(target=self._decode, args=(key, path, width), daemon=True).start()

    def _decode(self, key: str, source: str | bytes, width: int) -> None:
        try:
            picture = decode(source, width)
        except (OSError, ValueError, MemoryError) as error:
            picture = Picture(None, f"the image cannot be read ({error})")
        try:
            self.ready.emit(key, picture)  # queued to the window's thread: the loader lives there
        except RuntimeError:  # the pane was closed while the picture was decoded: nobody to tell
            return
        self._pending.discard(key)

    def fetch(self, key: str, url: str, width: int) -> None:
        """Download one picture the user asked for, then decode it as a file's."""
        if key in self._pending:
            return
        self._pending.add(key)
        if self._network is None:
            self._network = QNetworkAccessManager(self)
        request = QNetworkRequest(QUrl(url))
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute,
                             QNetworkRequest.RedirectPolicy.SameOriginRedirectPolicy)  # the host allowed, only
        request.setTransferTimeout(DOWNLOAD_SECONDS * 1000)
        reply = self._network.get(request)
        def too_large(received: int, _total: int) -> None:
            if received > MAX_DOWNLOAD:
                reply.abort()
        reply.downloadProgress.connect(too_large)
        reply.finished.connect(lambda: self._fetched(key, reply, width))

    def _fetched(self, key: str, reply: QNetworkReply, width: int) -> None:
        reply.deleteLater()
        data = bytes(reply.readAll().data())
        if reply.error() != QNetworkReply.NetworkError.NoError or len(data) > MAX_DOWNLOAD:
            self._pending.discard(key)
            why = "it is larger than 25 MB" if len(data) > MAX_DOWNLOAD or \
                reply.error() == QNetworkReply.NetworkError.OperationCanceledError else reply.errorString()
            QTimer.singleShot(0, lambda: self.ready.emit(key, Picture(None, f"the image was not loaded: {why}")))
            return
        threading.Thread(target=self._decode, args=(key, data, width), daemon=True).start()
