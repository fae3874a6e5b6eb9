"""Status: where every article stands in every language, and how good the machine drafts are.

The JSON form (``status_to_json``) is a stable, documented interface (see README, "Status").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from .catalog import Catalog
from .model import Origin, State, Unit

SCHEMA = "localize.status/1"


def word_count(text: str) -> int:
    return len(text.split())


@dataclass
class Counts:
    """Units and (English) words per review state."""

    units: dict[State, int] = field(default_factory=lambda: dict.fromkeys(State, 0))
    words: dict[State, int] = field(default_factory=lambda: dict.fromkeys(State, 0))

    def add_unit(self, unit: Unit) -> None:
        self.units[unit.state] += 1
        self.words[unit.state] += word_count(unit.source)

    def add(self, other: Counts) -> None:
        for state in State:
            self.units[state] += other.units[state]
            self.words[state] += other.words[state]

    @property
    def total_units(self) -> int:
        return sum(self.units.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    @property
    def done_share(self) -> float:
        """Share of units reviewed or approved (0..1)."""
        total = self.total_units
        done = self.units[State.REVIEWED] + self.units[State.APPROVED]
        return done / total if total else 0.0


@dataclass
class CatalogStatus:
    slug: str
    language: str
    counts: Counts
    approvers: tuple[str, ...]
    last_approved: str | None


@dataclass
class EngineQuality:
    """Post-edit statistics for one engine (package and version) in one language."""

    engine: str
    version: str
    language: str
    reviewed: int = 0  # machine drafts a translator has since reviewed (or an editor approved)
    unchanged: int = 0  # ... accepted without a single edit
    _distance_sum: float = 0.0

    def add(self, draft: str, final: str) -> None:
        self.reviewed += 1
        self.unchanged += draft == final
        self._distance_sum += Levenshtein.normalized_distance(draft, final)

    @property
    def mean_edit_ratio(self) -> float:
        """Mean character edit distance / length of the longer text (0 = untouched)."""
        return self._distance_sum / self.reviewed if self.reviewed else 0.0


@dataclass
class StatusReport:
    catalogs: list[CatalogStatus]
    engines: list[EngineQuality]

    def total(self) -> Counts:
        total = Counts()
        for status in self.catalogs:
            total.add(status.counts)
        return total


def build_status(catalogs: Iterable[tuple[str, Catalog]]) -> StatusReport:
    """Status of ``(slug, catalog)`` pairs (catalogs with their ``language`` set)."""
    statuses: list[CatalogStatus] = []
    quality: dict[tuple[str, str, str], EngineQuality] = {}
    for slug, catalog in catalogs:
        language = catalog.language or ""
        counts = Counts()
        approvers: set[str] = set()
        last: str | None = None
        for unit in catalog.units():
            counts.add_unit(unit)
            if unit.approval is not None:
                approvers.add(unit.approval.by)
                last = max(last or "", unit.approval.date)
            _add_quality(quality, language, unit)
        statuses.append(CatalogStatus(slug, language, counts, tuple(sorted(approvers)), last))
    return StatusReport(statuses, sorted(quality.values(), key=lambda q: (q.language, q.engine)))


def _add_quality(quality: dict[tuple[str, str, str], EngineQuality], language: str, unit: Unit) -> None:
    prov = unit.provenance
    if prov is None or prov.origin is not Origin.MACHINE or unit.machine_draft is None:
        return
    if unit.state < State.REVIEWED:
        return
    key = (prov.engine, prov.version, language)
    entry = quality.setdefault(key, EngineQuality(prov.engine, prov.version, language))
    entry.add(unit.machine_draft, unit.target)


def _counts_json(counts: Counts) -> dict[str, object]:
    return {
        "units": {s.label: counts.units[s] for s in State},
        "words": {s.label: counts.words[s] for s in State},
        "total_units": counts.total_units,
        "total_words": counts.total_words,
        "reviewed_share": round(counts.done_share, 4),
    }


def status_to_json(report: StatusReport) -> dict[str, object]:
    """The stable JSON document printed by ``localize status --format json``."""
    by_language: dict[str, Counts] = defaultdict(Counts)
    for status in report.catalogs:
        by_language[status.language].add(status.counts)
    return {
        "schema": SCHEMA,
        "catalogs": [
            {
                "article": s.slug,
                "language": s.language,
                **_counts_json(s.counts),
                "approved_by": list(s.approvers),
                "last_approved": s.last_approved,
            }
            for s in report.catalogs
        ],
        "languages": {lang: _counts_json(c) for lang, c in sorted(by_language.items())},
        "total": _counts_json(report.total()),
        "engines": [
            {
                "engine": q.engine,
                "version": q.version,
                "language": q.language,
                "reviewed_drafts": q.reviewed,
                "accepted_unchanged": q.unchanged,
                "mean_edit_distance_ratio": round(q.mean_edit_ratio, 4),
            }
            for q in report.engines
        ],
    }


def status_rows(report: StatusReport) -> Sequence[tuple[str, ...]]:
    """Rows for the readable table: article, language, then units per state, share, approvals."""
    rows: list[tuple[str, ...]] = []
    for s in report.catalogs:
        rows.append(_row(s.slug, s.language, s.counts, ", ".join(s.approvers)))
    rows.append(_row("TOTAL", "", report.total(), ""))
    return rows


def _row(slug: str, language: str, counts: Counts, approvers: str) -> tuple[str, ...]:
    cells = [slug, language]
    cells += [str(counts.units[s]) for s in State]
    cells += [str(counts.total_words), f"{counts.done_share:.0%}", approvers]
    return tuple(cells)


STATUS_HEADER: tuple[str, ...] = (
    "article", "lang", *[s.label for s in State], "words", "done", "approved by",
)
