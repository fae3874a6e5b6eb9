"""Extract: articles -> templates -> per-language catalogs, merged without losing a translation.

Everything is read and checked before anything is written, so one bad article or catalog
leaves every file as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import (
    Catalog,
    build_template,
    load_catalog,
    new_catalog,
    save_catalog,
    update_catalog,
    write_atomic,
)
from .langs import Language
from .language.glossary import STARTER_DIR
from .project import Locales, slug_for
from .segment import read_article, segment_article


@dataclass(frozen=True)
class CatalogChange:
    language: str
    path: Path
    action: str  # "created", "updated", "unchanged", "stale" (with --check)
    added: int = 0
    kept: int = 0
    source_changed: int = 0
    obsoleted: int = 0


@dataclass
class ArticleExtract:
    article: Path
    slug: str
    units: int
    template: Catalog
    template_action: str
    catalogs: list[tuple[Catalog, CatalogChange]] = field(default_factory=list)

    @property
    def changes(self) -> list[CatalogChange]:
        return [change for _, change in self.catalogs]

    @property
    def changed(self) -> bool:
        """True when writing the article would change a file."""
        return self.template_action != "unchanged" or any(
            change.action != "unchanged" for change in self.changes)


@dataclass(frozen=True)
class ExtractReport:
    articles: tuple[ArticleExtract, ...]

    @property
    def stale(self) -> list[CatalogChange]:
        return [c for a in self.articles for c in a.changes if c.action != "unchanged"]


def plan_extract(
    articles: Sequence[Path], languages: Sequence[Language], locales: Locales, now: dt.datetime
) -> ExtractReport:
    """Read, segment and merge everything in memory; write nothing."""
    return ExtractReport(tuple(plan_article(a, languages, locales, now) for a in articles))


def plan_article(
    article: Path, languages: Sequence[Language], locales: Locales, now: dt.datetime
) -> ArticleExtract:
    """Read, segment and merge one article's template and catalogs in memory; write nothing.

    Deterministic for a given ``now`` and the same files: planning an article again gives
    the same catalogs, so a caller may check everything first and plan again to write.
    """
    text = read_article(article)
    segments = segment_article(text)
    slug = slug_for(article)
    template = build_template(slug, article.name, segments, now)
    template_path = locales.template_path(slug)
    template.path = template_path
    action = "created"
    if template_path.exists():
        old = load_catalog(template_path)
        action = "unchanged" if old.layout() == template.layout() else "updated"
        template.disk_bytes = old.disk_bytes
    result = ArticleExtract(article, slug, len(segments), template, action)
    for language in languages:
        result.catalogs.append(_plan_catalog(template, language, locales, slug, now))
    return result


def _plan_catalog(
    template: Catalog, language: Language, locales: Locales, slug: str, now: dt.datetime
) -> tuple[Catalog, CatalogChange]:
    path = locales.catalog_path(language.code, slug)
    if not path.exists():
        catalog = new_catalog(template, language.code, now)
        catalog.path = path
        merged = update_catalog(catalog, template).catalog
        return merged, CatalogChange(language.code, path, "created", added=len(template.po))
    existing = load_catalog(path, language.code)
    if existing.layout() == template.layout():
        return existing, CatalogChange(language.code, path, "unchanged", kept=len(existing.units()))
    result = update_catalog(existing, template)
    change = CatalogChange(
        language.code, path, "updated", result.added, result.kept, result.source_changed,
        result.obsoleted,
    )
    return result.catalog, change


@dataclass(frozen=True)
class ArticleSummary:
    """What extracting one article did, without its catalogs."""

    slug: str
    units: int
    changes: tuple[CatalogChange, ...]


def extract_articles(
    articles: Sequence[Path],
    languages: Sequence[Language],
    locales: Locales,
    now: dt.datetime,
    *,
    write: bool = True,
    keep_units: int = 20_000,
) -> list[ArticleSummary]:
    """Plan every article (read, segment, merge), then write those that changed.

    Memory does not grow with the archive: the plans of changed articles are kept up to
    ``keep_units`` units, and the others are planned again when written (planning is
    deterministic for the same ``now`` and files). Everything is still read and checked
    before anything is written. With ``write=False`` nothing is written (``--check``).
    """
    summaries: list[ArticleSummary] = []
    changed: list[int] = []
    kept: dict[int, ArticleExtract] = {}
    budget = keep_units
    for index, article in enumerate(articles):
        plan = plan_article(article, languages, locales, now)
        summaries.append(ArticleSummary(plan.slug, plan.units, tuple(plan.changes)))
        if plan.changed:
            changed.append(index)
            if plan.units <= budget:
                kept[index] = plan
                budget -= plan.units
    if write:
        for language in languages:
            seed_language_data(locales, language.code)
        for index in changed:
            plan = kept.pop(index) if index in kept else plan_article(
                articles[index], languages, locales, now)
            write_article(plan, locales)
    return summaries


def write_extract(report: ExtractReport, locales: Locales) -> None:
    """Write the templates and catalogs that changed (atomically), seeding language data."""
    for article in report.articles:
        write_article(article, locales)


def write_article(article: ArticleExtract, locales: Locales) -> None:
    """Write one article's template and catalogs if they changed, seeding language data."""
    if article.template_action != "unchanged":
        save_catalog(article.template, force=True)
    for catalog, change in article.catalogs:
        seed_language_data(locales, change.language)
        if change.action != "unchanged":
            save_catalog(catalog)


def seed_language_data(locales: Locales, language: str) -> list[Path]:
    """Copy the starter glossary (and Dari lexicon) into a language folder that lacks them."""
    source_dir = STARTER_DIR / language
    copied: list[Path] = []
    if not source_dir.is_dir():
        return copied
    for starter in sorted(source_dir.glob("*.tsv")):
        target = locales.language_dir(language) / starter.name
        if not target.exists():
            write_atomic(target, starter.read_bytes())  # a kill must not leave half a glossary
            copied.append(target)
    return copied
