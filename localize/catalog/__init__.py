"""Gettext catalogs: the only package that imports polib.

How localize encodes a unit in a PO entry (chosen so it survives Poedit, Lokalize, Weblate,
Babel and GNU ``msgmerge``, which keep translator comments and the ``fuzzy`` flag but drop
custom flags and take ``#.`` comments from the template):

* layout, from the template: ``#: <article file>:<line>`` and ``#. <kind>, paragraph P, unit U``
  for every place the sentence occurs (1-based for people);
* review state: empty ``msgstr`` is untranslated; ``fuzzy`` with ``#|`` previous msgid is
  source-changed; other ``fuzzy`` is a draft; not fuzzy is reviewed, or approved when an
  ``approved:`` comment carries the fingerprint of the current ``msgid`` and ``msgstr``;
* translator comments written by localize, one per line, with fixed prefixes
  (``draft:``, ``machine-draft:``, ``draft-note:``, ``approved:``, ``check:``); any other
  translator comment is the translator's and is never rewritten.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

import polib

from .. import __version__
from ..errors import (
    CatalogMismatch,
    CatalogNotFound,
    CatalogSyntaxError,
    ConcurrentEdit,
    LanguageError,
)
from ..langs import LANGUAGES, canonical_code
from ..model import (
    BlockKind,
    Finding,
    Origin,
    Provenance,
    Segment,
    State,
    Unit,
    UnitFindings,
    approval_fingerprint,
)
from ._encoding import (
    _OWN_PREFIXES,
    APPROVED_PREFIX,
    CHECK_PREFIX,
    DRAFT_NOTE_PREFIX,
    DRAFT_PREFIX,
    MACHINE_DRAFT_PREFIX,
    SOURCE_CHANGED_PREFIX,
    _comment_lines,
    _comments,
    _flagged_from_entry,
    _own_lines_removed,
    _positions,
    _unit_from_entry,
    state_of,
)
from ._render import render_po

__all__ = [
    "APPROVED_PREFIX", "CHECK_PREFIX", "DRAFT_NOTE_PREFIX", "DRAFT_PREFIX",
    "MACHINE_DRAFT_PREFIX", "SOURCE_CHANGED_PREFIX", "BackgroundSaves", "Catalog", "UpdateResult",
    "build_template", "compile_mo", "load_catalog", "new_catalog", "save_catalog",
    "state_of", "update_catalog", "write_atomic",
]


_MSGSTR = attrgetter("msgstr")


@dataclass
class Catalog:
    """A PO or POT file in memory, with what localize needs to save it safely.

    ``language`` is ``None`` for a template. ``disk_bytes`` are the bytes read from disk or
    last written there (``None`` for a new catalog), to notice a concurrent edit: kept
    whole, as comparing them costs less than hashing them.
    """

    po: polib.POFile
    path: Path | None = None
    language: str | None = None
    disk_bytes: bytes | None = field(default=None, repr=False)
    loaded_translated: int = 0
    _index: dict[str, polib.POEntry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        self._index = {e.msgid: e for e in self.po if not e.obsolete and not e.msgctxt}

    # -- reading -----------------------------------------------------------------------
    def units(self) -> list[Unit]:
        """Every active unit, in document order (order of first occurrence)."""
        units = [_unit_from_entry(e) for e in self.po if not e.obsolete and e.msgid]
        return sorted(units, key=_unit_order)

    def unit(self, source: str) -> Unit:
        return _unit_from_entry(self._entry(source))

    def obsolete_units(self) -> list[Unit]:
        return [_unit_from_entry(e) for e in self.po if e.obsolete]

    def layout(self) -> tuple[tuple[str, tuple[tuple[int, int, BlockKind, int], ...]], ...]:
        """Sources and positions only: equal layouts mean the catalog matches its article.
        (In the order of ``units()``, without building units: extract compares four a run.)"""
        pairs = [(e.msgid, _positions(e)) for e in self.po if not e.obsolete and e.msgid]
        pairs.sort(key=lambda pair: pair[1][0][1] if pair[1] else 1 << 30)
        return tuple(pairs)

    def header(self, name: str) -> str:
        return str(self.po.metadata.get(name, ""))

    def _entry(self, source: str) -> polib.POEntry:
        try:
            return self._index[source]
        except KeyError:
            raise KeyError(f"no unit {source[:60]!r} in {self.path}") from None

    # -- writing -----------------------------------------------------------------------
    def set_draft(
        self, source: str, target: str, provenance: Provenance, notes: Sequence[str] = ()
    ) -> bool:
        """Fill an untranslated unit with a draft; returns False (and changes nothing) if the
        unit already has a translation: reviewed, approved and human work is never touched."""
        entry = self._entry(source)
        if entry.msgstr:
            return False
        entry.msgstr = target
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        entry.previous_msgid = None
        lines = _own_lines_removed(entry.tcomment, _OWN_PREFIXES)
        fields = [provenance.origin.value, provenance.engine, provenance.version,
                  provenance.target, provenance.date]
        lines.append(DRAFT_PREFIX + " | ".join(fields))
        if provenance.origin is Origin.MACHINE:
            lines.extend(_comment_lines(MACHINE_DRAFT_PREFIX, target))
        for note in notes:
            lines.extend(_comment_lines(DRAFT_NOTE_PREFIX, note))
        entry.tcomment = "\n".join(lines)
        return True

    def set_findings(self, source: str, findings: Iterable[Finding]) -> bool:
        """Replace the ``check:`` comments of a unit; returns True if anything changed."""
        return _set_findings(self._entry(source), findings)

    def record_findings(
        self, check: Callable[[str, str], Sequence[Finding]]
    ) -> tuple[list[UnitFindings], bool]:
        """Run ``check(source, target)`` on every unit with a translation and record what it
        finds as ``check:`` comments, replacing earlier ones and clearing stale ones.

        Returns the units with findings, in document order and in the state they were
        checked in, and whether any entry changed. A unit whose findings are those on
        record costs one comparison, and re-checking unchanged work rewrites nothing.
        """
        found: list[tuple[int, UnitFindings]] = []
        changed = False
        for entry in self.po:
            if entry.obsolete or not entry.msgid:
                continue
            target = entry.msgstr
            findings = tuple(check(entry.msgid, target)) if target else ()
            if findings:
                found.append(_flagged_from_entry(entry, findings))
            tcomment = entry.tcomment
            if findings != (_comments(tcomment).findings if tcomment else ()):
                changed |= _set_findings(entry, findings)
        if len(found) > 1:
            found.sort(key=_first_item)
        return [flagged for _, flagged in found], changed

    def approve(self, source: str, by: str, date: str) -> None:
        """Record an editor's approval bound to the current English and translation text."""
        entry = self._entry(source)
        lines = _own_lines_removed(entry.tcomment, (APPROVED_PREFIX,))
        by = " ".join(by.split())
        lines.append(f"{APPROVED_PREFIX}{approval_fingerprint(entry.msgid, entry.msgstr)} | {date} | {by}")
        entry.tcomment = "\n".join(lines)

    def touch(self, now: dt.datetime, translator: str | None = None) -> None:
        self.po.metadata["PO-Revision-Date"] = _format_date(now)
        if translator:
            self.po.metadata["Last-Translator"] = translator

    def translated_count(self) -> int:
        """Entries holding a translation, obsolete ones included (they are kept work)."""
        return sum(map(bool, map(_MSGSTR, self.po)))  # in C: 2x faster than a generator

    def render(self) -> str:
        return render_po(self.po)


