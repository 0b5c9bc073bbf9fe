"""Saving without ever losing a byte: atomic replacement, a backup, and clear failures."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from timeline_app.model.document import TimelineDocument
from timeline_app.model.formats import CSV, ICS, OURS, TIMELINEJS, format_for_path
from timeline_app.model.writer import Moves, rebase, serialize

BACKUP_SUFFIX = ".bak"
_BOM = b"\xef\xbb\xbf"


class SaveError(Exception):
    """A save that did not happen; the file on disk is as it was."""


@dataclass(frozen=True, slots=True)
class DiskState:
    """What a file on disk looked like, to tell our own writes from someone else's."""

    size: int
    modified_ns: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        try:
            info = path.stat()
            with path.open("rb") as stream:
                # Read in blocks: a large file whole would take its size in memory again, at each save.
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns, digest)

    @classmethod
    def of_bytes(cls, data: bytes, path: Path) -> DiskState:
        info = path.stat()
        return cls(len(data), info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def document_bytes(document: TimelineDocument) -> bytes:
    """What a save writes: the document's JSON as UTF-8, with the BOM it was read with."""
    text = serialize(document)
    return (_BOM if document.source_bom else b"") + text.encode("utf-8")


def target_format(document: TimelineDocument, path: Path) -> str:
    """The format a save to ``path`` writes: by the name, or the format the file was read in."""
    kind = format_for_path(path)
    if kind == OURS and document.source_format == TIMELINEJS and document.path is not None \
            and path.resolve() == document.path.resolve():
        return TIMELINEJS
    return kind


def encode(document: TimelineDocument, kind: str) -> tuple[bytes, list[str]]:
    """The bytes of the document in a format, and what that format could not hold."""
    if kind == OURS:
        return document_bytes(document), []
    from timeline_app.model.formats.csvformat import write_csv
    from timeline_app.model.formats.ics import write_ics
    from timeline_app.model.formats.timelinejs import write_timelinejs

    writer = {TIMELINEJS: write_timelinejs, CSV: write_csv, ICS: write_ics}[kind]
    converted = writer(document)
    return converted.text.encode("utf-8"), converted.notes


def save_document(document: TimelineDocument, path: Path, *, backup: bool = True,
                  notes: list[str] | None = None) -> DiskState:
    """Write the document to ``path`` atomically, in the format its name asks for; return what is on disk.

    ``notes`` receives what the format could not hold. After a save in our own format the
    document's source is what was written, so the next save copies from it.
    """
    kind = target_format(document, path)
    if kind != OURS:
        data, lost = encode(document, kind)
        atomic_write(path, data, backup=backup)
        if notes is not None:
            notes.extend(lost)
        return DiskState.of_bytes(data, path.resolve())
    moves: Moves = []
    text = serialize(document, moves)
    digest = hashlib.sha256()
    written = 0

    def encoded() -> Iterator[bytes]:
        # A slice at a time: the whole text as bytes beside it would take as much memory again.
        nonlocal written
        for start in range(0, len(text), _ENCODE_CHARS):
            chunk = text[start:start + _ENCODE_CHARS].encode("utf-8")
            if start == 0 and document.source_bom:
                chunk = _BOM + chunk
            digest.update(chunk)
            written += len(chunk)
            yield chunk

    atomic_write_chunks(path, encoded(), backup=backup)
    rebase(moves, text)  # events kept as text now read from what was written, and the old text can go
    document.source_text = text
    document.source_format = OURS
    document.source_values = dict(document.root) if isinstance(document.root, dict) else {}
    document.source_events = list(document.raw_events())
    return DiskState(written, path.resolve().stat().st_mtime_ns, digest.hexdigest())


_ENCODE_CHARS = 4_000_000


def atomic_write(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Replace ``path`` with ``data`` so that it is either all old or all new, never half."""
    atomic_write_chunks(path, [data], backup=backup)


def atomic_write_chunks(path: Path, chunks: Iterable[bytes], *, backup: bool = True) -> None:
    """Replace ``path`` with the ``chunks`` one after another, so that it is either all old or all new.

    The data goes to a temporary file in the same folder, is flushed and synced, and then
    renamed over the original; the previous version is kept as ``<name>.bak`` beside it.
    A symbolic link stays a link: its target is what gets replaced.
    """
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    if not folder.is_dir():
        raise SaveError(f"cannot save {path.name}: the folder {folder} no longer exists")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".saving", dir=folder)
    except OSError as error:
        raise SaveError(_explain(path, error)) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
            if backup:
                _keep_backup(target)
        os.replace(temporary, target)
        _sync_folder(folder)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise SaveError(_explain(path, error)) from error
    except BaseException:  # e.g. text that cannot be encoded, met halfway: no half-written file stays behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _keep_backup(target: Path) -> None:
    backup = target.with_name(target.name + BACKUP_SUFFIX)
    staging = target.with_name(f".{target.name}.bak-saving")
    shutil.copy2(target, staging)
    os.replace(staging, backup)


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _explain(path: Path, error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the folder no longer exists",
    }
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"cannot save {path.name}: {reason}. The file on disk is unchanged; your edits are still here."
