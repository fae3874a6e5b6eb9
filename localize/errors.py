"""Typed errors. Library code raises these; only the CLI prints them.

Every message names the file (and line where there is one) and says what to do next.
"""

from __future__ import annotations

from pathlib import Path


class LocalizeError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits with status 1."""


def _where(path: Path | str | None, line: int | None = None) -> str:
    if path is None:
        return ""
    return f"{path}:{line}: " if line else f"{path}: "


class FileError(LocalizeError):
    """A problem with one input or output file."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.detail = message
        super().__init__(f"{_where(path, line)}{message}")

    def __reduce__(self) -> tuple[type[FileError], tuple[Path | None, str, int | None]]:
        # Rebuilt from its parts when it crosses a process boundary (parallel checks).
        return type(self), (self.path, self.detail, self.line)


class ArticleError(FileError):
    """An article that cannot be read or segmented (missing, binary, empty, not UTF-8)."""


class CatalogError(FileError):
    """Base for catalog problems."""


class CatalogNotFound(CatalogError):
    pass


class CatalogSyntaxError(CatalogError):
    """A PO/POT file that does not parse; ``line`` points at the problem."""


class CatalogMismatch(CatalogError):
    """A catalog that disagrees with where it lives or with its article (Language, stale)."""


class ConcurrentEdit(CatalogError):
    """A catalog changed on disk between reading and writing and could not be merged."""


class LanguageError(LocalizeError):
    """An unknown or unsupported language code."""


class DataFileError(FileError):
    """A glossary, lexicon or memory file with a broken row, column or encoding."""


class PackageError(FileError):
    """A model package that is not a valid, safe .argosmodel (or cannot be installed)."""


class BackendUnavailable(LocalizeError):
    """No installed model serves a language, or the engine cannot run (e.g. no CUDA)."""


class BackendFailed(LocalizeError):
    """The engine failed while translating."""


class LockedError(LocalizeError):
    """Another localize run holds the lock on a locales folder."""


class NotReady(LocalizeError):
    """An operation refused because units are not in the required state (approve, publish)."""
