"""Time zones: the file's own (an IANA name), the computer's, or UTC.

A file's ``"timezone"`` says where times written without an offset were read on a clock;
the reader may see them in that zone, in their computer's or in UTC. Axis seconds are UTC;
a zone turns them into wall-clock seconds ("local axis" seconds, counted as if UTC) and back.
Outside the years datetime knows (1-9999) every zone is taken as UTC: no clock was kept there.
"""

from __future__ import annotations

import datetime as dt
import difflib
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from timeline_app.model.timeaxis import to_axis

UTC_NAME = "UTC"
LOCAL_NAME = "local"  # the computer's zone, whatever it is called there
_EPOCH_AXIS = to_axis(1970)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_FIRST, _LAST = to_axis(2), to_axis(9998)  # a day's margin either side of what datetime can hold


class UnknownZoneError(ValueError):
    """A zone name no IANA database knows; the message suggests the nearest that it does."""


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def check_zone_name(name: str) -> None:
    """Raise :class:`UnknownZoneError` for a name that is no IANA zone, saying what to write instead."""
    if name == UTC_NAME or name in zone_names():
        return
    close = difflib.get_close_matches(name, sorted(zone_names()), n=1, cutoff=0.6)
    fold = {known.lower(): known for known in zone_names()}
    if name.lower() in fold:
        close = [fold[name.lower()]]
    hint = f"did you mean {' or '.join(repr(found) for found in close)}?" if close else \
        'write an IANA name such as "America/New_York", "Europe/Paris" or "UTC"'
    raise UnknownZoneError(f'"{name}" is not a time zone; {hint}')


def is_zone_name(name: str) -> bool:
    """Whether ``name`` is a zone the IANA database knows."""
    return name == UTC_NAME or name in zone_names()


class Zone:
    """One zone: how far its clocks are from UTC at an instant, and what it calls that time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._info: dt.tzinfo | None
        if name == LOCAL_NAME:
            self._info = None  # the computer's own rules, asked afresh (it may change while open)
        elif name == UTC_NAME:
            self._info = dt.UTC
        else:
            check_zone_name(name)
            try:
                self._info = ZoneInfo(name)
            except ZoneInfoNotFoundError as error:  # listed, but its data cannot be read
                raise UnknownZoneError(f'"{name}" cannot be read from the time zone database: {error}') from None

    def __repr__(self) -> str:
        return f"Zone({self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Zone) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def _aware(self, utc: float) -> dt.datetime | None:
        if not _FIRST <= utc <= _LAST:
            return None
        moment = _EPOCH + dt.timedelta(seconds=utc - _EPOCH_AXIS)
        return moment.astimezone() if self._info is None else moment.astimezone(self._info)

    def offset_minutes(self, utc: float) -> int:
        """Minutes east of UTC the zone's clocks show at the instant ``utc``."""
        aware = self._aware(utc)
        offset = aware.utcoffset() if aware is not None else None
        return int(offset.total_seconds() // 60) if offset is not None else 0

    def abbreviation(self, utc: float) -> str:
        """What the zone calls its time at ``utc``: "EDT", "CET"; "UTC+05:30" where it has no letters."""
        aware = self._aware(utc)
        name = aware.tzname() if aware is not None else None
        if name and name[0] not in "+-":
            return name
        offset = self.offset_minutes(utc)
        hours, minutes = divmod(abs(offset), 60)
        return "UTC" if offset == 0 else f"UTC{'-' if offset < 0 else '+'}{hours:02d}:{minutes:02d}"

    def local(self, utc: float) -> float:
        """The wall-clock time at ``utc``, as local axis seconds."""
        return utc + self.offset_minutes(utc) * 60

    def offset_for_local(self, local: float) -> int:
        """The offset, in minutes, of a wall-clock time in this zone.

        A time the clocks skipped (spring forward) or showed twice (fall back) is read as the
        zone's rules read it with ``fold=0``: the first of the two, the offset before the change.
        """
        if not _FIRST <= local <= _LAST:
            return 0
        naive = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=local - _EPOCH_AXIS)
        aware = naive.astimezone() if self._info is None else naive.replace(tzinfo=self._info)
        offset = aware.utcoffset()
        return int(offset.total_seconds() // 60) if offset is not None else 0

    def utc(self, local: float) -> float:
        """The instant at which this zone's clocks show ``local``."""
        return local - self.offset_for_local(local) * 60


def computer_zone_name() -> str:
    """The computer's zone as it calls it ("CET"), for a menu; its IANA name is rarely known to Python."""
    return dt.datetime.now().astimezone().tzname() or "this computer's"
