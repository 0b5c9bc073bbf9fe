"""Making invisible characters visible, so text from a file cannot disguise itself."""

from __future__ import annotations

import re

# Bidirectional controls can reverse what the eye reads ("evil\u202Etxt.exe"); zero-width characters
# make two ids that look the same differ. Both are shown as their code points instead.
_HIDDEN = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MAX_SHOWN_TEXT = 200_000  # characters of one description laid out at most; the rest is summarised


def reveal_hidden(text: str) -> str:
    """``text`` with bidi controls and zero-width characters written as ⟨U+202E⟩ and the like."""
    if not _HIDDEN.search(text):
        return text
    return _HIDDEN.sub(lambda match: f"⟨U+{ord(match.group()):04X}⟩", text)


def has_hidden(text: str) -> bool:
    # Every hidden character is outside ASCII, and isascii() is a flag lookup: ids are nearly all ASCII.
    return not text.isascii() and _HIDDEN.search(text) is not None


def bounded(text: str, limit: int = MAX_SHOWN_TEXT) -> str:
    """At most ``limit`` characters, saying how much more there is, so layout time stays bounded."""
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n\n… ({len(text) - limit:,} more characters not shown)"
