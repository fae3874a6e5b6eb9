"""The translate run: extract, then per language draft from memory and the offline engine.

A run streams over the articles, so its memory hardly grows with their number: it holds
the catalogs of about ``DraftSettings.chunk_units`` units at a time, plus what the run
shares (the translation memory of reviewed units, one integer per pending sentence, and
the drafts of sentences that recur in several articles). Three passes:

1. check: plan every article's template and catalogs (read, segment, merge) and drop them,
   keeping counts; every article and catalog is read before anything is written, and the
   engine's model is resolved when the memory will not cover every pending sentence, so a
   bad file or a missing model leaves every file as it was;
2. extract: plan again and write the articles that changed;
3. draft, language by language, a chunk of catalogs at a time: load, draft, save, drop.

The first chunk's plans are kept from pass 1, so a small run reads every file once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .draft import Engine, LanguageDraft, LanguageDrafter
from .extract import ArticleExtract, CatalogChange, plan_article, seed_language_data, write_article
from .langs import Language
from .language.memory import MemoryMeta, memory_key
from .model import State
from .project import Locales
from .workspace import data_file, load_article_catalog

ProgressFactory = Callable[[str, int], Callable[[int], None]]
EngineBuilder = Callable[[], tuple[Engine, "str | None"]]


@dataclass(frozen=True)
class DraftSettings:
    """Engine and memory settings of one run (from the CLI; nothing read from the environment
    except through ``env``, which is passed in).

    ``chunk_units`` bounds the catalog entries held in memory at once; drafting sends the
    engine one stream per chunk (``benchmarks/bench_scale.py``: 500 to 4,000 units cost the
    same CPU time, and peak memory grows with the chunk, 5 to 10 MB per 1,000 units).
    """

    device: str = "cpu"
    beam_size: int | None = None
    batch_tokens: int | None = None
    packages_dir: Path | None = None
    use_memory: bool = True
    env: Mapping[str, str] = field(default_factory=dict)
    chunk_units: int = 1000


@dataclass
class ArticleResult:
    """One article of a run: its extract changes and, per language, its units per state."""

    article: Path
    slug: str
    units: int
    changes: list[CatalogChange]
    changed: bool
    states: dict[str, dict[State, int]] = field(default_factory=dict)

    def summary(self) -> list[tuple[str, str]]:
        """Per language: a short ``"12 draft, 3 reviewed"`` summary of the article's units."""
        return [(language, ", ".join(f"{n} {s.label}" for s, n in sorted(counts.items())))
                for language, counts in self.states.items()]


@dataclass
class TranslateReport:
    """What a run did: per article (in the order given) and per language."""

    articles: list[ArticleResult]
    languages: list[LanguageDraft]


class DraftPipeline:
    """Masking, Dari adaptation and script rules around the engine, for one language."""

    def __init__(self, language: Language, locales: Locales) -> None:
        from .language.glossary import load_glossary

        self.language = language
        self.locales = locales
        glossary_path = data_file(locales, language.code, "glossary.tsv")
        self.glossary = load_glossary(glossary_path) if glossary_path else None
        self.adapted_from: str | None = None
        self.lexicon: Any = None

    def adapt_from(self, code: str | None) -> None:
        """Drafts come from a related language's model (``fa`` for Dari): adapt them."""
        from .language.adapt import load_lexicon

        self.adapted_from = code
        lexicon_path = data_file(self.locales, self.language.code, "dari_lexicon.tsv")
        if code and lexicon_path:
            self.lexicon = load_lexicon(lexicon_path)

    def prepare(self, source: str) -> tuple[str, object]:
        from .language.masking import mask

        masked = mask(source, self.glossary)
        return masked.text, masked

    def finish(self, source: str, output: str, state: object) -> tuple[str, list[str]]:
        from .language.adapt import adapt_to_dari
        from .language.masking import unmask
        from .language.normalize import normalize

        restored = unmask(output, state, self.language.code)  # type: ignore[arg-type]
        text, notes = restored.text, list(restored.problems)
        if self.lexicon is not None:
            adapted = adapt_to_dari(text, self.lexicon)
            text = adapted.text
            notes += [f"Dari usage: {hit}: {hit.note}" for hit in adapted.replaced if hit.note]
            notes += [f"Dari usage: consider {hit}" for hit in adapted.suggestions]
        if self.adapted_from:
            notes.insert(0, f"Persian ({self.adapted_from}) model, adapted to Dari: check wording")
        return normalize(text, self.language.code), notes


