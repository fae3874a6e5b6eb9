"""Drafting: fill untranslated units of catalogs from the translation memory, then the engine.

One batched stream per language over every pending sentence of every article: identical
sentences are translated once, the engine is built only when something is left to translate
(a second run makes zero engine calls), and finished batches are saved as they come, so an
interrupted run loses at most the last second of work.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .catalog import Catalog, load_catalog, save_catalog
from .errors import ConcurrentEdit
from .langs import Language
from .model import Origin, Provenance, State

ProgressCallback = Callable[[int], None]


class Engine(Protocol):
    """What drafting needs from a translator (see ``localize.engine.base.Translator``)."""

    name: str
    version: str
    target_code: str

    def translate_batches(self, texts: Sequence[str]) -> Iterable[list[tuple[int, str]]]: ...


class Postprocess(Protocol):
    """Turns one source sentence into engine input and the engine's output into a draft."""

    def prepare(self, source: str) -> tuple[str, object]: ...

    def finish(self, source: str, output: str, state: object) -> tuple[str, list[str]]: ...


class MemoryLookup(Protocol):
    def lookup_draft(self, source: str) -> tuple[str, str] | None:
        """``(translation, origin)`` for a source sentence, or ``None``."""


@dataclass
class LanguageDraft:
    language: str
    pending: int = 0  # distinct sentences without a translation before the run
    from_memory: int = 0
    from_engine: int = 0
    problems: int = 0  # drafts with a note for the reviewer (dropped placeholders, ...)
    seconds: float = 0.0
    engine: str = ""
    merged_concurrent_edits: int = 0

    @property
    def units_per_second(self) -> float:
        return self.from_engine / self.seconds if self.seconds else 0.0


@dataclass
class _Pending:
    source: str
    catalogs: list[Catalog] = field(default_factory=list)


@dataclass
class _Writer:
    """Saves catalogs touched by drafting; merges a translator's concurrent save."""

    language: str
    flush_seconds: float
    dirty: dict[Path, Catalog] = field(default_factory=dict)
    drafted: dict[Path, dict[str, tuple[str, Provenance, list[str]]]] = field(default_factory=dict)
    last_flush: float = field(default_factory=time.monotonic)
    last_flush_duration: float = 0.0
    merged: int = 0

    def record(self, catalog: Catalog, source: str, draft: tuple[str, Provenance, list[str]]) -> None:
        assert catalog.path is not None
        self.dirty[catalog.path] = catalog
        self.drafted.setdefault(catalog.path, {})[source] = draft

    def maybe_flush(self) -> None:
        # Saving is not free (150 catalogs take seconds): wait at least 4x as long as the last
        # flush took, so drafting, not writing, dominates, and a kill loses little.
        interval = max(self.flush_seconds, 4 * self.last_flush_duration)
        if time.monotonic() - self.last_flush >= interval:
            self.flush()

    def flush(self) -> None:
        started = time.monotonic()
        for path, catalog in list(self.dirty.items()):
            try:
                save_catalog(catalog)
            except ConcurrentEdit:
                self._merge_and_save(path, catalog)
            del self.dirty[path]
        self.last_flush = time.monotonic()
        self.last_flush_duration = self.last_flush - started

    def _merge_and_save(self, path: Path, stale: Catalog) -> None:
        """A translator saved this file meanwhile: take theirs, add our drafts where still empty."""
        fresh = load_catalog(path, self.language)
        for source, (target, provenance, notes) in self.drafted.get(path, {}).items():
            try:
                fresh.set_draft(source, target, provenance, notes)
            except KeyError:
                continue  # the sentence left the catalog meanwhile
        save_catalog(fresh)
        stale.po, stale.disk_digest = fresh.po, fresh.disk_digest
        stale.loaded_translated = fresh.loaded_translated
        stale._reindex()
        self.merged += 1


def draft_language(
    catalogs: Sequence[Catalog],
    language: Language,
    *,
    make_engine: Callable[[], Engine],
    postprocess: Postprocess,
    memory: MemoryLookup | None,
    now: dt.datetime,
    progress: ProgressCallback | None = None,
    flush_seconds: float = 1.0,
) -> LanguageDraft:
    """Draft every untranslated unit of ``catalogs`` (all in ``language``) and save them."""
    report = LanguageDraft(language.code)
    pending = _collect_pending(catalogs)
    report.pending = len(pending)
    writer = _Writer(language.code, flush_seconds)
    today = now.date().isoformat()
    try:
        leftover = _draft_from_memory(pending, memory, writer, language, today, report, progress)
        if leftover:
            _draft_from_engine(leftover, make_engine(), postprocess, writer, today, report, progress)
    finally:
        writer.flush()
        report.merged_concurrent_edits = writer.merged
    return report


def _collect_pending(catalogs: Sequence[Catalog]) -> list[_Pending]:
    by_source: dict[str, _Pending] = {}
    for catalog in catalogs:
        for unit in catalog.units():
            if unit.state is State.UNTRANSLATED:
                by_source.setdefault(unit.source, _Pending(unit.source)).catalogs.append(catalog)
    return list(by_source.values())


def _apply(
    item: _Pending, target: str, provenance: Provenance, notes: list[str], writer: _Writer
) -> None:
    for catalog in item.catalogs:
        if catalog.set_draft(item.source, target, provenance, notes):
            writer.record(catalog, item.source, (target, provenance, notes))


def _draft_from_memory(
    pending: list[_Pending],
    memory: MemoryLookup | None,
    writer: _Writer,
    language: Language,
    today: str,
    report: LanguageDraft,
    progress: ProgressCallback | None,
) -> list[_Pending]:
    if memory is None:
        return pending
    leftover = []
    for item in pending:
        hit = memory.lookup_draft(item.source)
        if hit is None:
            leftover.append(item)
            continue
        target, origin = hit
        _apply(item, target, Provenance(Origin.MEMORY, origin, "-", language.code, today), [], writer)
        report.from_memory += 1
        if progress:
            progress(1)
    writer.maybe_flush()
    return leftover


def _draft_from_engine(
    pending: list[_Pending],
    engine: Engine,
    postprocess: Postprocess,
    writer: _Writer,
    today: str,
    report: LanguageDraft,
    progress: ProgressCallback | None,
) -> None:
    report.engine = f"{engine.name} {engine.version}"
    provenance = Provenance(Origin.MACHINE, engine.name, engine.version, engine.target_code, today)
    prepared = [postprocess.prepare(item.source) for item in pending]
    started = time.monotonic()
    try:
        for batch in engine.translate_batches([text for text, _ in prepared]):
            for index, output in batch:
                item = pending[index]
                target, notes = postprocess.finish(item.source, output, prepared[index][1])
                _apply(item, target, provenance, notes, writer)
                report.from_engine += 1
                report.problems += bool(notes)
            if progress:
                progress(len(batch))
            writer.maybe_flush()
    finally:
        report.seconds = time.monotonic() - started
