"""The locales folder: where templates, catalogs and per-language data live, and its lock.

Layout (the gettext layout Babel and sphinx-intl use)::

    locales/templates/<slug>.pot
    locales/<lang>/LC_MESSAGES/<slug>.po
    locales/<lang>/glossary.tsv          (translators edit it in a spreadsheet)
    locales/fa_AF/dari_lexicon.tsv       (Iranian Persian -> Dari adaptation)
    locales/.localize.lock               (held while a run writes)
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ArticleError, LockedError

_SLUG_RE = re.compile(r"[^a-z0-9]+")
LOCK_NAME = ".localize.lock"
# What localize's atomic writes (``catalog.write_atomic``, the TMX writer) leave behind when
# killed between creating the temporary file and renaming it: ``.<name>.<random>.tmp`` next
# to the target, with tempfile's 8 random characters, for the kinds of file localize writes
# into a locales folder. Nothing else matches: not ``notes.tmp``, ``.x.po~`` or an editor's
# ``poedit-*.tmp``.
_TEMP_LEFTOVER = re.compile(r"\..+\.(?:po|pot|mo|tsv|tmx)\.[a-z0-9_]{8}\.tmp")


def slug_for(article: Path) -> str:
    """The catalog domain for an article file: its name, lower-case, without extension.

    >>> slug_for(Path("news/NATO SG Taliban talks.txt"))
    'nato-sg-taliban-talks'
    """
    slug = _SLUG_RE.sub("-", article.stem.lower()).strip("-")
    if not slug:
        raise ArticleError(article, "has no usable name for a catalog; rename it (e.g. story.txt)")
    return slug


@dataclass(frozen=True)
class Locales:
    """Paths inside one locales folder."""

    root: Path

    def template_path(self, slug: str) -> Path:
        return self.root / "templates" / f"{slug}.pot"

    def catalog_path(self, language: str, slug: str) -> Path:
        return self.root / language / "LC_MESSAGES" / f"{slug}.po"

    def language_dir(self, language: str) -> Path:
        return self.root / language

    def slugs(self, language: str | None = None) -> list[str]:
        """Slugs with a catalog in ``language`` (or with a template), sorted."""
        folder = self.root / "templates" if language is None else self.root / language / "LC_MESSAGES"
        suffix = ".pot" if language is None else ".po"
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.iterdir() if p.suffix == suffix and p.is_file())


def expand_articles(paths: list[Path]) -> list[Path]:
    """Files as given, folders expanded to their ``*.txt`` files (sorted); checks existence."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
            if not found:
                raise ArticleError(path, "is a folder with no .txt articles in it")
            result.extend(found)
        elif path.exists() or str(path) == "-":
            result.append(path)
        else:
            raise ArticleError(path, "does not exist; check the path")
    seen: dict[str, Path] = {}
    for path in result:
        slug = slug_for(path)
        if slug in seen and seen[slug].resolve() != path.resolve():
            raise ArticleError(path, f"has the same catalog name {slug!r} as {seen[slug]}; rename one")
        seen[slug] = path
    return list(dict.fromkeys(result))


@contextmanager
def locked(root: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on a locales folder for a run that writes to it.

    The lock is an ``flock`` on ``.localize.lock``: the kernel releases it when the process
    dies, so a killed run never leaves a stale lock behind. Once it is held, the temporary
    files of writes that a killed run left are removed (``remove_temp_leftovers``).
    """
    import fcntl

    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "another process"
            raise LockedError(
                f"{root}: another localize run (pid {holder}) is writing to this folder; "
                "wait for it to finish, or use --wait"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        remove_temp_leftovers(root)
        yield
    finally:
        os.close(fd)


def remove_temp_leftovers(root: Path) -> list[Path]:
    """Delete the temporary files that killed localize writes left under ``root``.

    Call it only while holding ``root``'s lock: every localize run that writes there holds
    it, so no temporary file of this pattern can belong to a write still in progress.
    """
    removed: list[Path] = []
    for folder, _dirs, files in os.walk(root):  # does not follow links to other folders
        for name in files:
            if _TEMP_LEFTOVER.fullmatch(name):
                path = Path(folder, name)
                try:
                    path.unlink()
                except FileNotFoundError:
                    continue
                removed.append(path)
    return removed
