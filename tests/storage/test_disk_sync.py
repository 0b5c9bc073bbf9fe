"""The policy between the open file on disk and what the window shows, case by case."""

from __future__ import annotations

import pytest

from timeline_app.storage.disk_sync import BeforeSave, FileSync, OnDiskChange


def _never() -> bool:
    raise AssertionError("the file was read when the answer did not depend on it")


def test_a_file_changed_on_disk_is_read_unless_edits_are_unsaved() -> None:
    assert FileSync.on_disk_change(unsaved_edits=False) is OnDiskChange.READ_IT
    assert FileSync.on_disk_change(unsaved_edits=True) is OnDiskChange.ASK


@pytest.mark.parametrize(("shown_readable", "shown_errors", "again_readable", "again_errors", "kept"), [
    (True, False, True, True, True),     # a good version is kept over one with errors
    (True, False, False, True, True),    # … and over one that cannot be read at all
    (True, True, True, True, False),     # a version with errors gives way to the newest with errors
    (True, True, False, True, True),     # … but not to nothing at all
    (False, True, False, True, False),   # nothing was shown: the newest is as good
    (True, False, True, False, False),   # a good version always gives way to a good one
])
def test_what_is_shown_stays_only_when_the_disk_has_something_worse(
        shown_readable: bool, shown_errors: bool, again_readable: bool, again_errors: bool, kept: bool) -> None:
    sync = FileSync()
    sync.showing(shown_readable, shown_errors)
    assert sync.keeps_shown_over(again_readable, again_errors, showing_something=True) is kept
    assert not sync.keeps_shown_over(again_readable, again_errors, showing_something=False)


def test_a_save_over_a_broken_file_asks_and_saving_elsewhere_never_does() -> None:
    sync = FileSync()
    sync.showing(True, False)
    sync.kept_over_broken()
    assert sync.before_save(over_the_open_file=True, changed_since_read=_never) is BeforeSave.ASK_OVER_BROKEN
    assert sync.before_save(over_the_open_file=False, changed_since_read=_never) is BeforeSave.SAVE
    sync.saved()
    assert sync.before_save(over_the_open_file=True, changed_since_read=lambda: False) is BeforeSave.SAVE


def test_a_save_asks_after_the_user_kept_their_version_or_when_the_disk_changed_unseen() -> None:
    sync = FileSync()
    sync.showing(True, False)
    assert sync.before_save(True, changed_since_read=lambda: True) is BeforeSave.ASK_OVER_CHANGED
    assert sync.before_save(True, changed_since_read=lambda: False) is BeforeSave.SAVE
    sync.keep_mine()
    assert sync.before_save(True, changed_since_read=_never) is BeforeSave.ASK_OVER_CHANGED
    sync.read_again()
    assert sync.before_save(True, changed_since_read=lambda: False) is BeforeSave.SAVE


def test_showing_a_version_read_again_forgets_that_the_disk_was_broken() -> None:
    sync = FileSync()
    sync.showing(True, False)
    sync.kept_over_broken()
    sync.showing(True, True)
    assert not sync.broken_on_disk
    assert sync.shown_read
    assert not sync.read_whole
