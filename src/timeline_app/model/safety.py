"""Making invisible characters visible, so text from a file cannot disguise itself."""

from __future__ import annotations

import re

# Bidirectional controls can reverse what the eye reads ("evil\u202Etxt.exe"); zero-width characters
# make two ids that look the same differ. Both are shown as their code points instead.
_HIDDEN = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MAX_SHOWN_TEXT = 50_000  # characters of one description laid out at most; the rest is summarised


def reveal_hidden(text: str) -> str:
    """``text`` with bidi controls and zero-width characters written as ⟨U+202E⟩ and the like."""
    if not _HIDDEN.search(text):
        return text
    return _HIDDEN.sub(lambda match: f"⟨U+{ord(match.group()):04X}⟩", text)


def has_hidden(text: str) -> bool:
    # Every hidden character is outside ASCII, and isascii() is a flag lookup: ids are nearly all ASCII.
    return not text.isascii() and _HIDDEN.search(text) is not None


MAX_SHOWN_TITLE = 1_000  # characters of a title the detail pane shows; a list of events shows fewer
LONGEST_UNBROKEN = 120  # characters without a space after which a line may break anyway
_UNBROKEN = re.compile(rf"\S{{{LONGEST_UNBROKEN + 1},}}")


def bounded(text: str, limit: int = MAX_SHOWN_TEXT) -> str:
    """At most ``limit`` characters, saying how much more there is, so layout time stays bounded.

    Runs of characters with no space in them get a break opportunity (a zero-width space) every
    LONGEST_UNBROKEN characters: text layout breaks lines at spaces, and finding where to break
    one 100,000-character word took Qt seconds.
    """
    if len(text) > limit:
        text = text[:limit] + f"\n\n… ({len(text) - limit:,} more characters not shown)"
    if _UNBROKEN.search(text):
        text = _UNBROKEN.sub(lambda run: "\u200b".join(run.group()[start:start + LONGEST_UNBROKEN]
                                                     for start in range(0, len(run.group()), LONGEST_UNBROKEN)),
                             text)
    return text