MemoryEntry = tuple[str, str, MemoryMeta]  # source, target, where it comes from


class CatalogMemory:
    """Reviewed and approved units of every catalog of one language (plus imported TMX),
    indexed for exact lookup after normalising whitespace, quotes and digits."""

    def __init__(self, language: Language) -> None:
        from .language.memory import TranslationMemory

        self.memory = TranslationMemory(language.code)
        self._keys: set[int] = set()

    @classmethod
    def of_locales(
        cls, locales: Locales, language: Language,
        planned: Mapping[str, list[MemoryEntry]] | None = None,
    ) -> CatalogMemory:
        """The memory of ``locales`` in catalog-name order, then the imported TMX.

        ``planned`` gives the reviewed units of catalogs not written yet (a run's extract),
        which stand in for (or add to) the files of the same names.
        """
        from .language.memory import read_tmx

        planned = planned or {}
        built = cls(language)
        for slug in sorted(set(locales.slugs(language.code)) | set(planned)):
            entries = planned.get(slug)
            if entries is None:
                entries = reviewed_entries(slug, load_article_catalog(locales, slug, language))
            for entry in entries:
                built.add(*entry)
        imported = locales.language_dir(language.code) / IMPORTED_TMX
        if imported.exists():
            for unit in read_tmx(imported, target_lang=language.code):
                built.add(unit.source, unit.target, unit.meta)
        return built

    def add(self, source: str, target: str, meta: MemoryMeta) -> None:
        self.memory.add(source, target, meta)
        self._keys.add(key_hash(source))

    def covers(self, key: int) -> bool:
        """True when a source with this ``key_hash`` has a unit (up to a 64-bit collision)."""
        return key in self._keys

    def lookup_draft(self, source: str) -> tuple[str, str] | None:
        match = self.memory.lookup(source)
        if match is None:
            return None
        origin = match.meta.origin + (" (external)" if match.meta.external else "")
        return match.target, origin


def reviewed_entries(slug: str, catalog: Catalog) -> list[MemoryEntry]:
    """The memory entries of a catalog: its reviewed and approved units."""
    reviewer = catalog.header("Last-Translator")
    date = catalog.header("PO-Revision-Date")[:10]
    return [
        (unit.source, unit.target, MemoryMeta(origin=slug, reviewer=reviewer, date=date,
                                              external=False,
                                              approved=unit.state is State.APPROVED))
        for unit in catalog.units() if unit.state >= State.REVIEWED
    ]


def key_hash(source: str) -> int:
    """What the memory looks a source up by, as one integer (a run keeps one per pending
    sentence to know, before writing anything, whether the engine will be needed)."""
    return hash(memory_key(source))


IMPORTED_TMX = "imported-memory.tmx"


def translate_articles(
    articles: Sequence[Path],
    languages: Sequence[Language],
    locales: Locales,
    settings: DraftSettings,
    now: dt.datetime,
    progress: ProgressFactory | None = None,
    make_engine: Callable[[Language], tuple[Engine, str | None]] | None = None,
) -> TranslateReport:
    """Extract ``articles`` and draft all their untranslated units, language by language.

    ``make_engine(language) -> (engine, adapted_from)`` defaults to the installed Argos
    package chosen for the language; it is only called when something is left to translate.
    The default's package is chosen before anything is written (see the module docstring).

    Raises:
        BackendUnavailable: no installed model for a language with sentences to translate;
            nothing was written.
    """
    checked = _check(articles, languages, locales, now, settings)
    memories = {
        code: CatalogMemory.of_locales(locales, plan.language, plan.reviewed)
        for code, plan in checked.plans.items() if plan.todo and settings.use_memory
    }
    for plan in checked.plans.values():
        plan.reviewed = {}  # in the memories now
    builders: dict[str, EngineBuilder] = {}
    for code, plan in checked.plans.items():
        language = plan.language
        if make_engine is not None:
            builders[code] = partial(make_engine, language)
        elif plan.needs_engine(memories.get(code)):
            builders[code] = resolve_engine(language, settings)  # raises before any write
        else:  # the memory covers every sentence: resolve only if that turns out wrong
            builders[code] = partial(_resolve_and_build, language, settings)
    _write(articles, checked, languages, locales, now)
    reports = [
        _draft(checked.plans[lang.code], checked, locales, settings, now, progress,
               builders[lang.code], memories.pop(lang.code, None))
        for lang in languages
    ]
    return TranslateReport(checked.results, reports)


