"""Catalog units -> an ``Edition``: the article's layout with each sentence's translation.

Pure: data in, data out. The renderers (``html.py``, ``text.py``) turn an ``Edition`` into
a string; the CLI writes the files.

A catalog holds one unit per *distinct* sentence; ``Unit.positions`` says where every
occurrence sits, as ``(paragraph, index, kind, line)``. The edition puts the occurrences
back in document order (by ``index``), groups them by ``paragraph`` and keeps the block
kind, so a sentence that occurs twice appears twice.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import CatalogMismatch
from ..langs import Language
from ..model import BlockKind, State, Unit
from .labels import english_date

_REFRESH = "run `localize extract` on the article to update the catalog, then publish again"


class Shown(str, enum.Enum):
    """How a piece of the edition shows its translation."""

    TRANSLATED = "translated"  # state >= min_state: shown as the translation
    DRAFT = "draft"  # min_state is DRAFT and the unit is a draft: shown with a badge
    PENDING = "pending"  # below min_state (or empty): a "translation pending" marker instead


@dataclass(frozen=True, slots=True)
class Piece:
    """One occurrence of a sentence in the edition, with its translation.

    ``target`` is ``None`` when ``shown`` is ``PENDING``: a draft below the minimum state
    never reaches a renderer.
    """

    source: str
    target: str | None
    state: State
    shown: Shown
    index: int
    line: int


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the article (headline, dateline, byline or body paragraph)."""

    kind: BlockKind
    paragraph: int
    pieces: tuple[Piece, ...]

    @property
    def source_text(self) -> str:
        """The English paragraph: its sentences joined by single spaces."""
        return " ".join(piece.source for piece in self.pieces)


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """The publication date, as ISO, English and the target language's two calendars."""

    iso: str  # 2019-02-10
    english: str  # 10 February 2019
    gregorian: str  # Gregorian, in the target language's style
    solar_hijri: str  # Afghan solar Hijri, in the target language's style


@dataclass(frozen=True, slots=True)
class Edition:
    """A bilingual edition of one article in one target language."""

    slug: str
    language: Language
    min_state: State
    blocks: tuple[Block, ...]
    units: tuple[Unit, ...]  # every placed unit, in order of first occurrence
    published: PublishedDate | None = None
    source_title: str | None = None

    @property
    def title(self) -> str:
        """``source_title``, else the English of the first headline, else the slug."""
        if self.source_title:
            return self.source_title
        for block in self.blocks:
            if block.kind is BlockKind.HEADLINE:
                return block.source_text
        return self.slug

    def missing(self) -> tuple[Unit, ...]:
        """Units not shown as translations (below ``min_state`` or with an empty target).

        The CLI refuses to publish while this is non-empty, unless ``--allow-incomplete``.
        """
        return tuple(unit for unit in self.units if _shown(unit, self.min_state) is Shown.PENDING)

    def counts(self) -> dict[str, int]:
        """Occurrences per ``Shown`` value: ``{"translated": 38, "draft": 0, "pending": 2}``."""
        result = {shown.value: 0 for shown in Shown}
        for block in self.blocks:
            for piece in block.pieces:
                result[piece.shown.value] += 1
        return result

    @property
    def complete(self) -> bool:
        """True when every occurrence is shown as a reviewed-enough translation."""
        return all(p.shown is Shown.TRANSLATED for b in self.blocks for p in b.pieces)


def _first(item: tuple[int, int, BlockKind, int, Unit]) -> int:
    return item[0]


def _shown(unit: Unit, min_state: State) -> Shown:
    if unit.state < min_state or not unit.target:
        return Shown.PENDING
    if unit.state is State.DRAFT:
        return Shown.DRAFT  # only reachable when min_state is DRAFT
    return Shown.TRANSLATED


