"""Opening a file to read without ever waiting on one that is not a file.

Opening a FIFO for reading blocks until some other program writes to it, and a device may
never end: the path is opened without waiting, and what is not a regular file is refused.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path


class NotRegularFileError(OSError):
    """The path names a FIFO, a device or a socket: nothing a timeline is read from."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"it is {kind}, not a regular file")
        self.kind = kind


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a file"


def open_regular(path: Path) -> io.BufferedReader:
    """``path`` opened for reading, as long as it is a regular file; else :class:`NotRegularFileError`."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(_kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        stream: io.BufferedReader = os.fdopen(descriptor, "rb")
        return stream
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO, device or socket raises :class:`NotRegularFileError`."""
    with open_regular(path) as stream:
        return stream.read()
