"""Eras in a frame: rows for those that overlap, a band only when there are eras, titles kept in sight."""

from __future__ import annotations

from timeline_app.model.dates import parse_date
from timeline_app.model.document import Era
from timeline_app.model.view.eras import (
    ERA_BAND_PADDING,
    ERA_ROW_HEIGHT,
    MAX_ERA_ROWS,
    era_at,
    era_band_height,
    era_rows,
    layout_eras,
)
from timeline_app.model.view.viewport import Viewport


def _era(title: str, start: str, end: str, index: int = 0) -> Era:
    return Era(title, parse_date(start), parse_date(end, allow_ongoing=True), index=index)


def _measure(text: str) -> float:
    return 7.0 * len(text)


DEAL = _era("The deal", "2025-04?", "2025-06-12", 0)
TRIAL = _era("FTC trial", "2025-04-14", "2025-05-27", 1)
LLAMA = _era("Llama 4 era", "2025-04-05", "2026-04-08", 2)
LATER = _era("After", "2026-05", "2026-08", 3)


def test_overlapping_eras_take_rows_and_one_after_another_share_one() -> None:
    assert era_rows([DEAL, TRIAL, LLAMA, LATER]) == [0, 2, 1, 0]
    assert era_band_height([DEAL, TRIAL, LLAMA, LATER]) == 3 * ERA_ROW_HEIGHT + ERA_BAND_PADDING
    assert era_band_height([LATER]) == ERA_ROW_HEIGHT + ERA_BAND_PADDING


def test_a_file_without_eras_has_no_band() -> None:
    assert era_band_height([]) == 0.0


def test_no_more_rows_than_the_cap_however_many_overlap() -> None:
    many = [_era(f"Era {n}", "2025-01", "2025-12", n) for n in range(10)]
    assert max(era_rows(many)) == MAX_ERA_ROWS - 1


def test_an_imprecise_start_is_soft_and_a_day_is_sure() -> None:
    """"2025-04?" may begin any day of April: the era fades in over April and is sure from its end."""
    view = Viewport(parse_date("2025-03").earliest, parse_date("2025-07").latest)
    placed = {p.era.title: p for p in layout_eras([DEAL], view, 1000.0, 48.0, _measure)}
    deal = placed["The deal"]
    april = view.x_of(parse_date("2025-04").latest, 1000.0) - view.x_of(parse_date("2025-04").earliest, 1000.0)
    assert abs((deal.solid_begin - deal.begin) - april) < 0.5
    day = view.x_of(parse_date("2025-06-12").latest, 1000.0) - view.x_of(parse_date("2025-06-12").earliest, 1000.0)
    assert abs((deal.finish - deal.solid_finish) - day) < 0.5


def test_the_title_stays_in_sight_when_the_era_began_off_screen() -> None:
    view = Viewport(parse_date("2025-10").earliest, parse_date("2025-12").latest)
    (llama,) = layout_eras([LLAMA], view, 800.0, 48.0, _measure)
    assert llama.begin < 0
    assert llama.label_rect is not None
    assert 0 <= llama.label_rect.x < 20


def test_eras_outside_the_view_are_not_laid_out() -> None:
    view = Viewport(parse_date("2024-01").earliest, parse_date("2024-06").latest)
    assert layout_eras([DEAL, TRIAL, LLAMA], view, 800.0, 48.0, _measure) == []


def test_a_click_in_a_row_finds_that_rows_era() -> None:
    eras = [DEAL, TRIAL, LLAMA]
    view = Viewport(parse_date("2025-03").earliest, parse_date("2025-07").latest)
    placed = layout_eras(eras, view, 1000.0, 48.0, _measure)
    x = view.x_of(parse_date("2025-05-01").earliest, 1000.0)
    assert era_at(placed, x, 48.0 + 5) is DEAL
    assert era_at(placed, x, 48.0 + ERA_ROW_HEIGHT + 5) is LLAMA
    assert era_at(placed, x, 48.0 + 2 * ERA_ROW_HEIGHT + 5) is TRIAL
    assert era_at(placed, x, 48.0 + 3 * ERA_ROW_HEIGHT + 5) is None
    assert era_at(placed, view.x_of(parse_date("2025-03-15").earliest, 1000.0), 48.0 + 5) is None


def test_a_title_longer_than_its_era_is_written_after_it_where_the_row_is_free() -> None:
    view = Viewport(parse_date("2025-01").earliest, parse_date("2026-06").latest)
    placed = {p.era.title: p for p in layout_eras([DEAL, TRIAL, LLAMA], view, 600.0, 48.0, _measure)}
    trial = placed["FTC trial"]
    assert trial.label_rect is not None
    assert trial.label_outside
    assert trial.label_rect.x > trial.finish
    assert trial.label_rect.width == _measure("FTC trial"), "whole, not cut to a stub"
    assert era_at(list(placed.values()), trial.label_rect.x + 3, trial.label_rect.y + 3) is TRIAL
    llama = placed["Llama 4 era"]
    assert llama.label_rect is not None
    assert not llama.label_outside


def test_an_era_ends_when_its_end_does_even_inside_its_start() -> None:
    """ "2025" to "2025-03": the year is where it begins, March where it ends, not December."""
    era = _era("Early 2025", "2025", "2025-03")
    assert era.finish == parse_date("2025-03").latest