def require_models(languages: Sequence[Language], settings: DraftSettings) -> None:
    """Raise ``BackendUnavailable`` unless every language has an installed model."""
    for language in languages:
        resolve_engine(language, settings)


@dataclass
class _LanguagePlan:
    """What the check pass learned about one language, in a few integers per sentence."""

    language: Language
    sentences: Counter[int] = field(default_factory=Counter)  # hash(source) -> catalogs
    keys: set[int] = field(default_factory=set)  # key_hash of each pending source
    todo: list[tuple[str, int]] = field(default_factory=list)  # (slug, entries) to draft
    reviewed: dict[str, list[MemoryEntry]] = field(default_factory=dict)  # slugs of the run

    def add(self, slug: str, catalog: Catalog, use_memory: bool) -> dict[State, int]:
        counts: dict[State, int] = {}
        pending = 0
        for unit in catalog.units():
            counts[unit.state] = counts.get(unit.state, 0) + 1
            if unit.state is State.UNTRANSLATED:
                pending += 1
                sentence = hash(unit.source)
                if use_memory and sentence not in self.sentences:
                    self.keys.add(key_hash(unit.source))
                self.sentences[sentence] += 1
        if pending:
            self.todo.append((slug, len(catalog.po)))
        if use_memory:
            self.reviewed[slug] = reviewed_entries(slug, catalog)
        return counts

    def needs_engine(self, memory: CatalogMemory | None) -> bool:
        if not self.sentences:
            return False
        return memory is None or not all(memory.covers(key) for key in self.keys)


@dataclass
class _Checked:
    results: list[ArticleResult]
    plans: dict[str, _LanguagePlan]
    kept: dict[tuple[str, str], Catalog]  # the first chunk's planned catalogs
    kept_plans: dict[str, ArticleExtract]


def _check(
    articles: Sequence[Path], languages: Sequence[Language], locales: Locales,
    now: dt.datetime, settings: DraftSettings,
) -> _Checked:
    """Pass 1: plan every article (raising on the first bad file), keep counts, drop plans."""
    checked = _Checked([], {lang.code: _LanguagePlan(lang) for lang in languages}, {}, {})
    held = 0
    for article in articles:
        planned = plan_article(article, languages, locales, now)
        result = ArticleResult(article, planned.slug, planned.units, planned.changes,
                               planned.changed)
        for catalog, change in planned.catalogs:
            plan = checked.plans[change.language]
            result.states[change.language] = plan.add(planned.slug, catalog, settings.use_memory)
        checked.results.append(result)
        size = len(planned.template.po) + sum(len(c.po) for c, _ in planned.catalogs)
        if held + size <= settings.chunk_units or not checked.kept_plans:
            held += size
            checked.kept_plans[planned.slug] = planned
    return checked


def _write(
    articles: Sequence[Path], checked: _Checked, languages: Sequence[Language],
    locales: Locales, now: dt.datetime,
) -> None:
    """Pass 2: write what changed, planning again the articles whose plans were dropped."""
    if articles:
        for language in languages:
            seed_language_data(locales, language.code)
    todo = {(slug, code) for code, plan in checked.plans.items() for slug, _ in plan.todo}
    kept_plans, checked.kept_plans = checked.kept_plans, {}
    for article, result in zip(articles, checked.results):
        kept = kept_plans.pop(result.slug, None)
        if result.changed:
            write_article(kept or plan_article(article, languages, locales, now), locales)
        for catalog, change in kept.catalogs if kept else ():
            if (result.slug, change.language) in todo:
                checked.kept[(result.slug, change.language)] = catalog


