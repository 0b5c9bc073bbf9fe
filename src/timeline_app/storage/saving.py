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
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from timeline_app.model.document import TimelineDocument
from timeline_app.storage.files import open_regular
from timeline_app.storage.formats import (
    CSV,
    FORMAT_NAMES,
    ICS,
    OURS,
    READ_ONLY,
    TIMELINEJS,
    TIMELINEJS2,
    TIMELINEJS_SHEET,
    format_for_path,
)
from timeline_app.storage.jsontext import without_lone_surrogates
from timeline_app.storage.writer import Moves, rebase, serialize

BACKUP_SUFFIX = ".bak"
_BOM = b"\xef\xbb\xbf"


@dataclass
class SaveReport:
    """What a save in another format could not carry: losses in words, and how many events of the
    timeline the file does not hold at all (besides those that could not be read)."""

    notes: list[str] = field(default_factory=list)
    left_out: int = 0


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
            with open_regular(path) as stream:  # a FIFO put in the file's place is not waited on
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
    """The format a save to ``path`` writes: by the name, or, saved over itself, the format the file was
    read in (a TimelineJS2 file as TimelineJS3, which is all of TimelineJS that is written)."""
    kind = format_for_path(path)
    kept = {OURS: (TIMELINEJS, TIMELINEJS2), CSV: (TIMELINEJS_SHEET,)}.get(kind, ())
    if document.source_format in kept and _same_file(path, document.path):
        return TIMELINEJS if document.source_format == TIMELINEJS2 else document.source_format
    return kind


def _same_file(path: Path, other: Path | None) -> bool:
    try:
        return other is not None and path.resolve() == other.resolve()
    except (OSError, RuntimeError):  # a link that loops is no file of ours; the save says what it is
        return False


def encode(document: TimelineDocument, kind: str) -> tuple[bytes, SaveReport]:
    """The bytes of the document in a format, and what that format could not hold."""
    if kind == OURS:
        return document_bytes(document), SaveReport()
    from timeline_app.storage.formats.csvformat import write_csv
    from timeline_app.storage.formats.ics import write_ics
    from timeline_app.storage.formats.timelinejs import write_timelinejs
    from timeline_app.storage.formats.timelinejs_sheet import write_sheet

    writer = {TIMELINEJS: write_timelinejs, CSV: write_csv, ICS: write_ics, TIMELINEJS_SHEET: write_sheet}[kind]
    converted = writer(document)
    text, halves = without_lone_surrogates(converted.text)
    notes = list(converted.notes)
    unreadable = len(document.raw_events()) - len(document.events)
    if unreadable > 0:
        notes.append(f"{unreadable:,} event{'s' if unreadable != 1 else ''} that could not be read (see Problems) "
                     f"{'are' if unreadable != 1 else 'is'} not in this file: {FORMAT_NAMES[kind]} holds only the "
                     "events the timeline shows")
    if kind == TIMELINEJS and document.source_format == TIMELINEJS2:
        notes.append("written as TimelineJS3 JSON, which TimelineJS 3 reads; TimelineJS 2 does not")
    if halves:
        # Read from escapes such as \ud800 in JSON; no CSV or iCalendar file can hold them.
        notes.append(f"{halves:,} lone half{'s' if halves != 1 else ''} of a UTF-16 pair (from escapes such as "
                     "\\ud800) could not be written in this format and became U+FFFD (\ufffd)")
    return text.encode("utf-8"), SaveReport(notes, converted.left_out)


def save_document(document: TimelineDocument, path: Path, *, backup: bool = True,
                  report: SaveReport | None = None) -> DiskState:
    """Write the document to ``path`` atomically, in the format its name asks for; return what is on disk.

    ``report`` receives what the format could not hold. After a save in our own format the
    document's source is what was written, so the next save copies from it.
    """
    if document.source_format in READ_ONLY and _same_file(path, document.path):
        raise SaveError(f"cannot save over {path.name}: timeline-app reads {FORMAT_NAMES[document.source_format]}'s "
                        "files but does not write them, and would put another format in its place. Save As a "
                        ".json (or .timelinejs.json, .csv, .ics) file instead; the edits are still here.")
    kind = target_format(document, path)
    if kind != OURS:
        data, lost = encode(document, kind)
        atomic_write(path, data, backup=backup)
        if report is not None:
            report.notes.extend(lost.notes)
            report.left_out += lost.left_out
        if document.source_format in READ_ONLY:
            document.source_format = kind  # what Ctrl+S writes next: the file now open
        return DiskState.of_bytes(data, path.resolve())
    moves: Moves = []
    try:
        text = serialize(document, moves)
    except (ValueError, TypeError, RecursionError) as error:  # a value JSON cannot hold, nested too deep…
        raise SaveError(f"cannot save {path.name}: the timeline holds a value that cannot be written as JSON "
                        f"({error}). The file on disk is unchanged.") from error
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

    try:
        atomic_write_chunks(path, encoded(), backup=backup)
    except UnicodeError as error:  # met while encoding, before the file was touched
        raise SaveError(f"cannot save {path.name}: the timeline holds text UTF-8 cannot encode ({error}). "
                        "The file on disk is unchanged.") from error
    rebase(moves, text)  # events kept as text now read from what was written, and the old text can go
    document.source_text = text
    document.source_format = OURS
    document.source_values = dict(document.root) if isinstance(document.root, dict) else {}
    document.source_events = list(document.raw_events())
    document.edit_origins.clear()  # what they replaced is in no text the document still reads from
    return DiskState(written, path.resolve().stat().st_mtime_ns, digest.hexdigest())


