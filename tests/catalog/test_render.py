"""``render_po``: byte for byte ``str(po)``, on generated, localize-made and benchmark catalogs.

The property test draws whole POFiles (header, metadata, active, obsolete and plural entries,
every comment kind, occurrences, flags, previous fields, several wrap widths) from text that
mixes what stresses textwrap and ``polib.escape``: runs of spaces, hyphens and em dashes,
quotes, backslashes, control characters and line separators, Dari letters with ZWNJ, other
Unicode whitespace, words longer than a line. The fallback tests check that polib renders
what the fast path does not take, with the same result.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import string
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.catalog import Catalog, _render, build_template, new_catalog, update_catalog
from localize.catalog._render import render_po
from localize.model import Finding, Origin, Provenance, Severity
from localize.segment import read_article, segment_article

from ..hardening.newsgen import generate_article

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "nato-sg-taliban-talks.txt"
NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.timezone.utc)
MACHINE = Provenance(Origin.MACHINE, "translate-en_prs", "1.0", "prs", "2026-11-28")

# -- generated catalogs --------------------------------------------------------------------
DARI = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀ\u200c۰۱۲۳۴۵۶۷۸۹«»،؛؟٪"
ALPHABET = (
    string.ascii_letters + string.digits + DARI
    + " .,:;!?'\"()-—–*_/\\#|~%&"  # punctuation, quotes, backslash, hyphen, dashes
    + "\t\n\r\v\f\b"  # what polib.escape and textwrap's whitespace handling touch
    + "\xa0\u3000\u2009\x1c\x85\u2028"  # whitespace textwrap leaves; polib's line ends
)
WORDS = [
    "the", "Kabul", "talks", "said", "on", "Mazar-i-Sharif", "well-known", "a-b-c", "x-", "-y",
    "--", "---", "word--word", 'say--"no"', "—", "–", "دست‌کم", "سه‌شنبه", "کابل", "گفت",
    "\\", "\\n", '"quoted"', "«نقل»", "https://www.nato.int/cps/en/natohq/news_1.htm", "9.5",
    "NATO Secretary General Jens Stoltenberg said ", "ینس استولتنبرگ، دبیرکل ناتو، گفت که ",
    "He told reporters: “We will continue to provide", " support to the Army.” ",
]
SPACES = [" ", " ", " ", " ", "  ", "   ", "      "]
LONG_WORDS = [  # no space in 70 to 130 characters
    (seed * size)[:size]
    for seed in ["abc", "دست\u200cکم", "a-b", "x--", 'q"\\', "https://nato.int/"]
    for size in (70, 76, 77, 78, 79, 80, 100, 130)
]
# Text is a run of pieces drawn from one list: one draw a piece keeps generation fast (drawing
# characters one by one made this test take a minute).
PIECES = list(ALPHABET) + WORDS * 3 + SPACES * 12 + LONG_WORDS


def texts(max_pieces: int = 50) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PIECES), max_size=max_pieces).map("".join)


# Strategies are built once: building them inside a draw made generation several times slower.
TEXT = st.one_of(st.just(""), st.sampled_from(WORDS), texts())
LINE = texts(20).map(lambda text: text.replace("\n", " "))
MULTILINE = st.lists(LINE, min_size=1, max_size=4).map("\n".join)
MAYBE_TEXT = st.none() | TEXT
RARELY_TEXT = st.none() | st.none() | st.none() | TEXT
MAYBE_MULTILINE = st.just("") | MULTILINE
ONE_IN_SIX = st.integers(0, 5).map(lambda n: n == 0)
PATHS = st.sampled_from(["story.txt", "a-b/c-d.txt", "x*y.txt", "very-long-file-name-" * 4,
                         "dir with space/f.txt", "tab\there.txt", "دری.txt", ""])
OCCURRENCES = st.lists(
    st.tuples(PATHS, st.sampled_from(["", "1", "12", "1234", "0"])), max_size=12)
FLAGS = st.lists(st.sampled_from(["fuzzy", "python-format", "no-c-format", "range: 0..5"]),
                 max_size=3, unique=True)
PLURAL_FORMS = st.lists(TEXT, min_size=1, max_size=3)
WRAPWIDTHS = st.sampled_from([79] * 6 + [78, 40, 12, 3, 0, -1])
HEADERS = st.just("") | MULTILINE | st.just(",fuzzy\n:x\n\nline")
METADATA = st.dictionaries(
    st.sampled_from(["Project-Id-Version", "Language", "Plural-Forms", "X-Generator", "X-10",
                     "X-9", "Content-Type"]),
    LINE, max_size=5)


@st.composite
def entries(draw: st.DrawFn) -> polib.POEntry:
    plural = draw(ONE_IN_SIX)
    entry = polib.POEntry(
        msgid=draw(TEXT),
        msgstr="" if plural else draw(TEXT),
        msgctxt=draw(RARELY_TEXT),
        obsolete=draw(ONE_IN_SIX),
        comment=draw(MAYBE_MULTILINE),
        tcomment=draw(MAYBE_MULTILINE),
        occurrences=draw(OCCURRENCES),
        flags=draw(FLAGS),
        previous_msgctxt=draw(RARELY_TEXT),
        previous_msgid=draw(MAYBE_TEXT),
        previous_msgid_plural=draw(RARELY_TEXT),
    )
    if plural:
        entry.msgid_plural = draw(TEXT)
        entry.msgstr_plural = dict(enumerate(draw(PLURAL_FORMS)))
    return entry


ENTRIES = st.lists(entries(), max_size=5)


@st.composite
def pofiles(draw: st.DrawFn) -> polib.POFile:
    po = polib.POFile(wrapwidth=draw(WRAPWIDTHS))
    po.header = draw(HEADERS)
    po.metadata = draw(METADATA)
    po.metadata_is_fuzzy = draw(st.booleans())
    po.extend(draw(ENTRIES))
    return po


@settings(max_examples=500, deadline=None)
@given(pofiles())
def test_generated_catalogs_render_as_polib_does(po: polib.POFile) -> None:
    assert render_po(po) == str(po)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts(), st.sampled_from(LONG_WORDS), MULTILINE),
       st.sampled_from([79, 79, 78, 30, 5]))
def test_one_long_field_of_each_kind_renders_as_polib_does(text: str, wrapwidth: int) -> None:
    """Fields long enough to wrap, in every place a field goes."""
    po = polib.POFile(wrapwidth=wrapwidth)
    po.append(polib.POEntry(msgid=text, msgstr=text, msgctxt=text, previous_msgid=text,
                            comment=text, tcomment=text, occurrences=[(text, "7")]))
    po.append(polib.POEntry(msgid=text + "x", msgid_plural=text, msgstr_plural={0: text, 1: text},
                            tcomment=text, previous_msgctxt=text, previous_msgid_plural=text,
                            obsolete=True))
    assert render_po(po) == str(po)


@pytest.mark.parametrize("wrapwidth", [79, 78, 20])
@pytest.mark.parametrize("filler", ["word ", 'a "q" ', "\\x ", "دست‌کم ", "a-b-c "])
def test_every_field_at_every_length_around_its_wrap_limit(filler: str, wrapwidth: int) -> None:
    """Exhaustive over the lengths where polib starts wrapping each field (the limit depends
    on the field's name, and on the characters escape doubles)."""
    for size in range(max(1, wrapwidth - 30), wrapwidth + 6):
        text = (filler * 100)[:size]
        po = polib.POFile(wrapwidth=wrapwidth)
        po.append(polib.POEntry(msgid=text, msgstr=text, msgctxt=text, previous_msgid=text,
                                previous_msgctxt=text, previous_msgid_plural=text,
                                comment=text, tcomment=text, occurrences=[(text, "")]))
        po.append(polib.POEntry(msgid=text, msgid_plural=text, msgstr_plural={0: text, 10: text},
                                obsolete=True, previous_msgid=text, tcomment=text))
        assert render_po(po) == str(po), size


@pytest.mark.parametrize("text", [
    "",
    " ",
    " " * 100,
    "a" * 77,
    "a" * 78,
    "a" * 200,
    "word " * 40,
    "word  " * 30 + "   end",
    "x" * 70 + "      " + "y" * 90 + "  z",
    "  leading spaces then " + "w" * 80,
    "Mazar-i-Sharif " * 10,
    "well-known--and--hyphenated-words " * 5,
    "«دست‌کم ۱ غیرنظامی روز سه‌شنبه در انفجاری در کابل کشته شدند» " * 4,
    'a "quoted" \\ backslash ' * 6,
    '"' * 100,
    "\\" * 100,
    "tab\there " * 12,
    "ends with a newline " * 5 + "\n",
    "two\nlines " * 10,
    "\u2028separator " * 10,
    "nbsp\xa0between\xa0words " * 8,
    "ab \xa0 " * 30,  # a chunk of whitespace textwrap does not split on, after a space
    "abc \u3000\u3000 d\u2009 " * 20,
    "occurrence-like a-b.txt:1 x*y.txt:2 " * 5,
    "Mazar-i-Sharif, " + "x" * 90 + " then more words after the long one, " * 3,
    "--" * 50 + " x-y " + "--" * 50,
])
def test_edge_cases_render_as_polib_does(text: str) -> None:
    po = polib.POFile(wrapwidth=79)
    po.append(polib.POEntry(msgid=text or "id", msgstr=text, comment=text, tcomment=text,
                            occurrences=[(text, "1"), ("a-b.txt", "2")]))
    assert render_po(po) == str(po)


# -- catalogs localize makes ----------------------------------------------------------------
def localize_catalogs(article: str, slug: str) -> Iterator[Catalog]:
    """The template, an empty Dari catalog, then one with drafts, notes, findings, approvals."""
    template = build_template(slug, f"{slug}.txt", segment_article(article), NOW)
    yield template
    catalog = update_catalog(new_catalog(template, "fa_AF", NOW), template).catalog
    yield catalog
    finding = Finding("numbers", Severity.ERROR, "the number 12 is missing from the draft " * 3)
    for index, unit in enumerate(catalog.units()):
        draft = "ترجمه‌ای ماشینی از «" + unit.source + "» " * (index % 3 + 1)
        catalog.set_draft(unit.source, draft, MACHINE, ["note - " + unit.source] * (index % 2))
        if index % 3 == 0:
            catalog.set_findings(unit.source, [finding])
        if index % 4 == 0:
            catalog.approve(unit.source, "Editor Name", "2026-11-28")
    catalog.touch(NOW, "Editor Name <editor@example.org>")
    yield catalog
    smaller = build_template(slug, f"{slug}.txt", segment_article(article[: len(article) // 2]),
                             NOW)
    yield update_catalog(catalog, smaller).catalog  # obsolete and fuzzy units


def test_catalogs_of_the_sample_article_render_as_polib_does() -> None:
    for catalog in localize_catalogs(read_article(SAMPLE), "nato-sg-taliban-talks"):
        assert catalog.render() == render_po(catalog.po) == str(catalog.po)


def test_catalogs_of_generated_articles_render_as_polib_does() -> None:
    rng = random.Random(7)
    for number in range(5):
        article = generate_article(rng, 40)
        for catalog in localize_catalogs(article, f"story-{number}"):
            assert render_po(catalog.po) == str(catalog.po)


def test_benchmark_catalogs_render_as_polib_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_check", REPO / "benchmarks" / "bench_check.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_check", bench)  # its dataclasses look it up
    spec.loader.exec_module(bench)
    from localize.catalog import load_catalog

    for path, _ in bench.generate(tmp_path, 20, 40, 20240601):
        po = load_catalog(path).po
        assert render_po(po) == str(po) == path.read_text(encoding="utf-8")


# -- fallbacks -------------------------------------------------------------------------------
def polib_calls(monkeypatch: pytest.MonkeyPatch) -> list[polib.POEntry]:
    """Entries that polib's ``POEntry.__unicode__`` renders from now on."""
    calls: list[polib.POEntry] = []
    original: Callable[..., str] = polib.POEntry.__unicode__

    def spy(entry: polib.POEntry, wrapwidth: int = 78) -> str:
        calls.append(entry)
        return original(entry, wrapwidth)

    monkeypatch.setattr(polib.POEntry, "__unicode__", spy)
    return calls


def sample_po(wrapwidth: Any = 79) -> polib.POFile:
    po = polib.POFile(wrapwidth=wrapwidth)
    po.metadata = {"Language": "fa_AF", "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    po.append(polib.POEntry(msgid="A sentence long enough to be wrapped by polib, as most "
                            "news sentences are: about a hundred and fifty characters.",
                            msgstr="tab\tand «دست‌کم»", occurrences=[("story.txt", "3")]))
    po.append(polib.POEntry(msgid="%d day", msgid_plural="%d days",
                            msgstr_plural={0: "%d روز", 1: "%d روز"}))
    po.append(polib.POEntry(msgid="old", msgstr="کهنه", obsolete=True))
    return po


def test_common_entries_never_reach_polib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tabs, plurals and obsolete entries are rendered by the fast path, not by polib."""
    po = sample_po()
    expected = str(po)
    calls = polib_calls(monkeypatch)
    assert render_po(po) == expected
    assert calls == []


class NoisyEntry(polib.POEntry):
    def __unicode__(self, wrapwidth: int = 78) -> str:
        return "# subclass\n" + super().__unicode__(wrapwidth)


def test_an_entry_subclass_is_rendered_by_polib(monkeypatch: pytest.MonkeyPatch) -> None:
    po = sample_po()
    po.append(NoisyEntry(msgid="custom", msgstr="ویژه"))
    expected = str(po)
    calls = polib_calls(monkeypatch)
    assert render_po(po) == expected
    assert [entry.msgid for entry in calls] == ["custom"]


def test_an_entry_the_fast_path_cannot_render_is_rendered_by_polib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    po = sample_po()
    po.append(polib.POEntry(msgid="mixed keys", msgstr_plural={0: "a", "1": "b"}))
    with pytest.raises(TypeError) as polib_error:
        str(po)
    calls = polib_calls(monkeypatch)
    with pytest.raises(TypeError) as ours:
        render_po(po)
    assert str(ours.value) == str(polib_error.value)
    assert [entry.msgid for entry in calls] == ["mixed keys"]


@pytest.mark.parametrize("wrapwidth", [79.0, 1, 2, True])
def test_an_unusual_wrap_width_is_rendered_by_polib(
    monkeypatch: pytest.MonkeyPatch, wrapwidth: Any,
) -> None:
    po = sample_po(wrapwidth)
    try:
        expected = str(po)
    except ValueError:  # textwrap refuses a width of 0 or less
        calls = polib_calls(monkeypatch)
        with pytest.raises(ValueError):
            render_po(po)
    else:
        calls = polib_calls(monkeypatch)
        assert render_po(po) == expected
    assert calls


def test_a_pofile_subclass_or_another_polib_is_rendered_by_polib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class OtherPOFile(polib.POFile):
        pass

    po = sample_po()
    other = OtherPOFile(wrapwidth=79)
    other.metadata = po.metadata
    other.extend(po)
    expected = str(po)
    assert str(other) == expected
    calls = polib_calls(monkeypatch)
    assert render_po(other) == expected
    assert len(calls) == len(po) + 1  # every entry and the header entry
    calls.clear()
    monkeypatch.setattr(_render, "VERIFIED_POLIB", frozenset({"0.0.0"}))
    assert render_po(po) == expected
    assert len(calls) == len(po) + 1