def _draft(
    plan: _LanguagePlan, checked: _Checked, locales: Locales, settings: DraftSettings,
    now: dt.datetime, progress: ProgressFactory | None, builder: EngineBuilder,
    memory: CatalogMemory | None,
) -> LanguageDraft:
    """Pass 3 for one language: a chunk of catalogs at a time, loaded, drafted and dropped."""
    language = plan.language
    if not plan.todo:
        return LanguageDraft(language.code)
    pipeline = DraftPipeline(language, locales)

    def engine() -> Engine:
        built, adapted_from = builder()
        pipeline.adapt_from(adapted_from)
        return built

    recurring = {sentence for sentence, n in plan.sentences.items() if n > 1}
    update = progress(f"{language.code} drafts", len(plan.sentences)) if progress else None
    plan.sentences.clear()
    drafter = LanguageDrafter(language, make_engine=engine, postprocess=pipeline, memory=memory,
                              now=now, progress=update,
                              recurs=lambda source: hash(source) in recurring)
    results = {r.slug: r for r in checked.results}
    for chunk in _chunks(plan.todo, settings.chunk_units):
        _draft_chunk(drafter, chunk, checked.kept, locales, results)
    return drafter.report


def _draft_chunk(drafter: LanguageDrafter, slugs: list[str], kept: dict[tuple[str, str], Catalog],
                 locales: Locales, results: dict[str, ArticleResult]) -> None:
    language = drafter.language
    catalogs = [_take(kept, slug, language, locales) for slug in slugs]
    drafter.draft(catalogs)
    for slug, catalog in zip(slugs, catalogs):
        results[slug].states[language.code] = _state_counts(catalog)


def _take(kept: dict[tuple[str, str], Catalog], slug: str, language: Language,
          locales: Locales) -> Catalog:
    catalog = kept.pop((slug, language.code), None)
    return catalog if catalog is not None else load_article_catalog(locales, slug, language)


def _chunks(todo: list[tuple[str, int]], limit: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    size = 0
    for slug, entries in todo:
        if chunk and size + entries > limit:
            yield chunk
            chunk, size = [], 0
        chunk.append(slug)
        size += entries
    if chunk:
        yield chunk


def _state_counts(catalog: Catalog) -> dict[State, int]:
    counts: dict[State, int] = {}
    for unit in catalog.units():
        counts[unit.state] = counts.get(unit.state, 0) + 1
    return counts


def resolve_engine(language: Language, settings: DraftSettings) -> EngineBuilder:
    """Choose the installed package for ``language`` now (``BackendUnavailable`` if none);
    the returned builder loads it."""
    from .engine.base import EngineOptions
    from .engine.ctranslate import CTranslate2Translator
    from .engine.packages import default_packages_dir, list_packages
    from .engine.resolve import choose_package

    directory = settings.packages_dir or default_packages_dir(settings.env)
    choice = choose_package(language, list_packages(directory).packages)

    def build() -> tuple[Engine, str | None]:
        options = _engine_options(EngineOptions, settings)
        return CTranslate2Translator(choice.package, options), choice.adapted_from

    return build


def _resolve_and_build(language: Language, settings: DraftSettings) -> tuple[Engine, str | None]:
    return resolve_engine(language, settings)()


def _engine_options(options_type: Any, settings: DraftSettings) -> Any:
    """Throughput settings: one batch per core in parallel (ENGINE.md measured 1.6x)."""
    import os

    overrides: dict[str, Any] = {"device": settings.device}
    if settings.beam_size is not None:
        overrides["beam_size"] = settings.beam_size
    if settings.batch_tokens is not None:
        overrides["batch_tokens"] = settings.batch_tokens
    return options_type.for_cores(os.cpu_count() or 1, **overrides)


__all__ = ["DraftSettings", "translate_articles"]
