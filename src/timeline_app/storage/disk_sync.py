"""The open file on disk beside what the window shows: which version to keep, when to ask.

One rule runs through it: an edit made outside the app is never silently overwritten, and
what the user sees is never silently replaced by something worse. Qt-free, so that every
case is tested as plain Python; the window asks the user and does what this decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class OnDiskChange(Enum):
    """What to do when the file changed on disk."""

    READ_IT = "read it"  # nothing unsaved: show what is on disk now
    ASK = "ask"  # unsaved edits here: keep mine, load theirs, or save mine elsewhere


class BeforeSave(Enum):
    """What saving over the open file needs first."""

    SAVE = "save"
    ASK_OVER_BROKEN = "ask over broken"  # the file on disk has errors, perhaps being edited elsewhere
    ASK_OVER_CHANGED = "ask over changed"  # another program changed it since it was read


@dataclass
class FileSync:
    """What is known of the window's file: what is shown, and how the disk differs from it."""

    shown_read: bool = False  # what is shown was read from the file (not a placeholder for a broken one)
    read_whole: bool = False  # … and without errors: a version worth keeping while the file is broken
    broken_on_disk: bool = False  # the file on disk has errors and what is shown was kept
    kept_mine: bool = False  # the user kept their version over a newer one on disk

    def showing(self, readable: bool, has_errors: bool) -> None:
        """A version of the file is now shown (``readable``: it gave a document at all)."""
        self.shown_read = readable
        self.read_whole = readable and not has_errors
        self.broken_on_disk = False

    def keeps_shown_over(self, readable: bool, has_errors: bool, showing_something: bool) -> bool:
        """Whether a version read again is worse than what is shown, which then stays.

        Someone is halfway through an edit in their editor, or made a mistake: what is shown
        stays if it was read without errors, or was read at all where now nothing can be.
        """
        if not has_errors or not showing_something:
            return False
        return self.read_whole or (not readable and self.shown_read)

    def kept_over_broken(self) -> None:
        """The file on disk is broken and what is shown was kept: a save will ask first."""
        self.broken_on_disk = True

    def read_again(self) -> None:
        """What is on disk is what is shown again."""
        self.broken_on_disk = False
        self.kept_mine = False

    def keep_mine(self) -> None:
        """The user kept their edits over a newer version on disk: a save will ask first."""
        self.kept_mine = True

    def saved(self) -> None:
        """What is shown was written to the file: the disk and the window agree."""
        self.broken_on_disk = False
        self.kept_mine = False

    @staticmethod
    def on_disk_change(unsaved_edits: bool) -> OnDiskChange:
        return OnDiskChange.ASK if unsaved_edits else OnDiskChange.READ_IT

    def before_save(self, over_the_open_file: bool, changed_since_read: Callable[[], bool]) -> BeforeSave:
        """What a save needs first; ``changed_since_read`` is asked only when it matters (it reads the file)."""
        if not over_the_open_file:
            return BeforeSave.SAVE
        if self.broken_on_disk:
            return BeforeSave.ASK_OVER_BROKEN
        if self.kept_mine or changed_since_read():
            return BeforeSave.ASK_OVER_CHANGED
        return BeforeSave.SAVE