def build_edition(
    slug: str,
    units: Sequence[Unit],
    language: Language,
    *,
    min_state: State = State.REVIEWED,
    published: dt.date | None = None,
    source_title: str | None = None,
) -> Edition:
    """Rebuild the article layout from one catalog's units and pair each sentence with its
    translation.

    Args:
        slug: the article's name (catalog domain), e.g. ``nato-sg-taliban-talks``.
        units: every unit of the article's catalog in ``language`` (any order). Units
            without positions (not in the article) are ignored.
        language: the target language.
        min_state: the lowest state shown as a translation: ``DRAFT`` (drafts shown with a
            "machine translation, not reviewed" badge), ``REVIEWED`` or ``APPROVED``. Units
            below it are shown as "translation pending", never with their text.
        published: the publication date; ``None`` leaves it out.
        source_title: the English title for the page; defaults to the first headline.

    Returns:
        The ``Edition``.

    Raises:
        ValueError: ``min_state`` below ``DRAFT`` (it would publish stale or empty text).
        CatalogMismatch: positions that cannot come from one article (paragraphs not
            numbered 0, 1, 2, ... without gaps, a unit index used twice or missing, kinds
            that change inside a paragraph, paragraphs out of order, or no units at all).
            The error has no path: the caller adds the catalog file.
    """
    if min_state < State.DRAFT:
        raise ValueError(f"min_state must be draft, reviewed or approved, not {min_state.label}")
    placed = [unit for unit in units if unit.positions]
    occurrences = sorted(
        ((index, paragraph, kind if kind.__class__ is BlockKind else BlockKind(kind), line, unit)
         for unit in placed for paragraph, index, kind, line in unit.positions),
        key=_first,
    )
    _check_layout(slug, [(i, p, k) for i, p, k, _, _ in occurrences])

    blocks: list[Block] = []
    pieces: list[Piece] = []
    first_seen: dict[int, Unit] = {}  # id(unit) -> unit, in order of first occurrence
    shown: dict[int, Shown] = {}
    current: tuple[int, BlockKind] | None = None
    for index, paragraph, kind, line, unit in occurrences:
        if current is not None and paragraph != current[0]:
            blocks.append(Block(current[1], current[0], tuple(pieces)))
            pieces = []
        current = (paragraph, kind)
        if id(unit) not in first_seen:
            first_seen[id(unit)] = unit
            shown[id(unit)] = _shown(unit, min_state)
        status = shown[id(unit)]
        target = None if status is Shown.PENDING else unit.target
        pieces.append(Piece(unit.source, target, unit.state, status, index, line))
    if current is not None:
        blocks.append(Block(current[1], current[0], tuple(pieces)))

    return Edition(
        slug=slug,
        language=language,
        min_state=min_state,
        blocks=tuple(blocks),
        units=tuple(first_seen.values()),
        published=_published(published, language) if published is not None else None,
        source_title=source_title,
    )


def _check_layout(slug: str, occurrences: Iterable[tuple[int, int, BlockKind]]) -> None:
    """Raise ``CatalogMismatch`` unless the sorted occurrences describe one article."""
    problem = None
    expected_index = 0
    last_paragraph = -1
    kinds: dict[int, BlockKind] = {}
    for index, paragraph, kind in occurrences:
        if index < 0 or paragraph < 0:
            problem = f"negative position (paragraph {paragraph + 1}, unit {index + 1})"
        elif index != expected_index:
            problem = (f"unit {index + 1} appears twice" if index < expected_index
                       else f"unit {expected_index + 1} is missing")
        elif paragraph < last_paragraph:
            problem = f"unit {index + 1} goes back to paragraph {paragraph + 1}"
        elif paragraph > last_paragraph + 1:
            problem = (f"units reference paragraph {paragraph + 1} but paragraph "
                       f"{last_paragraph + 2} does not exist")
        elif kinds.setdefault(paragraph, kind) is not kind:
            problem = (f"paragraph {paragraph + 1} is both {kinds[paragraph].value} "
                       f"and {kind.value}")
        if problem:
            break
        expected_index += 1
        last_paragraph = paragraph
    if problem is None and expected_index == 0:
        problem = "it has no units placed in the article"
    if problem is not None:
        raise CatalogMismatch(
            None, f"does not match the article {slug!r}: {problem}; {_REFRESH}"
        )


def _published(day: dt.date, language: Language) -> PublishedDate:
    # Imported here: the dates module is optional for editions without a date.
    from ..language.dates import format_afghan_date, format_gregorian_date

    return PublishedDate(
        iso=day.isoformat(),
        english=english_date(day),
        gregorian=format_gregorian_date(day, language.code),
        solar_hijri=format_afghan_date(day, language.code),
    )
