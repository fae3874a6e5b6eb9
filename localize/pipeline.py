"""The translate run: extract, then per language draft from memory and the offline engine.

Also the small operations around the engine and the memory that the CLI calls (describe and
install models, export and import TMX).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .draft import Engine, LanguageDraft, draft_language
from .extract import ExtractReport, plan_extract, write_extract
from .langs import LANGUAGES, Language
from .model import State
from .project import Locales
from .workspace import data_file, load_all_catalogs

ProgressFactory = Callable[[str, int], Callable[[int], None]]


@dataclass(frozen=True)
class DraftSettings:
    """Engine and memory settings of one run (from the CLI; nothing read from the environment
    except through ``env``, which is passed in)."""

    device: str = "cpu"
    beam_size: int | None = None
    batch_tokens: int | None = None
    packages_dir: Path | None = None
    use_memory: bool = True
    env: Mapping[str, str] = field(default_factory=dict)


@dataclass
class TranslateReport:
    extract: ExtractReport
    languages: list[LanguageDraft]
    catalogs: dict[tuple[str, str], Catalog]

    def article_summary(self, slug: str) -> list[tuple[str, str]]:
        """Per language: a short ``"12 draft, 3 reviewed"`` summary of the article's units."""
        out = []
        for (article, language), catalog in self.catalogs.items():
            if article != slug:
                continue
            counts: dict[State, int] = {}
            for unit in catalog.units():
                counts[unit.state] = counts.get(unit.state, 0) + 1
            out.append((language, ", ".join(f"{n} {s.label}" for s, n in sorted(counts.items()))))
        return out


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


