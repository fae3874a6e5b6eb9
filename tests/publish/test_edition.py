"""build_edition: layout rebuilt from unit positions, shown status per min_state, validation."""

from __future__ import annotations

import datetime as dt

import pytest

from localize.errors import CatalogMismatch
from localize.langs import DARI, PASHTO, Language
from localize.model import BlockKind, State, Unit
from localize.publish import Shown, build_edition

from .articles import ARTICLE, SHARED, TRANSLATIONS, make_units


def test_layout_is_rebuilt_in_document_order_from_shuffled_units() -> None:
    edition = build_edition("nato", make_units("fa_AF", shuffle=7), DARI)

    assert [(b.kind, b.paragraph) for b in edition.blocks] == [
        (kind, n) for n, (kind, _) in enumerate(ARTICLE)
    ]
    for block, (_, sentences) in zip(edition.blocks, ARTICLE):
        assert [p.source for p in block.pieces] == sentences
    indices = [p.index for b in edition.blocks for p in b.pieces]
    assert indices == list(range(len(indices)))
    assert edition.complete and edition.missing() == ()


def test_a_shared_unit_appears_at_every_position() -> None:
    units = make_units("ps")
    shared = [u for u in units if u.source == SHARED]
    assert len(shared) == 1 and len(shared[0].positions) == 2

    edition = build_edition("nato", units, PASHTO)

    hits = [(b.paragraph, p.target) for b in edition.blocks for p in b.pieces if p.source == SHARED]
    assert hits == [(4, TRANSLATIONS["ps"][SHARED]), (5, TRANSLATIONS["ps"][SHARED])]
    assert edition.units.count(shared[0]) == 1  # listed once


@pytest.mark.parametrize(
    ("min_state", "state", "shown"),
    [
        (State.REVIEWED, State.UNTRANSLATED, Shown.PENDING),
        (State.REVIEWED, State.SOURCE_CHANGED, Shown.PENDING),
        (State.REVIEWED, State.DRAFT, Shown.PENDING),
        (State.REVIEWED, State.REVIEWED, Shown.TRANSLATED),
        (State.REVIEWED, State.APPROVED, Shown.TRANSLATED),
        (State.DRAFT, State.UNTRANSLATED, Shown.PENDING),
        (State.DRAFT, State.SOURCE_CHANGED, Shown.PENDING),
        (State.DRAFT, State.DRAFT, Shown.DRAFT),
        (State.DRAFT, State.REVIEWED, Shown.TRANSLATED),
        (State.DRAFT, State.APPROVED, Shown.TRANSLATED),
        (State.APPROVED, State.DRAFT, Shown.PENDING),
        (State.APPROVED, State.REVIEWED, Shown.PENDING),
        (State.APPROVED, State.APPROVED, Shown.TRANSLATED),
    ],
)
def test_shown_status_follows_min_state(min_state: State, state: State, shown: Shown) -> None:
    source = ARTICLE[3][1][1]
    edition = build_edition(
        "nato", make_units("fa_AF", states={source: state}, default=State.APPROVED), DARI,
        min_state=min_state,
    )

    piece = next(p for b in edition.blocks for p in b.pieces if p.source == source)
    assert piece.shown is shown and piece.state is state
    others = {p.shown for b in edition.blocks for p in b.pieces if p.source != source}
    assert others == {Shown.TRANSLATED}
    if shown is Shown.PENDING:
        assert piece.target is None  # never the draft or stale text
        assert [u.source for u in edition.missing()] == [source]
    else:
        assert piece.target == TRANSLATIONS["fa_AF"][source]
        assert edition.missing() == ()


def test_missing_lists_each_unit_once_in_document_order() -> None:
    late, early = ARTICLE[5][1][0], ARTICLE[0][1][0]
    states = {late: State.DRAFT, SHARED: State.UNTRANSLATED, early: State.SOURCE_CHANGED}
    edition = build_edition("nato", make_units("ps", states=states, shuffle=3), PASHTO)

    assert [u.source for u in edition.missing()] == [early, SHARED, late]
    assert edition.counts() == {"translated": 6, "draft": 0, "pending": 4}


