"""Publishing and compiling: catalogs -> bilingual editions and MO files on disk.

Every edition is built and checked before the first file is written, so a refusal (a unit
below the minimum state, a stale or inconsistent catalog) leaves the output folder as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .catalog import compile_mo, write_atomic
from .errors import CatalogMismatch, FileError, NotReady
from .langs import Language
from .model import State
from .project import Locales
from .workspace import article_slug, load_all_catalogs, load_article_catalog, stale_against_article


def publish_articles(
    articles: Sequence[str],
    languages: Sequence[Language],
    locales: Locales,
    output: Path,
    *,
    fmt: str,
    layout: str,
    min_state: State,
    allow_incomplete: bool,
    published: dt.date,
) -> list[tuple[Path, int]]:
    """Write one edition per article and language; returns ``(path, pending units)``."""
    from .publish import RENDERERS, build_edition

    render, extension = RENDERERS[fmt]
    planned: list[tuple[Path, str, int]] = []
    missing: list[str] = []
    for article in articles:
        slug, article_path = article_slug(article)
        for language in languages:
            catalog = load_article_catalog(locales, slug, language)
            if article_path is not None and stale_against_article(catalog, article_path):
                raise CatalogMismatch(
                    catalog.path, f"is out of date with {article_path}; "
                    f"run `localize extract {article_path}` and review the changes",
                )
            try:
                edition = build_edition(slug, catalog.units(), language, min_state=min_state,
                                        published=published)
            except CatalogMismatch as exc:
                raise CatalogMismatch(catalog.path, exc.detail) from None
            below = edition.missing()
            if below and not allow_incomplete:
                missing.append(f"{catalog.path}: {len(below)} unit(s) below {min_state.label}")
            content = render(edition, layout) if fmt in ("html", "md", "txt") else render(edition)
            planned.append((output / f"{slug}.{language.code}.{extension}", content, len(below)))
    if missing:
        raise NotReady(
            "nothing published: some translations are not ready:\n  " + "\n  ".join(missing)
            + "\nreview them, lower --min-state, or pass --allow-incomplete to show them as pending"
        )
    try:
        output.mkdir(parents=True, exist_ok=True)
        for path, content, _ in planned:
            write_atomic(path, content.encode("utf-8"))
    except OSError as exc:
        raise FileError(output, f"cannot write editions here: {exc.strerror}; choose another -o") from None
    return [(path, pending) for path, _, pending in planned]


def compile_catalogs(
    locales: Locales, languages: Sequence[Language], *, include_drafts: bool = False
) -> list[tuple[Path, int]]:
    """Compile every catalog of ``languages`` to an MO file beside it."""
    written = []
    for _, catalog in load_all_catalogs(locales, languages):
        assert catalog.path is not None
        mo_path = catalog.path.with_suffix(".mo")
        written.append((mo_path, compile_mo(catalog, mo_path, include_drafts=include_drafts)))
    return written
