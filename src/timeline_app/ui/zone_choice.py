"""View > Time Zone: times shown on the file's clocks, the computer's or UTC, remembered for the app.

"The file's" is its "timezone" where it has one; where it has none, each time is shown as it
was written (its own offset, else UTC). The choice reaches the axis, the hover text and the
detail pane; what is written to the file never changes with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline_app.model.zones import LOCAL_NAME, UTC_NAME, Zone, computer_zone_name
from timeline_app.ui.menu_choice import MenuChoice

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow

FILE, COMPUTER, UTC = "file", "computer", "utc"
_SETTING = "view/timeZone"


class ZoneChoice(MenuChoice):
    """The Time Zone submenu and what it chooses."""

    def __init__(self, window: MainWindow) -> None:
        # Texts are set by update_texts: the file's item names the file's zone.
        super().__init__(window, "Time &Zone", {FILE: "", COMPUTER: "", UTC: "UTC"}, _SETTING)
        self.update_texts()

    def update_texts(self) -> None:
        """The file's item names its zone; the computer's names what the computer calls its own."""
        session = self._window.session
        name = session.document.timezone if session is not None else None
        self._actions[FILE].setText(f"The File's ({name})" if name else "As Written in the File")
        self._actions[FILE].setStatusTip("Times on the clocks of the file's \"timezone\"" if name else
                                         "Each time with the offset it was written with (UTC where it has none)")
        self._actions[COMPUTER].setText(f"This Computer's ({computer_zone_name()})")
        self._actions[UTC].setText("UTC")

    def zone(self) -> Zone | None:
        """The zone times are shown in; None: each as written."""
        if self.choice == COMPUTER:
            return Zone(LOCAL_NAME)
        if self.choice == UTC:
            return Zone(UTC_NAME)
        session = self._window.session
        return session.document_zone() if session is not None else None

    def apply(self) -> None:
        """Show times in the chosen zone everywhere they are shown."""
        self.update_texts()
        zone = self.zone()
        self._window.canvas.set_display_zone(zone)
        self._window.detail.set_display_zone(zone)
