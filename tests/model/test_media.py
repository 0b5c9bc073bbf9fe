"""An event's media: a picture by URL or by a path beside the file, checked as a file is. No Qt."""

from __future__ import annotations

import pytest

from timeline_app.model.document import Media, media_in
from timeline_app.model.rules import DocumentReader, Severity


def _findings(media: object) -> list[tuple[str, str]]:
    reader = DocumentReader()
    reader.errors_in({"title": "T", "start": "2025", "media": media})
    return [(finding.severity.value, finding.message) for finding in reader.findings]


def test_a_picture_by_path_or_url_is_valid_and_read_with_its_words() -> None:
    assert _findings({"path": "images/deal.jpg", "caption": "The deal", "credit": "AP", "alt": "Wang"}) == []
    assert _findings({"url": "https://example.org/a.png"}) == []
    media = media_in({"media": {"path": "images/deal.jpg", "caption": "The deal", "alt": "Wang"}})
    assert media == Media(path="images/deal.jpg", caption="The deal", alt="Wang")
    assert media is not None
    assert media.is_image


@pytest.mark.parametrize(("media", "severity", "says"), [
    ("https://example.org/a.png", "error", '"media" must be an object'),
    ({"caption": "no source"}, "error", "not neither"),
    ({"url": "https://example.org/a.png", "path": "a.png"}, "error", "not both"),
    ({"url": 5}, "error", '"url" must be text'),
    ({"url": "file:///etc/passwd"}, "warning", "must be http or https"),
    ({"url": "javascript:alert(1)"}, "warning", "must be http or https"),
    ({"path": "/etc/passwd"}, "warning", "relative to the events file"),
    ({"path": "C:\\\\pictures\\\\a.png"}, "warning", "relative to the events file"),
])
def test_media_that_cannot_be_shown_is_said_where_it_is(media: object, severity: str, says: str) -> None:
    found = _findings(media)
    assert found, "a problem is reported"
    assert found[0][0] == severity
    assert says in found[0][1]


def test_a_video_or_a_tweet_is_media_shown_as_a_link_and_the_host_of_a_picture_is_named() -> None:
    assert not Media(url="https://www.youtube.com/watch?v=abc").is_image
    assert not Media(url="https://twitter.com/x/status/1").is_image
    picture = Media(url="https://User@Upload.Wikimedia.org/x/y.JPG?width=300")
    assert picture.is_image
    assert picture.host == "upload.wikimedia.org"


def test_only_the_events_with_files_are_checked_for_them() -> None:
    reader = DocumentReader()
    reader.build({"events": [{"title": "A", "start": "2025", "media": {"path": "a.png"}},
                             {"title": "B", "start": "2025", "media": {"url": "https://example.org/b.png"}}]})
    assert reader.local_media == [(("events", 0, "media", "path"), "a.png")]
    assert not any(finding.severity is Severity.ERROR for finding in reader.findings)