# -- templates and catalogs ------------------------------------------------------------------
def _format_date(now: dt.datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M%z") or now.strftime("%Y-%m-%d %H:%M")


def _base_metadata(slug: str, now: dt.datetime) -> dict[str, str]:
    return {
        "Project-Id-Version": slug,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": _format_date(now),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "",
        "Language-Team": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"localize {__version__}",
    }


def build_template(
    slug: str, article_name: str, segments: Sequence[Segment], now: dt.datetime
) -> Catalog:
    """A POT with one entry per distinct sentence, in order of first occurrence."""
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = _base_metadata(slug, now)
    pot.header = f"Translation template for the article {article_name}, made by localize."
    by_text: dict[str, polib.POEntry] = {}
    positions: dict[str, list[str]] = {}
    for seg in segments:
        entry = by_text.get(seg.text)
        if entry is None:
            entry = polib.POEntry(msgid=seg.text, msgstr="", occurrences=[], comment="")
            by_text[seg.text] = entry
            positions[seg.text] = []
            pot.append(entry)
        entry.occurrences.append((article_name, str(seg.line)))
        positions[seg.text].append(
            f"{seg.kind.value}, paragraph {seg.paragraph + 1}, unit {seg.index + 1}"
        )
    for text, entry in by_text.items():  # joined once: a sentence may repeat 100,000 times
        entry.comment = "\n".join(positions[text])
    return Catalog(po=pot)


def new_catalog(template: Catalog, language: str, now: dt.datetime) -> Catalog:
    """An empty PO for ``language`` from a template, with the headers LANGUAGE.md requires."""
    lang = LANGUAGES[canonical_code(language)]
    po = polib.POFile(wrapwidth=79)
    po.metadata = dict(template.po.metadata)
    po.metadata["Language"] = lang.code
    po.metadata["Language-Team"] = f"{lang.name} <{lang.code}>"
    po.metadata["Plural-Forms"] = lang.plural_forms
    po.metadata["PO-Revision-Date"] = _format_date(now)
    po.header = template.po.header.replace("Translation template", f"{lang.name} translation")
    return Catalog(po=po, language=lang.code)


@dataclass(frozen=True)
class UpdateResult:
    catalog: Catalog
    added: int
    kept: int
    source_changed: int  # edited sentences that carry their old translation
    obsoleted: int
    revived: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.source_changed or self.obsoleted or self.revived)


