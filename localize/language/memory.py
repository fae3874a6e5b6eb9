"""Translation memory per target language, with TMX 1.4 import and export.

Lookup is a dictionary on a normalised key, not a scan. The key (``memory_key``):

* NFC; whitespace runs (including NBSP and ZWNJ-free Unicode spaces) collapsed to one
  space and stripped;
* quotes unified: ``“ ” „ « » ″`` → ``"`` and ``‘ ’ ‚ ′`` → ``'``; dashes ``‐ ‑ – —``
  → ``-``; the ellipsis ``…`` → ``...``;
* digits of every script folded to ASCII (``۲۰۲۴`` = ``٢٠٢٤`` = ``2024``): this never
  changes a number's value;
* **no case folding**: ``US``/``us``, ``May``/``may``, ``Turkey``/``turkey`` differ in
  meaning, and a sentence-initial capital marks a different segment.

Numbers: a key keeps every digit, so a memory unit is only found for a source with
exactly the same numbers. Its target can therefore be reused as it is, with no risk of
carrying the old figures into a new sentence (``3,500 soldiers`` never returns the
translation of ``4,000 soldiers``). Number-agnostic matching with re-derived targets is
left to a fuzzy layer that a reviewer confirms.

When several units share a key, ``lookup`` prefers internal over external units, then
approved over (merely) reviewed ones, then the most recent date, then the latest added.
Only reviewed or approved translations belong in a memory; drafts are never added.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as safe_parse

from ..errors import DataFileError, LanguageError
from ..langs import canonical_code, get_language
from .script import to_ascii_digits

__all__ = [
    "MemoryMatch",
    "MemoryMeta",
    "MemoryUnit",
    "TranslationMemory",
    "memory_key",
    "read_tmx",
    "write_tmx",
]

_SPACES = re.compile(r"\s+")
_KEY_TABLE = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
        "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
        "\u2026": "...",
    }
)  # fmt: skip
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INLINE_WITH_TEXT = {"hi", "sub"}


def memory_key(source: str) -> str:
    """The lookup key of a source text (see the module docstring).

    >>> memory_key("  NATO  said “۲۰۲۴”… ")
    'NATO said "2024"...'
    """
    text = unicodedata.normalize("NFC", source).translate(_KEY_TABLE)
    return to_ascii_digits(_SPACES.sub(" ", text).strip())


@dataclass(frozen=True, slots=True)
class MemoryMeta:
    """Where a unit comes from.

    ``origin`` names the catalog, article or TMX file; ``reviewer`` who reviewed or
    approved it; ``date`` is ISO ``YYYY-MM-DD``; ``external`` marks units imported from
    outside the newsroom (TMX); ``approved`` an editor's sign-off (else: reviewed).
    """

    origin: str
    reviewer: str = ""
    date: str = ""
    external: bool = False
    approved: bool = False


@dataclass(frozen=True, slots=True)
class MemoryUnit:
    """A source/target pair; ``language_code`` is the canonical target code (``fa_AF``,
    ``ps``), or None in a memory built without a language."""

    source: str
    target: str
    meta: MemoryMeta
    language_code: str | None


@dataclass(frozen=True, slots=True)
class MemoryMatch:
    """A lookup result: ``exact`` is True when the stored source is identical, character for
    character, to the looked-up one (not only equal after normalisation)."""

    unit: MemoryUnit
    exact: bool

    @property
    def source(self) -> str:
        return self.unit.source

    @property
    def target(self) -> str:
        return self.unit.target

    @property
    def meta(self) -> MemoryMeta:
        return self.unit.meta


def _rank(unit: MemoryUnit, order: int) -> tuple[bool, bool, str, int]:
    return (not unit.meta.external, unit.meta.approved, unit.meta.date, order)


@dataclass
class TranslationMemory:
    """The memory of one target language (``language_code``: any accepted spelling, stored
    canonical, e.g. ``ps``). Without a language it takes units of any target language."""

    language_code: str | None = None
    _index: dict[str, list[tuple[int, MemoryUnit]]] = field(default_factory=dict, repr=False)
    _count: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        if self.language_code is not None:
            self.language_code = canonical_code(self.language_code)

    def __len__(self) -> int:
        return sum(len(units) for units in self._index.values())

    def __iter__(self) -> Iterator[MemoryUnit]:
        """Units in the order they were added."""
        return iter(self.units())

    def units(self) -> list[MemoryUnit]:
        """All units, in the order they were added."""
        ordered = sorted(
            (pair for units in self._index.values() for pair in units), key=lambda pair: pair[0]
        )
        return [unit for _order, unit in ordered]

    def add(self, source: str, target: str, meta: MemoryMeta) -> MemoryUnit:
        """Add a pair. The same source and target twice keep the better-ranked metadata.

        Args:
            source: The English source segment.
            target: Its translation in this memory's language.
            meta: Where it comes from.

        Returns:
            The stored unit.

        Raises:
            ValueError: When the source or target is empty.
        """
        if not source.strip() or not target.strip():
            raise ValueError("a memory unit needs a non-empty source and target")
        unit = MemoryUnit(source, target, meta, self.language_code)
        bucket = self._index.setdefault(memory_key(source), [])
        self._count += 1
        for position, (order, existing) in enumerate(bucket):
            if existing.source == source and existing.target == target:
                if _rank(unit, self._count) > _rank(existing, order):
                    bucket[position] = (self._count, unit)
                    return unit
                return existing
        bucket.append((self._count, unit))
        return unit

    def add_unit(self, unit: MemoryUnit) -> MemoryUnit:
        """Add a unit read from TMX (or another memory) of the same language.

        Raises:
            LanguageError: When the unit belongs to another target language.
        """
        if self.language_code is not None and unit.language_code != self.language_code:
            raise LanguageError(
                f"a {unit.language_code} unit cannot go into the {self.language_code} memory"
            )
        return self.add(unit.source, unit.target, unit.meta)

    def lookup(self, source: str) -> MemoryMatch | None:
        """The best unit whose source has the same key as ``source``, or None."""
        bucket = self._index.get(memory_key(source))
        if not bucket:
            return None
        _order, unit = max(bucket, key=lambda pair: _rank(pair[1], pair[0]))
        return MemoryMatch(unit, unit.source == source)


def _tmx_date(iso_date: str) -> str | None:
    try:
        day = datetime.date.fromisoformat(iso_date[:10])
    except ValueError:
        return None
    return day.strftime("%Y%m%dT000000Z")


def _iso_from_tmx(value: str) -> str:
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})T\d{6}Z", value.strip())
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else ""


def _check_xml_text(path: Path, number: int, text: str) -> None:
    if _XML_INVALID.search(text):
        raise DataFileError(
            path, f"unit {number} contains a control character that XML cannot store"
        )


def write_tmx(
    memory: TranslationMemory,
    path: Path | str,
    source_lang: str = "en",
    target_lang: str | None = None,
) -> None:
    """Write the memory as TMX 1.4, atomically (temporary file, then ``os.replace``).

    Each ``<tu>`` carries ``creationid`` (reviewer), ``creationdate``/``changedate`` (from
    the date) and ``<prop>`` elements ``x-origin``, ``x-reviewer``, ``x-date``, ``x-state``
    and ``x-external``.

    Args:
        memory: The memory to write.
        path: The output file; its folder must exist.
        source_lang: The source's BCP 47 tag.
        target_lang: The target's tag; by default the memory language's HTML tag
            (``fa-AF``, ``ps``).

    Raises:
        DataFileError: When a unit holds a character XML cannot store, or the file
            cannot be written. The existing file is left untouched.
    """
    path = Path(path)
    default_tag = target_lang or (
        get_language(memory.language_code).html_lang if memory.language_code else None
    )
    root = ET.Element("tmx", version="1.4")
    header = {
        "creationtool": "localize",
        "creationtoolversion": "0.1",
        "segtype": "sentence",
        "o-tmf": "localize",
        "adminlang": "en",
        "srclang": source_lang,
        "datatype": "plaintext",
    }
    ET.SubElement(root, "header", header)
    body = ET.SubElement(root, "body")
    for number, unit in enumerate(memory.units(), start=1):
        _check_xml_text(
            path, number, unit.source + unit.target + unit.meta.origin + unit.meta.reviewer
        )
        attributes = {}
        if unit.meta.reviewer:
            attributes["creationid"] = unit.meta.reviewer
            attributes["changeid"] = unit.meta.reviewer
        stamp = _tmx_date(unit.meta.date)
        if stamp:
            attributes["creationdate"] = stamp
            attributes["changedate"] = stamp
        tu = ET.SubElement(body, "tu", attributes)
        for kind, value in (
            ("x-origin", unit.meta.origin),
            ("x-reviewer", unit.meta.reviewer),
            ("x-date", unit.meta.date),
            ("x-state", "approved" if unit.meta.approved else "reviewed"),
            ("x-external", "yes" if unit.meta.external else "no"),
        ):
            ET.SubElement(tu, "prop", type=kind).text = value
        target_tag = default_tag or (
            get_language(unit.language_code).html_lang if unit.language_code else None
        )
        if target_tag is None:
            raise ValueError("the memory has no language: pass target_lang")
        for tag, text in ((source_lang, unit.source), (target_tag, unit.target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: tag})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    _atomic_write(path, data)


def _atomic_write(path: Path, data: bytes) -> None:
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, then renamed)
            "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise DataFileError(path, f"cannot write here: {error.strerror or error}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise DataFileError(path, f"cannot write the file: {error.strerror or error}") from None


def _seg_text(seg: ET.Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if child.tag in _INLINE_WITH_TEXT:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _matches_target(tag: str, target: str | None) -> str | None:
    """The canonical target code for ``tag`` when it is wanted, else None."""
    try:
        code = canonical_code(tag.replace("-", "_"))
    except LanguageError:
        return None
    return code if target is None or code == target else None


def read_tmx(
    path: Path | str, source_lang: str = "en", target_lang: str | None = None
) -> list[MemoryUnit]:
    """Read a TMX file safely; every unit comes back marked external.

    DTDs with entity declarations, entity expansion and external references are refused
    (defusedxml). A bare ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line, which CAT tools
    write, is accepted: it is never fetched.

    Args:
        path: The TMX file.
        source_lang: The source language (``en`` also matches ``en-US``, ``EN-GB`` …).
        target_lang: Keep only this target (``fa_AF``, ``fa-AF``, ``prs``, ``ps`` …);
            by default every Dari or Pashto variant in the file. Iranian ``fa`` is never
            taken for Dari.

    Returns:
        One unit per translation unit and target variant, in file order.

    Raises:
        DataFileError: Unreadable, not well-formed (with the line), forbidden DTD or
            entities, or not a TMX document.
    """
    path = Path(path)
    wanted = canonical_code(target_lang) if target_lang else None
    try:
        tree = safe_parse(str(path), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        detail = str(error).split(":", 1)[0]
        raise DataFileError(path, f"not well-formed XML ({detail})", line=line) from None
    except DefusedXmlException as error:
        raise DataFileError(
            path,
            f"refused unsafe XML ({type(error).__name__}): entity declarations and external "
            "references are not allowed in TMX; export the memory again without a DTD",
        ) from None
    except OSError as error:
        raise DataFileError(path, f"cannot read the file: {error.strerror or error}") from None
    root = tree.getroot()
    if root.tag != "tmx" or root.find("body") is None:
        raise DataFileError(
            path, f"not a TMX document (root <{root.tag}>, expected <tmx> with a <body>)"
        )
    source_prefix = source_lang.lower().replace("_", "-").split("-")[0]
    units: list[MemoryUnit] = []
    for number, tu in enumerate(root.iter("tu"), start=1):
        props = {prop.get("type", ""): (prop.text or "") for prop in tu.findall("prop")}
        source_text: str | None = None
        targets: list[tuple[str, str]] = []
        for tuv in tu.findall("tuv"):
            tag = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if seg is None:
                raise DataFileError(
                    path, f"translation unit {number}: <tuv xml:lang={tag!r}> has no <seg>"
                )
            text = _seg_text(seg)
            if tag.lower().replace("_", "-").split("-")[0] == source_prefix:
                source_text = text
            else:
                code = _matches_target(tag, wanted)
                if code:
                    targets.append((code, text))
        if not source_text or not source_text.strip():
            continue
        date = props.get("x-date") or _iso_from_tmx(
            tu.get("changedate") or tu.get("creationdate") or ""
        )
        meta = MemoryMeta(
            origin=props.get("x-origin") or f"tmx:{path.name}",
            reviewer=props.get("x-reviewer") or tu.get("changeid") or tu.get("creationid") or "",
            date=date,
            external=True,
            approved=props.get("x-state", "").strip().lower() == "approved",
        )
        for code, text in targets:
            if text.strip():
                units.append(MemoryUnit(source_text, text, meta, code))
    return units