class CatalogMemory:
    """Reviewed and approved units of every catalog of one language (plus imported TMX),
    indexed for exact lookup after normalising whitespace, quotes and digits."""

    def __init__(self, locales: Locales, language: Language) -> None:
        from .language.memory import MemoryMeta, TranslationMemory, read_tmx

        self.memory = TranslationMemory(language.code)
        for slug, catalog in load_all_catalogs(locales, [language]):
            reviewer = catalog.header("Last-Translator")
            date = catalog.header("PO-Revision-Date")[:10]
            for unit in catalog.units():
                if unit.state >= State.REVIEWED:
                    meta = MemoryMeta(origin=slug, reviewer=reviewer, date=date, external=False,
                                      approved=unit.state is State.APPROVED)
                    self.memory.add(unit.source, unit.target, meta)
        imported = locales.language_dir(language.code) / IMPORTED_TMX
        if imported.exists():
            for entry in read_tmx(imported, target_lang=language.code):
                self.memory.add(entry.source, entry.target, entry.meta)

    def lookup_draft(self, source: str) -> tuple[str, str] | None:
        match = self.memory.lookup(source)
        if match is None:
            return None
        origin = match.meta.origin + (" (external)" if match.meta.external else "")
        return match.target, origin


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
    """
    plan = plan_extract(articles, languages, locales, now)
    write_extract(plan, locales)
    build = make_engine or (lambda lang: _installed_engine(lang, settings))
    catalogs = {(a.slug, c.language): cat for a in plan.articles for cat, c in a.catalogs}
    reports = []
    for language in languages:
        mine = [c for (_, code), c in catalogs.items() if code == language.code]
        reports.append(_draft_one(mine, language, locales, settings, now, progress, build))
    return TranslateReport(plan, reports, catalogs)


def _draft_one(
    catalogs: list[Catalog],
    language: Language,
    locales: Locales,
    settings: DraftSettings,
    now: dt.datetime,
    progress: ProgressFactory | None,
    build: Callable[[Language], tuple[Engine, str | None]],
) -> LanguageDraft:
    pending = {u.source for c in catalogs for u in c.units() if u.state is State.UNTRANSLATED}
    if not pending:
        return LanguageDraft(language.code)
    memory = CatalogMemory(locales, language) if settings.use_memory else None
    pipeline = DraftPipeline(language, locales)

    def engine() -> Engine:
        built, adapted_from = build(language)
        pipeline.adapt_from(adapted_from)
        return built

    update = progress(f"{language.code} drafts", len(pending)) if progress else None
    return draft_language(
        catalogs, language, make_engine=engine, postprocess=pipeline, memory=memory, now=now,
        progress=update,
    )


def _installed_engine(language: Language, settings: DraftSettings) -> tuple[Engine, str | None]:
    from .engine.base import EngineOptions
    from .engine.ctranslate import CTranslate2Translator
    from .engine.packages import default_packages_dir, list_packages
    from .engine.resolve import choose_package

    directory = settings.packages_dir or default_packages_dir(settings.env)
    choice = choose_package(language, list_packages(directory).packages)
    options = _engine_options(EngineOptions, settings)
    return CTranslate2Translator(choice.package, options), choice.adapted_from


def _engine_options(options_type: Any, settings: DraftSettings) -> Any:
    """Throughput settings: one batch per core in parallel (ENGINE.md measured 1.6x)."""
    import os

    overrides: dict[str, Any] = {"device": settings.device}
    if settings.beam_size is not None:
        overrides["beam_size"] = settings.beam_size
    if settings.batch_tokens is not None:
        overrides["batch_tokens"] = settings.batch_tokens
    return options_type.for_cores(os.cpu_count() or 1, **overrides)


# -- models --------------------------------------------------------------------------------
def describe_packages(directory: Path) -> tuple[list[tuple[str, ...]], list[str]]:
    """Rows (name, pair, version, size, which localize language it serves) and problems."""
    from .engine.packages import list_packages

    listing = list_packages(directory)
    rows: list[tuple[str, ...]] = [
        (pkg.name, f"{pkg.from_code}->{pkg.to_code}", pkg.version, _size(pkg.size_bytes),
         serves(pkg))
        for pkg in listing.packages
    ]
    return rows, [str(p) for p in listing.problems]


def serves(package: Any) -> str:
    """What a package does for the newsroom: ``Dari (fa_AF)``, ``Persian model, adapted to
    Dari (fa_AF)``, ``Pashto (ps)`` or ``not used by localize``."""
    from .engine.resolve import choose_package
    from .errors import BackendUnavailable

    uses = []
    for language in LANGUAGES.values():
        try:
            choice = choose_package(language, [package])
        except BackendUnavailable:
            continue
        label = choice.note(language) or language.name
        uses.append(f"{label} ({language.code})")
    return "; ".join(uses) or "not used by localize"


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def install_demo_models(which: str, directory: Path, *, replace: bool = True) -> list[Any]:
    """Build and install the generated demo package(s): a genuine engine with nonsense output."""
    import tempfile

    from .engine.demo import build_demo_package
    from .engine.packages import install_package

    codes = {"fa_AF": ["prs"], "ps": ["ps"], "both": ["prs", "ps"]}[which]
    installed = []
    with tempfile.TemporaryDirectory() as tmp:
        for code in codes:
            archive = build_demo_package(Path(tmp) / f"demo-en_{code}.argosmodel", to_code=code)
            installed.append(install_package(archive, directory, replace=replace))
    return installed


# -- memory --------------------------------------------------------------------------------
def export_memory(locales: Locales, language: Language, output: Path) -> int:
    from .language.memory import write_tmx

    memory = CatalogMemory(locales, language).memory
    write_tmx(memory, output, target_lang=language.html_lang)
    return len(memory)


def import_memory(locales: Locales, language: Language, tmx: Path) -> tuple[Path, int]:
    """Merge an external TMX into ``<locales>/<lang>/imported-memory.tmx`` (marked external)."""
    from .language.memory import MemoryMeta, TranslationMemory, read_tmx, write_tmx

    incoming = read_tmx(tmx, target_lang=language.code)
    target = locales.language_dir(language.code) / IMPORTED_TMX
    memory = TranslationMemory(language.code)
    if target.exists():
        for entry in read_tmx(target, target_lang=language.code):
            memory.add(entry.source, entry.target, entry.meta)
    for entry in incoming:
        meta = MemoryMeta(origin=entry.meta.origin or tmx.name, reviewer=entry.meta.reviewer,
                          date=entry.meta.date, external=True)
        memory.add(entry.source, entry.target, meta)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_tmx(memory, target, target_lang=language.html_lang)
    return target, len(incoming)


__all__ = ["DraftSettings", "translate_articles"]