def update_catalog(existing: Catalog, template: Catalog) -> UpdateResult:
    """Bring a PO up to date with its template, losing nothing (Babel's ``Catalog.update``);
    see ``merge_entries`` for the rules."""
    from ._merge import merge_entries  # not imported by commands that never merge

    po, counts = merge_entries(existing.po, template.po)
    catalog = Catalog(po, existing.path, existing.language, existing.disk_bytes,
                      existing.loaded_translated)
    return UpdateResult(catalog, counts.added, counts.kept, counts.source_changed,
                        counts.obsoleted, counts.revived)


def _unit_order(unit: Unit) -> int:
    """Where a unit comes in its article (its first place's paragraph); units without one last."""
    return unit.positions[0][1] if unit.positions else 1 << 30


def _first_item(pair: tuple[int, UnitFindings]) -> int:
    return pair[0]


def _set_findings(entry: polib.POEntry, findings: Iterable[Finding]) -> bool:
    """Replace the ``check:`` comments of an entry; returns True if anything changed."""
    lines = _own_lines_removed(entry.tcomment, (CHECK_PREFIX,))
    for f in findings:
        lines.extend(_comment_lines(CHECK_PREFIX, f"{f.severity.label} {f.check}: {f.message}"))
    new = "\n".join(lines)
    changed = new != (entry.tcomment or "")
    entry.tcomment = new
    return changed


