"""Finding and loading what lives in a locales folder: catalogs and per-language data files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from .catalog import Catalog, build_template, load_catalog
from .errors import ArticleError, CatalogNotFound
from .langs import Language
from .language.glossary import STARTER_DIR
from .project import Locales, slug_for


def article_slug(article: str) -> tuple[str, Path | None]:
    """An ARTICLE argument is a file (slug from its name) or a bare slug."""
    path = Path(article)
    if path.is_file():
        return slug_for(path), path
    if path.suffix or "/" in article or "\\" in article:
        raise ArticleError(path, "does not exist; give the article file or its catalog name")
    return article, None


def load_article_catalog(locales: Locales, slug: str, language: Language) -> Catalog:
    path = locales.catalog_path(language.code, slug)
    try:  # load_catalog looks first; its own message for a catalog that does not exist
        return load_catalog(path, language.code)
    except CatalogNotFound:
        if path.exists():
            raise
    raise CatalogNotFound(
        path, f"no {language.name} catalog for {slug!r}; run `localize extract` on the article"
    )


def load_all_catalogs(
    locales: Locales, languages: Sequence[Language], slugs: Sequence[str] | None = None
) -> Iterator[tuple[str, Catalog]]:
    """``(slug, catalog)`` for every catalog of ``languages`` (optionally only ``slugs``)."""
    for language in languages:
        for slug in slugs if slugs is not None else locales.slugs(language.code):
            yield slug, load_article_catalog(locales, slug, language)


def data_file(locales: Locales, language: str, name: str) -> Path | None:
    """A per-language data file: the locales folder's own copy, else the packaged starter."""
    own = locales.language_dir(language) / name
    if own.exists():
        return own
    starter = STARTER_DIR / language / name
    return starter if starter.exists() else None


def stale_against_article(catalog: Catalog, article: Path) -> bool:
    """True when the article's current units differ from what the catalog was made from."""
    from .segment import read_article, segment_article  # not needed by check or status

    segments = segment_article(read_article(article))
    template = build_template(catalog.header("Project-Id-Version"), article.name, segments,
                              dt.datetime.now(dt.timezone.utc))
    return template.layout() != catalog.layout()
