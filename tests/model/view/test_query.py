"""Search ignores case and accents; filters combine within and across fields; chips undo one condition each."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.model.view.helpers import story_document
from timeline_app.model.timeaxis import to_axis
from timeline_app.model.view.index import build_index
from timeline_app.model.view.query import Filters, SearchIndex, field_values, fold, where_matched
from timeline_app.storage.loader import load_text


def test_folding_drops_case_and_accents() -> None:
    assert fold("Joëlle PINEAU") == "joelle pineau"
    assert fold("Ångström café") == "angstrom cafe"


@given(st.text(max_size=40))
def test_folding_ascii_text_quickly_folds_it_as_the_general_way_does(text: str) -> None:
    import unicodedata

    general = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    assert fold(text) == general
    ascii_only = text.encode("ascii", "ignore").decode()
    assert fold(ascii_only) == "".join(c for c in unicodedata.normalize("NFKD", ascii_only)
                                       if not unicodedata.combining(c)).casefold()


def test_search_keeps_what_it_folded_until_told_an_event_is_gone() -> None:
    document = story_document()
    search = SearchIndex()
    pineau = next(e for e in document.events if e.id == "pineau-announces")
    assert pineau in search.matches(document.events, "joelle")
    # The same event, its text changed behind the index's back: still known by what was folded.
    pineau.title = "Zyxwvut"
    assert pineau in search.matches(document.events, "joelle")
    search.forget([pineau])
    assert search.matches(document.events, "zyxwvut") == [pineau]  # folded afresh
    pineau.title = "Qwertzuiop"
    others = [e for e in document.events if e is not pineau]
    search.keep_only(others)
    assert search.matches(document.events, "qwertzuiop") == [pineau]
    assert len(search.matches(others, "joelle")) >= 1  # the others' folds were kept


def test_search_finds_joelle_without_the_accent_in_every_field() -> None:
    document = story_document()
    search = SearchIndex()
    found = {e.id for e in search.matches(document.events, "joelle")}
    assert {"pineau-announces", "pineau-last-day"} <= found
    assert {e.id for e in search.matches(document.events, "JOËLLE")} == found
    by_publisher = {e.id for e in search.matches(document.events, "reuters")}
    assert "google-cuts-ties" in by_publisher  # the publisher of a source
    assert {e.id for e in search.matches(document.events, "customer exits")} >= {"google-cuts-ties"}  # a tag
    assert search.matches(document.events, "") == []
    assert search.matches(document.events, "   ") == []
    both = search.matches(document.events, "pineau fergus")
    assert all("pineau" in search.haystack(e) and "fergus" in search.haystack(e) for e in both)


def test_filters_combine_within_and_across_fields() -> None:
    events = story_document().events
    talent = Filters(categories={"talent"})
    assert {e.category for e in talent.apply(events)} == {"talent"}
    talent_or_legal = Filters(categories={"talent", "legal"})
    assert {e.category for e in talent_or_legal.apply(events)} == {"talent", "legal"}
    meta_talent = Filters(categories={"talent"}, actors={"Meta"})
    assert all("Meta" in e.actors and e.category == "talent" for e in meta_talent.apply(events))
    no_approximate = Filters(hide_approximate=True)
    assert not any(e.start.approximate or (e.end and e.end.approximate) for e in no_approximate.apply(events))
    exact = Filters(precisions={"exact"})
    assert all(e.start.precision.noun in ("day", "hour", "minute", "second") for e in exact.apply(events))
    june = Filters(start=_date("2025-06"), end=_date_end("2025-06"))
    assert all(e.finish >= _date("2025-06") and e.begin <= _date_end("2025-06") for e in june.apply(events))
    reuters = Filters(publishers={"Reuters"})
    assert {e.id for e in reuters.apply(events)} >= {"google-cuts-ties", "microsoft-xai-back-away"}
    assert Filters().apply(events) == events


def _date(text: str) -> float:
    from timeline_app.model.dates import parse_date

    return parse_date(text).earliest


def _date_end(text: str) -> float:
    from timeline_app.model.dates import parse_date

    return parse_date(text).latest


def test_chips_remove_one_condition_each_and_survive_settings() -> None:
    filters = Filters(categories={"talent"}, actors={"Meta"}, hide_uncertain=True, start=1.0, end=2.0,
                      date_label="2025")
    assert [kind for kind, _value, _label in filters.chips()] == ["category", "actor", "uncertain", "dates"]
    filters.remove("actor", "Meta")
    filters.remove("dates", "")
    assert filters.actors == set()
    assert filters.start is None
    again = Filters.from_json(filters.to_json())
    assert again == filters
    assert Filters.from_json("garbage") == Filters()
    assert Filters.from_json({"categories": "not a list", "start": "x"}) == Filters()


def test_field_values_count_events() -> None:
    document = load_text('[{"title": "a", "start": "2025", "actors": ["X", "Y"]},'
                         ' {"title": "b", "start": "2025", "actors": ["X"]}]').document
    assert document is not None
    assert field_values(document.events, "actor") == [("X", 2), ("Y", 1)]


def test_date_ranges_read_as_people_write_them() -> None:

    from timeline_app.model.dates import DateError, parse_date
    from timeline_app.model.view.query import parse_date_range

    assert parse_date_range("2025-04 – 2025-07") == (parse_date("2025-04").earliest, parse_date("2025-07").latest)
    assert parse_date_range("2024 to 2025") == (parse_date("2024").earliest, parse_date("2025").latest)
    assert parse_date_range("late 2025") == (parse_date("late 2025").earliest, parse_date("late 2025").latest)
    with pytest.raises(DateError, match="ends before it starts"):
        parse_date_range("2025 – 2024")
    with pytest.raises(DateError):
        parse_date_range("soon – later")


def test_chips_name_categories_by_their_labels() -> None:
    filters = Filters(categories={"labor", "undeclared", ""})
    labels = [label for _kind, _value, label in filters.chips({"labor": "Labour"})]
    assert labels == ["Category: (none)", "Category: Labour", "Category: undeclared"]


def test_where_a_query_matched_names_the_parts_of_a_matching_event() -> None:
    document = load_text(json.dumps({"events": [
        {"title": "Scale AI deal", "start": "2025-06-12", "description": "Meta buys 49%.", "actors": ["Alexandr Wang"],
         "tags": ["deal"], "sources": [{"publisher": "Reuters", "url": "https://reuters.com/x"}]}]})).document
    assert document is not None
    event = document.events[0]
    assert where_matched(event, "scale") == ["title"]
    assert where_matched(event, "DEAL reuters") == ["title", "tags", "sources"]
    assert where_matched(event, "wang 49") == ["description", "people"]
    assert where_matched(event, "scale google") == []  # not a match: no word is said to match
    assert where_matched(event, "  ") == []


@given(st.lists(st.tuples(st.integers(2000, 2030), st.integers(0, 5)), min_size=1, max_size=40),
       st.integers(1995, 2035), st.integers(0, 6), st.sampled_from(["category", "actor"]))
def test_where_matches_lie_is_told_by_bisection_as_a_look_through_each_event_would(
        dates: list[tuple[int, int]], start_year: int, years: int, lanes_by: str) -> None:
    from timeline_app.model.view.index import EventSpans

    events = [{"title": f"E{n}", "start": str(year), **({"end": str(year + length)} if length else {}),
               "category": "ab"[n % 2], "actors": ["X", "Y"][: n % 3]} for n, (year, length) in enumerate(dates)]
    document = load_text(json.dumps({"events": events})).document
    assert document is not None
    index = build_index(document, lanes_by=lanes_by)
    matches = index.ordered[::2]
    spans = EventSpans(index, matches)
    start, end = to_axis(start_year), to_axis(start_year + years)
    for lane in index.lanes:
        expected = any(event in set(matches) for event in lane.visible(start, end))
        assert spans.any_overlapping(lane.key, start, end) == expected
