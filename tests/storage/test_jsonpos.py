"""Places in a JSON text: lines and columns found for many offsets at once are where each alone would be."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st


@given(st.text(alphabet="ab\n\r{", max_size=200), st.lists(st.integers(0, 200), max_size=20))
def test_many_places_at_once_are_where_each_alone_would_be(text: str, offsets: list[int]) -> None:
    from timeline_app.storage.jsonpos import lines_and_columns, offset_to_line_column

    offsets = [min(offset, len(text)) for offset in offsets]
    assert lines_and_columns(text, offsets) == {offset: offset_to_line_column(text, offset) for offset in offsets}