_ENCODE_CHARS = 4_000_000


def atomic_write(path: Path, data: bytes, *, backup: bool = True) -> None:
    """Replace ``path`` with ``data`` so that it is either all old or all new, never half."""
    atomic_write_chunks(path, [data], backup=backup)


def atomic_write_chunks(path: Path, chunks: Iterable[bytes], *, backup: bool = True) -> None:
    """Replace ``path`` with the ``chunks`` one after another, so that it is either all old or all new.

    The data goes to a temporary file in the same folder, is flushed and synced, and then
    renamed over the original; the previous version is kept as ``<name>.bak`` beside it. The
    new file has the old one's mode, owner and group (a new file: the usual mode under the
    umask). A symbolic link stays a link: its target is what gets replaced. A read-only file
    is refused. Where a rename would break something, as careful editors do (vim's
    ``backupcopy=auto``), the file is written in place after the backup copy instead: when it
    has other hard links, which a rename would split from it, or an owner the new file cannot
    be given.
    """
    try:
        target = path.resolve() if path.is_symlink() else path
    except (OSError, RuntimeError) as error:  # a link that leads back to itself
        raise SaveError(f"cannot save {path.name}: it is a symbolic link that leads to no file "
                        f"({getattr(error, 'strerror', None) or error}). Save under another name.") from error
    folder = target.parent
    if not folder.is_dir():
        raise SaveError(f"cannot save {path.name}: the folder {folder} no longer exists")
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise SaveError(_explain(path, error)) from error
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise SaveError(f"cannot save {path.name}: it is not a regular file. Save under another name.")
    if existing is not None and not existing.st_mode & 0o222:
        raise SaveError(f"cannot save {path.name}: the file is read-only. Make it writable (chmod u+w), or save "
                        "under another name; the file on disk is unchanged.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".saving", dir=folder)
    except OSError as error:
        raise SaveError(_explain(path, error)) from error
    in_place = existing is not None and existing.st_nlink > 1
    try:
        if existing is not None:
            with contextlib.suppress(OSError):
                os.chmod(temporary, stat.S_IMODE(existing.st_mode))
            if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.chown(temporary, existing.st_uid, existing.st_gid)
                except OSError:
                    in_place = True  # a new file could not be the old one's owner's
        else:
            os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if in_place:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        _write_in_place(path, target, chunks, backup=backup)
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        if existing is not None and backup:
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


def _write_in_place(path: Path, target: Path, chunks: Iterable[bytes], *, backup: bool) -> None:
    """Overwrite ``target`` itself (keeping its inode: hard links, owner), a backup copy made first.

    Not atomic, so the backup is always made; a write that fails half way puts the old
    content back from it. A file that cannot be opened for writing is refused before anything
    is copied or written.
    """
    backup_path = target.with_name(target.name + BACKUP_SUFFIX)
    try:
        stream = open(target, "r+b")  # noqa: SIM115 - held open across the backup copy below
    except OSError as error:
        raise SaveError(_explain(path, error)) from error
    with stream:
        try:
            _keep_backup(target)
        except OSError as error:
            raise SaveError(_explain(path, error)) from error
        try:
            for chunk in chunks:
                stream.write(chunk)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
        except BaseException as error:
            restored = _put_back(backup_path, stream)
            if not isinstance(error, OSError):
                raise
            if not restored:
                raise SaveError(f"cannot save {path.name}: {_reason(error)}, and the file could not be put back "
                                f"as it was: its previous content is in {backup_path.name}.") from error
            raise SaveError(_explain(path, error)) from error
    if not backup:
        with contextlib.suppress(OSError):
            os.unlink(backup_path)


def _put_back(backup_path: Path, stream: BinaryIO) -> bool:
    """The backup's bytes written over a half-written file again; whether that worked."""
    try:
        with open(backup_path, "rb") as old:
            stream.seek(0)
            shutil.copyfileobj(old, stream)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
    except OSError:
        return False
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _keep_backup(target: Path) -> None:
    backup = target.with_name(target.name + BACKUP_SUFFIX)
    staging = target.with_name(f".{target.name}.bak-saving")
    try:
        shutil.copy2(target, staging)
        os.replace(staging, backup)
    except BaseException:  # no half-copied backup stays behind (a full disk)
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _explain(path: Path, error: OSError) -> str:
    return f"cannot save {path.name}: {_reason(error)}. The file on disk is unchanged."


def _reason(error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the folder no longer exists",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))
