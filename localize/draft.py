"""Drafting: fill untranslated units of catalogs from the translation memory, then the engine.

One batched stream per language over every pending sentence of the catalogs handed over
together: identical sentences are translated once (across calls too, see
``LanguageDrafter``), the engine is built only when something is left to translate (a
second run makes zero engine calls), and finished batches are saved as they come, so an
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


Draft = tuple[str, Provenance, list[str]]  # target, provenance, notes for the reviewer


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
    drafted: dict[Path, dict[str, Draft]] = field(default_factory=dict)
    last_flush: float = field(default_factory=time.monotonic)
    last_flush_duration: float = 0.0
    merged: int = 0

    def record(self, catalog: Catalog, source: str, draft: Draft) -> None:
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

    def release(self) -> None:
        """Save everything and forget the drafts kept for merging: the caller drops its
        catalogs now, so nothing of them stays in memory here."""
        self.flush()
        self.drafted.clear()

    def _merge_and_save(self, path: Path, stale: Catalog) -> None:
        """A translator saved this file meanwhile: take theirs, add our drafts where still empty."""
        fresh = load_catalog(path, self.language)
        for source, (target, provenance, notes) in self.drafted.get(path, {}).items():
            try:
                fresh.set_draft(source, target, provenance, notes)
            except KeyError:
                continue  # the sentence left the catalog meanwhile
        save_catalog(fresh)
        stale.po, stale.disk_bytes = fresh.po, fresh.disk_bytes
        stale.loaded_translated = fresh.loaded_translated
        stale._reindex()
        self.merged += 1


class LanguageDrafter:
    """Drafts the catalogs of one language, handed over in one call or in several.

    Everything a run shares between calls lives here: the engine (built on first need and
    kept), the report, the writer's flush pacing, and the drafts of sentences that
    ``recurs(source)`` says are also pending in catalogs of a later call, so each sentence
    goes to the memory and the engine once per run. The catalogs themselves are saved and
    forgotten at the end of each call: the caller holds only the ones it is drafting.

    Args:
        language: the language of every catalog handed over.
        make_engine: builds the engine; called at most once, when the memory leaves work.
        postprocess: engine input and output handling (masking, script rules, ...).
        memory: reviewed translations to reuse, or None.
        now: the date drafts record.
        progress: called with the number of distinct sentences each step drafted.
        flush_seconds: the least time between saves of finished drafts.
        recurs: True for a source also pending in a later call's catalogs (default: never).
    """

    def __init__(
        self,
        language: Language,
        *,
        make_engine: Callable[[], Engine],
        postprocess: Postprocess,
        memory: MemoryLookup | None,
        now: dt.datetime,
        progress: ProgressCallback | None = None,
        flush_seconds: float = 1.0,
        recurs: Callable[[str], bool] | None = None,
    ) -> None:
        self.language = language
        self.report = LanguageDraft(language.code)
        self._make_engine = make_engine
        self._engine: Engine | None = None
        self._postprocess = postprocess
        self._memory = memory
        self._today = now.date().isoformat()
        self._progress = progress
        self._recurs = recurs
        self._earlier: dict[str, Draft] = {}
        self._writer = _Writer(language.code, flush_seconds)

    def draft(self, catalogs: Sequence[Catalog]) -> None:
        """Draft every untranslated unit of ``catalogs`` and save them."""
        try:
            pending = self._reuse_earlier(_collect_pending(catalogs))
            self.report.pending += len(pending)
            leftover = self._from_memory(pending)
            if leftover:
                self._from_engine(leftover)
        finally:
            self._writer.release()
            self.report.merged_concurrent_edits = self._writer.merged

    def _apply(self, item: _Pending, draft: Draft) -> None:
        for catalog in item.catalogs:
            if catalog.set_draft(item.source, *draft):
                self._writer.record(catalog, item.source, draft)
        if self._recurs is not None and self._recurs(item.source):
            self._earlier[item.source] = draft

    def _reuse_earlier(self, pending: list[_Pending]) -> list[_Pending]:
        """Apply drafts made by an earlier call (already counted); return the rest."""
        if not self._earlier:
            return pending
        rest = []
        for item in pending:
            draft = self._earlier.get(item.source)
            if draft is None:
                rest.append(item)
            else:
                self._apply(item, draft)
        return rest

    def _from_memory(self, pending: list[_Pending]) -> list[_Pending]:
        if self._memory is None:
            return pending
        leftover = []
        code = self.language.code
        for item in pending:
            hit = self._memory.lookup_draft(item.source)
            if hit is None:
                leftover.append(item)
                continue
            target, origin = hit
            self._apply(item, (target, Provenance(Origin.MEMORY, origin, "-", code, self._today), []))
            self.report.from_memory += 1
            if self._progress:
                self._progress(1)
        self._writer.maybe_flush()
        return leftover

    def _from_engine(self, pending: list[_Pending]) -> None:
        if self._engine is None:
            self._engine = self._make_engine()
        engine, report = self._engine, self.report
        report.engine = f"{engine.name} {engine.version}"
        provenance = Provenance(Origin.MACHINE, engine.name, engine.version, engine.target_code,
                                self._today)
        prepared = [self._postprocess.prepare(item.source) for item in pending]
        started = time.monotonic()
        try:
            for batch in engine.translate_batches([text for text, _ in prepared]):
                for index, output in batch:
                    item = pending[index]
                    target, notes = self._postprocess.finish(item.source, output, prepared[index][1])
                    self._apply(item, (target, provenance, notes))
                    report.from_engine += 1
                    report.problems += bool(notes)
                if self._progress:
                    self._progress(len(batch))
                self._writer.maybe_flush()
        finally:
            report.seconds += time.monotonic() - started


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
    drafter = LanguageDrafter(language, make_engine=make_engine, postprocess=postprocess,
                              memory=memory, now=now, progress=progress,
                              flush_seconds=flush_seconds)
    drafter.draft(catalogs)
    return drafter.report


def _collect_pending(catalogs: Sequence[Catalog]) -> list[_Pending]:
    by_source: dict[str, _Pending] = {}
    for catalog in catalogs:
        for unit in catalog.units():
            if unit.state is State.UNTRANSLATED:
                by_source.setdefault(unit.source, _Pending(unit.source)).catalogs.append(catalog)
    return list(by_source.values())
