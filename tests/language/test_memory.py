"""Translation memory: the key, preferences, numbers, TMX 1.4 out and (safely) in."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from localize.errors import DataFileError, LanguageError
from localize.language.memory import (
    MemoryMeta,
    MemoryUnit,
    TranslationMemory,
    memory_key,
    read_tmx,
    write_tmx,
)

from .helpers import REPO

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
INTERNAL = MemoryMeta(origin="locales/fa_AF/a.po", reviewer="Zarghona", date="2024-05-01")


# --- the key -------------------------------------------------------------------------------


def test_key_collapses_space_unifies_quotes_and_folds_digit_scripts() -> None:
    assert memory_key("  NATO\u00a0 said\n“yes” …") == 'NATO said "yes" ...'
    assert memory_key("In ۲۰۲۴") == memory_key("In ٢٠٢٤") == memory_key("In 2024")
    assert memory_key("a – b — c") == "a - b - c"


def test_key_keeps_case_because_case_carries_meaning() -> None:
    assert memory_key("US troops") != memory_key("us troops")
    memory = TranslationMemory("fa_AF")
    memory.add("US troops left.", "نیروهای امریکا رفتند.", INTERNAL)
    assert memory.lookup("us troops left.") is None


# --- lookup ----------------------------------------------------------------------------------


def test_lookup_finds_normalised_matches_and_says_whether_exact() -> None:
    memory = TranslationMemory("prs")
    assert memory.language_code == "fa_AF"
    memory.add("NATO said “yes”.", "ناتو گفت «بلی».", INTERNAL)
    exact = memory.lookup("NATO said “yes”.")
    assert exact is not None and exact.exact and exact.target == "ناتو گفت «بلی»."
    near = memory.lookup('NATO  said "yes".')
    assert near is not None and not near.exact
    assert memory.lookup("NATO said no.") is None


def test_numbers_must_be_identical_so_targets_are_never_stale() -> None:
    memory = TranslationMemory("fa_AF")
    memory.add("3,500 soldiers were killed.", "۳٬۵۰۰ سرباز کشته شدند.", INTERNAL)
    assert memory.lookup("4,000 soldiers were killed.") is None
    assert memory.lookup("3500 soldiers were killed.") is None
    # Another digit script is the same number: safe to reuse.
    assert memory.lookup("۳,۵۰۰ soldiers were killed.") is not None


def test_preference_internal_approved_then_reviewed_then_external() -> None:
    memory = TranslationMemory("ps")
    source = "The talks resumed."
    memory.add(source, "external", MemoryMeta("tmx:x", date="2025-01-01", external=True))
    assert memory.lookup(source).target == "external"  # type: ignore[union-attr]
    memory.add(source, "reviewed", MemoryMeta("a.po", "R", "2023-01-01"))
    assert memory.lookup(source).target == "reviewed"  # type: ignore[union-attr]
    memory.add(source, "approved", MemoryMeta("a.po", "E", "2020-01-01", approved=True))
    memory.add(source, "newer reviewed", MemoryMeta("b.po", "R", "2026-01-01"))
    assert memory.lookup(source).target == "approved"  # type: ignore[union-attr]
    memory.add(source, "approved later", MemoryMeta("c.po", "E", "2021-01-01", approved=True))
    assert memory.lookup(source).target == "approved later"  # type: ignore[union-attr]


def test_same_pair_twice_is_stored_once_with_the_better_metadata() -> None:
    memory = TranslationMemory("fa_AF")
    memory.add("Hello.", "سلام.", MemoryMeta("tmx", external=True))
    memory.add("Hello.", "سلام.", INTERNAL)
    assert len(memory) == 1
    assert memory.units()[0].meta == INTERNAL
    with pytest.raises(ValueError):
        memory.add(" ", "x", INTERNAL)


def test_units_of_another_language_are_refused() -> None:
    memory = TranslationMemory("fa_AF")
    with pytest.raises(LanguageError):
        memory.add_unit(MemoryUnit("a", "b", INTERNAL, "ps"))
    # A memory without a language takes any, and says where a match came from.
    anything = TranslationMemory()
    anything.add_unit(MemoryUnit("a", "b", INTERNAL, "ps"))
    match = anything.lookup("a")
    assert match is not None and match.meta.origin == INTERNAL.origin and match.source == "a"


# --- TMX out ---------------------------------------------------------------------------------


def _memory() -> TranslationMemory:
    memory = TranslationMemory("fa_AF")
    memory.add("NATO said: <yes> & more.", "ناتو گفت: <بلی> و بیشتر.", INTERNAL)
    memory.add("Kabul, 10 February.", "کابل، ۱۰ فبروری.", MemoryMeta("b.po", approved=True))
    return memory


def test_write_tmx_is_tmx_1_4_with_props_and_attributes(tmp_path: Path) -> None:
    path = tmp_path / "fa_AF.tmx"
    write_tmx(_memory(), path)
    root = ET.parse(path).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None and header.get("srclang") == "en"
    first = root.findall("body/tu")[0]
    assert first.get("creationid") == "Zarghona"
    assert first.get("changedate") == first.get("creationdate") == "20240501T000000Z"
    props = {prop.get("type"): prop.text for prop in first.findall("prop")}
    assert props["x-origin"] == "locales/fa_AF/a.po"
    assert props["x-reviewer"] == "Zarghona"
    assert props["x-date"] == "2024-05-01"
    assert [tuv.get(XML_LANG) for tuv in first.findall("tuv")] == ["en", "fa-AF"]
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


def test_round_trip_marks_imported_units_external(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    original = _memory()
    write_tmx(original, path)
    units = read_tmx(path)
    assert [(u.source, u.target) for u in units] == [(u.source, u.target) for u in original]
    assert all(u.meta.external and u.language_code == "fa_AF" for u in units)
    assert units[0].meta.origin == "locales/fa_AF/a.po"
    assert units[0].meta.reviewer == "Zarghona"
    assert units[1].meta.approved and not units[0].meta.approved
    imported = TranslationMemory("fa_AF")
    for unit in units:
        imported.add_unit(unit)
    assert imported.lookup("Kabul, 10 February.") is not None


def test_failed_write_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text("old", encoding="utf-8")
    memory = TranslationMemory("ps")
    memory.add("bad \x01 char", "x", INTERNAL)
    with pytest.raises(DataFileError, match="control character"):
        write_tmx(memory, path)
    assert path.read_text(encoding="utf-8") == "old"
    with pytest.raises(DataFileError):
        write_tmx(_memory(), tmp_path / "missing" / "memory.tmx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory.tmx"]


# --- TMX in ------------------------------------------------------------------------------------

TU = (
    '<tu creationid="omegat" changedate="20240102T101010Z">'
    '<tuv xml:lang="EN-US"><seg>Hello <ph>&lt;b&gt;</ph><hi>big</hi> world</seg></tuv>'
    '<tuv xml:lang="fa-AF"><seg>سلام</seg></tuv>'
    '<tuv xml:lang="fa"><seg>درود</seg></tuv>'
    '<tuv xml:lang="ps"><seg>سلام پښتو</seg></tuv>'
    "</tu>"
)


def _tmx(tmp_path: Path, body: str, prologue: str = "") -> Path:
    path = tmp_path / "in.tmx"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prologue}'
        f'<tmx version="1.4"><header srclang="en"/><body>{body}</body></tmx>\n',
        encoding="utf-8",
    )
    return path


def test_read_tmx_from_a_cat_tool(tmp_path: Path) -> None:
    path = _tmx(tmp_path, TU, '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
    units = read_tmx(path)
    assert [(u.language_code, u.source, u.target) for u in units] == [
        ("fa_AF", "Hello big world", "سلام"),
        ("ps", "Hello big world", "سلام پښتو"),
    ]  # Iranian "fa" is never taken for Dari
    assert units[0].meta.reviewer == "omegat" and units[0].meta.date == "2024-01-02"
    assert units[0].meta.origin == "tmx:in.tmx"
    assert [u.target for u in read_tmx(path, target_lang="ps")] == ["سلام پښتو"]


@pytest.mark.parametrize(
    "prologue",
    [
        '<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n',
        '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
    ],
)
def test_entity_expansion_and_external_entities_are_refused(tmp_path: Path, prologue: str) -> None:
    path = _tmx(tmp_path, TU, prologue)
    with pytest.raises(DataFileError, match="refused unsafe XML") as caught:
        read_tmx(path)
    assert caught.value.path == path


def test_not_well_formed_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="en"><seg>a</tuv>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="not well-formed") as caught:
        read_tmx(path)
    assert caught.value.line == 4


def test_other_documents_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.tmx"
    path.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(DataFileError, match="not a TMX document"):
        read_tmx(path)
    with pytest.raises(DataFileError, match="cannot read"):
        read_tmx(tmp_path / "missing.tmx")


# --- the benchmark runs, and the index beats a scan ---------------------------------------------


def test_benchmark_index_beats_linear_scan() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_memory", REPO / "benchmarks" / "bench_memory.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.run(12000, 2000, 30)
    assert figures["index_hits"] == 1000
    assert figures["ratio"] > 5
