"""Month and day names for the axis, as the user's locale writes them."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from timeline_app.model.view.axis import CalendarNames


class QtCalendarNames(CalendarNames):
    """Month and day names in the user's locale."""

    def __init__(self, locale: QLocale) -> None:
        self._locale = locale

    def month_short(self, month: int) -> str:
        return self._locale.standaloneMonthName(month, QLocale.FormatType.ShortFormat)

    def month_long(self, month: int) -> str:
        return self._locale.standaloneMonthName(month, QLocale.FormatType.LongFormat)

    def weekday_short(self, weekday: int) -> str:
        return self._locale.dayName(weekday + 1, QLocale.FormatType.ShortFormat)
