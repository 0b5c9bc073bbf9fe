"""Saving never loses a byte: atomic replacement, backups, links, modes, and clear failures."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO_ROOT
from timeline_app.model.edits import replace_event
from timeline_app.storage import saving
from timeline_app.storage.loader import load_path
from timeline_app.storage.saving import SaveError, atomic_write, save_document
from timeline_app.storage.writer import serialize


def test_save_keeps_a_backup_and_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    original = (CORPUS / "good" / "bom.json").read_bytes()
    path.write_bytes(original)
    document = load_path(path).document
    assert document is not None
    replace_event(document, 0, {"title": "Changed", "start": "2025-01"})
    save_document(document, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads(path.read_text(encoding="utf-8-sig"))["events"][0]["title"] == "Changed"
    assert (tmp_path / "story.json.bak").read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_save_that_fails_half_way_leaves_the_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               failing: str) -> None:
    path = tmp_path / "story.json"
    path.write_bytes((REPO_ROOT / "events.json").read_bytes())
    document = load_path(path).document
    assert document is not None
    replace_event(document, 0, {"title": "Lost?", "start": "2025"})

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, stream: object) -> None:
                self.stream = stream

            def __enter__(self) -> FullDisk:
                return self

            def __exit__(self, *exc: object) -> None:
                self.stream.close()  # type: ignore[attr-defined]

            def write(self, data: bytes) -> int:
                self.stream.write(data[: len(data) // 2])  # type: ignore[attr-defined]
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(saving.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    elif failing == "fsync":
        monkeypatch.setattr(saving.os, "fsync", disk_full)
    else:
        monkeypatch.setattr(saving.os, "replace", disk_full)
    with pytest.raises(SaveError, match="the disk is full"):
        save_document(document, path)
    assert path.read_bytes() == (REPO_ROOT / "events.json").read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]
    assert document.raw_events()[0]["title"] == "Lost?"  # the edit is still in the app


def test_saving_into_a_vanished_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no longer exists"):
        atomic_write(tmp_path / "gone" / "story.json", b"{}")


def test_a_symlink_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_bytes(b'{"events": []}')
    link = tmp_path / "link.json"
    link.symlink_to(target)
    atomic_write(link, b'{"events": [1]}')
    assert link.is_symlink()
    assert target.read_bytes() == b'{"events": [1]}'


def test_a_save_that_fails_while_writing_leaves_the_file_and_no_temporary_behind(tmp_path: Path) -> None:
    target = tmp_path / "story.json"
    target.write_text('{"events": []}')

    def chunks() -> Iterator[bytes]:
        yield b'{"events": ['
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    with pytest.raises(UnicodeEncodeError):
        saving.atomic_write_chunks(target, chunks())
    assert target.read_text() == '{"events": []}'
    assert sorted(path.name for path in tmp_path.iterdir()) == ["story.json"]


def test_a_large_text_is_saved_in_slices_as_it_would_be_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app.storage.saving import DiskState

    monkeypatch.setattr(saving, "_ENCODE_CHARS", 7)  # slices that cut through many characters' bytes
    from timeline_app.storage.loader import load_bytes

    text = '{"events": [{"title": "Joëlle — ümlaut 🎉", "start": "2025"}]}'
    document = load_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")).document
    assert document is not None
    assert document.source_bom
    target = tmp_path / "story.json"
    state = save_document(document, target, backup=False)
    data = target.read_bytes()
    assert data == b"\xef\xbb\xbf" + serialize(document).encode("utf-8")
    assert state == DiskState.of_bytes(data, target)


def test_a_read_only_file_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    path.chmod(0o444)
    with pytest.raises(SaveError, match="read-only"):
        atomic_write(path, b'{"events": [1]}')
    assert path.read_bytes() == b'{"events": []}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.json"]


def test_a_new_file_gets_the_usual_mode_under_the_umask(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.json", b"{}")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644


def test_a_file_with_other_hard_links_is_written_in_place_and_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    other = tmp_path / "linked.json"
    os.link(path, other)
    inode = path.stat().st_ino
    atomic_write(path, b'{"events": [1]}')
    assert path.stat().st_ino == inode
    assert other.read_bytes() == b'{"events": [1]}'
    assert (tmp_path / "events.json.bak").read_bytes() == b'{"events": []}'


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_a_save_keeps_the_files_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    os.chown(path, 65534, 65534)
    atomic_write(path, b'{"events": [1]}')
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)


def test_a_save_that_finds_the_disk_full_while_backing_up_leaves_no_hidden_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import shutil

    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    real_copy = shutil.copy2

    def copy_then_fill_the_disk(source: object, target: object) -> None:
        real_copy(source, target)  # type: ignore[arg-type]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", copy_then_fill_the_disk)
    with pytest.raises(SaveError, match="the disk is full"):
        atomic_write(path, b'{"events": [1]}')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.json"]
    assert path.read_bytes() == b'{"events": []}'


def test_a_symbolic_link_loop_is_refused_with_a_message(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(SaveError, match="symbolic link"):
        atomic_write(loop, b"{}")


def test_a_file_that_cannot_be_written_in_place_is_refused_before_anything_is_copied(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins
    import errno

    path = tmp_path / "events.json"
    path.write_bytes(b'{"events": []}')
    other = tmp_path / "linked.json"
    os.link(path, other)  # written in place, to keep the link
    real_open = builtins.open

    def refuse_writing(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if str(file) == str(path) and "+" in mode:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(saving, "open", refuse_writing, raising=False)
    with pytest.raises(SaveError, match=r"permission denied\. The file on disk is unchanged"):
        atomic_write(path, b'{"events": [1]}')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.json", "linked.json"]
    assert path.read_bytes() == b'{"events": []}'