# -- files ---------------------------------------------------------------------------------
def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise CatalogSyntaxError(path, "contains NUL bytes; this is not a PO file", line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogSyntaxError(
            path, "is not valid UTF-8; re-save it as UTF-8 in your PO editor", line
        ) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n") if b"\r" in data else text  # bytes: found much faster


def load_catalog(path: Path, expected_language: str | None = None) -> Catalog:
    """Read a PO/POT file strictly; the errors name the file and line and what to do.

    Args:
        path: the file.
        expected_language: the language its folder says it is in (``fa_AF``/``ps``); a
            ``Language`` header that disagrees is a ``CatalogMismatch``.
    """
    try:  # one stat and an unbuffered read: a third of what Path.is_file and read_bytes cost
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        regular = False
    if not regular and not path.is_file():  # (is_file: as ever, for anything unusual)
        what = "is a directory, not a catalog" if path.is_dir() else "does not exist"
        raise CatalogNotFound(path, f"{what}; run `localize extract ARTICLE` to create it")
    try:
        with open(path, "rb", buffering=0) as file:
            data = file.read()
    except OSError as exc:
        raise CatalogNotFound(path, f"cannot be read: {exc.strerror}") from None
    from ._parse import read_po  # strict single-pass reader; polib-equivalent POFile

    # _decode refused a NUL and left a \r only where the bytes hold one
    po, plural_entries = read_po(_decode(path, data), path, plain=b"\r" not in data)
    language = _checked_language(path, po, expected_language, plural_entries)
    catalog = Catalog(po, path, language, data)
    catalog.loaded_translated = catalog.translated_count()
    return catalog


def _checked_language(
    path: Path, po: polib.POFile, expected: str | None, plural_entries: list[polib.POEntry]
) -> str | None:
    """The catalog's language; ``plural_entries``: those of its entries with plural forms."""
    declared = po.metadata.get("Language", "").strip()
    if expected is None:
        return canonical_code(declared) if declared else None
    if not declared:
        raise CatalogMismatch(path, f"has no Language header; add `Language: {expected}`")
    try:
        code = canonical_code(declared)
    except LanguageError:
        code = declared
    if code != expected:
        raise CatalogMismatch(
            path, f"says Language: {declared} but lives in the {expected} folder; "
            f"fix the header or move the file",
        )
    if not plural_entries:  # no entry to check
        return code
    nplurals = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    if nplurals:
        for entry in plural_entries:
            if len(entry.msgstr_plural) > int(nplurals[1]):
                raise CatalogSyntaxError(
                    path, f"this entry has {len(entry.msgstr_plural)} plural forms but the header "
                    f"says nplurals={nplurals[1]}; fix the entry or the Plural-Forms header",
                    getattr(entry, "linenum", None) or None,
                )
    return code


def save_catalog(catalog: Catalog, path: Path | None = None, *, force: bool = False) -> Path:
    """Write atomically (temp file in the same folder, fsync, ``os.replace``).

    Refuses (``ConcurrentEdit``) when the file changed on disk since it was loaded, and
    refuses to write fewer translations than were loaded unless ``force``: reviewed work is
    never dropped silently.
    """
    target = path or catalog.path
    if target is None:
        raise ValueError("catalog has no path")
    if (target.exists() and catalog.disk_bytes is not None and not force
            and target.read_bytes() != catalog.disk_bytes):
        raise ConcurrentEdit(target, "changed on disk while localize was working on it")
    if not force and catalog.translated_count() < catalog.loaded_translated:
        raise CatalogMismatch(
            target, f"would lose translations ({catalog.loaded_translated} -> "
            f"{catalog.translated_count()}); nothing written",
        )
    # localize reads and writes only UTF-8: a header claiming another charset would make
    # every other tool show the Dari and Pashto text as mojibake.
    catalog.po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    data = catalog.render().encode("utf-8")
    write_atomic(target, data)
    catalog.path = target
    catalog.disk_bytes = data
    catalog.loaded_translated = catalog.translated_count()
    return target


class BackgroundSaves:
    """Saves catalogs (``save_catalog``) in a few threads, so that waiting for the disk
    (every save ends with an fsync, milliseconds on a busy or network disk) overlaps with
    the work that follows, and the fsyncs of several files with each other.

    Use it as a context manager. Leaving it waits for every save handed to it, so nothing
    finished is lost, even on an error or Ctrl-C; the first save that failed is raised
    there, or by the next ``save`` call, which then hands over nothing more. A catalog
    handed to ``save`` belongs to the saver: the caller must not use it again.
    """

    def __init__(self, threads: int = 4, pending: int = 16) -> None:
        import collections
        import concurrent.futures

        self._pool = concurrent.futures.ThreadPoolExecutor(threads,
                                                           thread_name_prefix="localize-save")
        self._futures: collections.deque[concurrent.futures.Future[Path]] = collections.deque()
        self._pending = pending  # at most this many catalogs wait in memory

    def save(self, catalog: Catalog) -> None:
        futures = self._futures
        while futures and (futures[0].done() or len(futures) >= self._pending):
            futures.popleft().result()  # raises a failed save's error
        futures.append(self._pool.submit(save_catalog, catalog))

    def __enter__(self) -> BackgroundSaves:  # noqa: PYI034 (typing.Self: Python 3.11+)
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        self._pool.shutdown(wait=True)
        errors = (future.exception() for future in self._futures)
        failed = next((e for e in errors if e is not None), None)
        self._futures.clear()
        if failed is not None and error is None:
            raise failed


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def compile_mo(catalog: Catalog, path: Path, *, include_drafts: bool = False) -> int:
    """Write an MO file of the reviewed and approved units (drafts too if asked); returns the
    number of messages. Untranslated, source-changed and obsolete units are never compiled."""
    mo = polib.POFile()
    mo.metadata = dict(catalog.po.metadata)
    for entry in catalog.po:
        if entry.obsolete or not entry.msgstr or not entry.msgid:
            continue
        state = _unit_from_entry(entry).state
        if state < State.REVIEWED and (not include_drafts or state is State.SOURCE_CHANGED):
            continue
        mo.append(polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr))
    write_atomic(path, mo.to_binary())
    return len(mo)
