"""The core data model of localize: plain values, no I/O, no third-party imports.

Everything else in the package passes these around:

* ``Segment``: one translatable unit of an article, with its exact character span.
* ``State``: the review state of a unit in one language, ordered from nothing to signed off.
* ``Provenance``: where a draft came from (machine engine or translation memory).
* ``Approval``: an editor's sign-off, bound to the exact translation text it approved.
* ``Finding``: one quality-check result on one unit.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

_T = TypeVar("_T")


def pickled_as_call(cls: type[_T]) -> type[_T]:
    """Pickle a frozen, slotted dataclass as the call that builds it.

    Such a class otherwise pickles through ``dataclasses``' pure-Python ``__getstate__`` and
    ``__setstate__``: twice as slow, which shows when parallel checks send thousands of
    units back to the parent process.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def __reduce__(self: _T) -> tuple[Callable[..., _T], tuple[Any, ...]]:
        return cls, tuple([getattr(self, name) for name in names])

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


class BlockKind(str, enum.Enum):
    """What part of a news article a unit comes from."""

    HEADLINE = "headline"
    DATELINE = "dateline"
    BYLINE = "byline"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable unit (a sentence, or a whole headline/dateline/byline).

    ``start``/``end`` are character offsets into the article text exactly as it was
    read (BOM and CRLF included), so ``text == article[start:end]``.
    ``paragraph`` is the 0-based index of the paragraph (block) the unit belongs to,
    ``index`` its 0-based position among all units of the article, ``line`` the 1-based
    line of the article file where it starts.
    """

    text: str
    start: int
    end: int
    kind: BlockKind
    paragraph: int
    index: int
    line: int


def rebuild(text_between: list[str], segments: list[Segment]) -> str:
    """Interleave the gaps and the segments: ``gap0 + seg0 + gap1 + ... + segN-1 + gapN``."""
    if len(text_between) != len(segments) + 1:
        raise ValueError("need exactly one more gap than segments")
    parts = [text_between[0]]
    for segment, gap in zip(segments, text_between[1:]):
        parts.append(segment.text)
        parts.append(gap)
    return "".join(parts)


def gaps(article: str, segments: list[Segment]) -> list[str]:
    """The text between segments (and before the first, after the last)."""
    result = []
    position = 0
    for segment in segments:
        result.append(article[position : segment.start])
        position = segment.end
    result.append(article[position:])
    return result


class State(enum.IntEnum):
    """Review state of one unit in one language, ordered from nothing to signed off.

    A unit below ``REVIEWED`` is never published as a translation unless asked.
    """

    UNTRANSLATED = 0
    SOURCE_CHANGED = 10  # the English changed after it was translated; old translation kept
    DRAFT = 20  # machine or memory draft (or a translator's unconfirmed work), not reviewed
    REVIEWED = 30  # a translator accepted it
    APPROVED = 40  # an editor signed off this exact text

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")

    @classmethod
    def from_label(cls, label: str) -> State:
        try:
            return cls[label.upper().replace("-", "_")]
        except KeyError:
            accepted = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown state {label!r}; use one of: {accepted}") from None


class Origin(str, enum.Enum):
    """Where a draft came from."""

    MACHINE = "machine"
    MEMORY = "memory"


@pickled_as_call
@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a draft came from: ``engine`` is a package name (``translate-en_fa``) or a memory
    origin (a catalog path or TMX file), ``version`` the package version, ``target`` the code
    the engine produced (``fa`` for a Persian model adapted to Dari), ``date`` ISO ``YYYY-MM-DD``.
    """

    origin: Origin
    engine: str
    version: str
    target: str
    date: str


def approval_fingerprint(source: str, translation: str) -> str:
    """A short, stable fingerprint of one English sentence and its translation.

    An approval carries it, so it holds only for the text the editor saw: edit the
    translation, or the English under it (``msgmerge`` carries translator comments onto an
    edited sentence), and the approval no longer holds. NUL separates the two texts: no PO
    string can contain one.
    """
    import hashlib  # here: loading OpenSSL costs every command ~5 ms, and few need this

    return hashlib.sha256(f"{source}\0{translation}".encode()).hexdigest()[:12]


@pickled_as_call
@dataclass(frozen=True, slots=True)
class Approval:
    """An editor's sign-off; valid only while the English and its translation are still the
    ones ``fingerprint`` was made of."""

    by: str
    date: str
    fingerprint: str

    def holds_for(self, source: str, translation: str) -> bool:
        return self.fingerprint == approval_fingerprint(source, translation)


class Severity(enum.IntEnum):
    """How serious a quality finding is; ``ERROR`` blocks publishing in CI."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@pickled_as_call
@dataclass(frozen=True, slots=True)
class Finding:
    """One quality-check result on one unit."""

    check: str  # short machine name, e.g. "numbers"
    severity: Severity
    message: str


@pickled_as_call
@dataclass(frozen=True, slots=True)
class UnitFindings:
    """What a check run reports of one unit it found something in.

    Only what a report shows: checking 1,000 catalogs in worker processes sends these back
    to the parent, and a whole ``Unit`` each cost twice the pickling.
    """

    source: str
    state: State  # as it was when checked
    line: int | None  # the article line of the unit's first place (None: no place recorded)
    findings: tuple[Finding, ...]


@pickled_as_call
@dataclass(frozen=True, slots=True)
class Unit:
    """One catalog entry seen through localize's eyes (no gettext vocabulary).

    ``positions`` lists every place in the article where this source text occurs, as
    ``(paragraph, index, kind, line)`` tuples in document order.
    """

    source: str
    target: str
    state: State
    positions: tuple[tuple[int, int, BlockKind, int], ...] = ()
    provenance: Provenance | None = None
    machine_draft: str | None = None  # the original draft text, kept for post-edit statistics
    approval: Approval | None = None
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    previous_source: str | None = None
    draft_notes: tuple[str, ...] = ()  # what went wrong while drafting, for the reviewer
    notes: tuple[str, ...] = ()  # free translator comments (never rewritten by localize)