def test_an_empty_translation_is_pending_even_when_marked_reviewed() -> None:
    source = ARTICLE[2][1][0]
    edition = build_edition("nato", make_units("fa_AF", targets={source: ""}), DARI)

    assert [u.source for u in edition.missing()] == [source]


def test_min_state_below_draft_is_refused() -> None:
    with pytest.raises(ValueError, match="min_state"):
        build_edition("nato", make_units("fa_AF"), DARI, min_state=State.SOURCE_CHANGED)


def test_units_without_positions_are_ignored() -> None:
    stray = Unit(source="Not in the article.", target="x", state=State.DRAFT, positions=())
    edition = build_edition("nato", [*make_units("fa_AF"), stray], DARI)

    assert stray not in edition.units and edition.missing() == ()


def _unit(source: str, *positions: tuple[int, int, BlockKind, int]) -> Unit:
    return Unit(source=source, target="ترجمه", state=State.REVIEWED, positions=positions)


H, B = BlockKind.HEADLINE, BlockKind.BODY


@pytest.mark.parametrize(
    ("units", "problem"),
    [
        ([_unit("a", (0, 0, H, 1)), _unit("b", (2, 1, B, 3))], "paragraph 2 does not exist"),
        ([_unit("a", (1, 0, H, 1)), _unit("b", (1, 1, B, 3))], "paragraph 1 does not exist"),
        ([_unit("a", (0, 0, H, 1)), _unit("b", (1, 0, B, 3))], "unit 1 appears twice"),
        ([_unit("a", (0, 0, H, 1)), _unit("b", (1, 2, B, 3))], "unit 2 is missing"),
        ([_unit("a", (0, 0, B, 1)), _unit("b", (0, 1, H, 1))], "both body and headline"),
        ([_unit("a", (0, 0, H, 1), (1, 2, B, 2)), _unit("b", (0, 1, H, 1), (1, 3, B, 2)),
          _unit("c", (0, 4, H, 1))], "goes back to paragraph 1"),
        ([_unit("a", (-1, 0, H, 1))], "negative position"),
        ([], "no units"),
    ],
)
def test_inconsistent_positions_are_a_catalog_mismatch(units: list[Unit], problem: str) -> None:
    with pytest.raises(CatalogMismatch) as caught:
        build_edition("nato-sg", units, DARI)

    error = caught.value
    assert error.path is None  # the CLI adds the catalog file
    assert problem in error.detail
    assert "'nato-sg'" in error.detail and "localize extract" in error.detail


def test_title_defaults_to_the_english_headline() -> None:
    units = make_units("fa_AF")
    assert build_edition("nato", units, DARI).title == ARTICLE[0][1][0]
    assert build_edition("nato", units, DARI, source_title="NATO").title == "NATO"


def test_no_published_date_needs_no_calendar() -> None:
    assert build_edition("nato", make_units("ps"), PASHTO).published is None


@pytest.mark.parametrize(
    ("language", "hijri"),
    [(DARI, "یکشنبه ۲۱ دلو ۱۳۹۷"), (PASHTO, "یکشنبه، د ۱۳۹۷ کال د سلواغې ۲۱مه")],
)
def test_published_date_in_both_calendars(language: Language, hijri: str) -> None:
    dates = pytest.importorskip("localize.language.dates", reason="dates.py not written yet")
    day = dt.date(2019, 2, 10)

    published = build_edition("nato", make_units(language.code), language, published=day).published

    assert published is not None
    assert published.iso == "2019-02-10" and published.english == "10 February 2019"
    assert published.solar_hijri == hijri
    assert published.gregorian == dates.format_gregorian_date(day, language.code)
    assert "۲۰۱۹" in published.gregorian
