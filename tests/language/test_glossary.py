"""Glossaries: the shipped starters, strict loading, and matching English text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.errors import DataFileError, LanguageError
from localize.language.glossary import (
    GLOSSARY_HEADER,
    Glossary,
    GlossaryEntry,
    load_glossary,
    starter_path,
)

from .helpers import LOCALES, SAMPLE_ARTICLE, STARTER, write_lines

HEADER = "\t".join(GLOSSARY_HEADER)

REQUIRED = [
    "NATO",
    "Taliban",
    "Islamic Emirate",
    "Afghan National Army",
    "Afghan National Police",
    "security forces",
    "peace talks",
    "Secretary-General",
    "United Nations",
    "UN Security Council",
    "United States",
    "Ministry of Interior",
    "Ministry of Public Health",
    "Ministry of Defence",
    "Ministry of Justice",
    "Attorney General",
    "parliament",
    "spokesman",
    "Kabul",
]


# --- the starter glossaries --------------------------------------------------------------


@pytest.mark.parametrize("code", ["fa_AF", "ps"])
def test_starter_glossary_is_shipped_twice_identically(code: str) -> None:
    packaged = starter_path(code, "glossary.tsv")
    assert packaged == STARTER / code / "glossary.tsv"
    assert packaged.read_bytes() == (LOCALES / code / "glossary.tsv").read_bytes()


@pytest.mark.parametrize("code", ["fa_AF", "ps"])
def test_starter_glossary_has_the_newsroom_terms_each_sourced(code: str) -> None:
    glossary = load_glossary(starter_path(code, "glossary.tsv"))
    assert glossary.language_code == code
    for term in REQUIRED:
        assert glossary.get(term) is not None, term
    for entry in glossary.entries:
        assert entry.source, entry.term
        assert entry.do_not_translate or entry.translation, entry.term
    assert glossary.get("Kabul").translation == "کابل"  # type: ignore[union-attr]


def test_intra_afghan_talks_is_dari_only_because_pashto_is_unsourced() -> None:
    assert load_glossary(starter_path("fa_AF", "glossary.tsv")).get("intra-Afghan talks")
    assert load_glossary(starter_path("ps", "glossary.tsv")).get("intra-Afghan talks") is None


def test_starter_translations_follow_language_md() -> None:
    dari = load_glossary(starter_path("fa_AF", "glossary.tsv"))
    pashto = load_glossary(starter_path("ps", "glossary.tsv"))
    assert dari.get("NATO").translation == "ناتو"  # type: ignore[union-attr]
    assert pashto.get("NATO").translation == "ناټو"  # type: ignore[union-attr]
    assert dari.get("Attorney General").translation == "لوی سارنوال"  # type: ignore[union-attr]
    assert pashto.get("Attorney General").translation == "لوی څارنوال"  # type: ignore[union-attr]
    assert pashto.get("Islamic Emirate").translation == "اسلامي امارت"  # type: ignore[union-attr]


def test_starter_path_errors() -> None:
    assert starter_path("prs", "dari_lexicon.tsv").is_file()
    with pytest.raises(DataFileError, match="available: .*glossary.tsv"):
        starter_path("ps", "missing.tsv")
    with pytest.raises(DataFileError):
        starter_path("ps", "../fa_AF/glossary.tsv")
    with pytest.raises(LanguageError):
        starter_path("pbs", "glossary.tsv")


# --- matching ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dari() -> Glossary:
    return load_glossary(starter_path("fa_AF", "glossary.tsv"))


def _terms(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(m.term.term, text[m.start : m.end]) for m in glossary.find(text)]


def test_longest_term_first(dari: Glossary) -> None:
    text = "The Afghan National Army and the UN Security Council met the UN."
    assert _terms(dari, text) == [
        ("Afghan National Army", "Afghan National Army"),
        ("UN Security Council", "UN Security Council"),
        ("UN", "UN"),
    ]


def test_case_insensitive_but_acronyms_exact(dari: Glossary) -> None:
    text = "the afghan national police told us that US troops and Nato and nato stay"
    assert _terms(dari, text) == [
        ("Afghan National Police", "afghan national police"),
        ("US", "US"),
        ("NATO", "Nato"),
    ]


def test_hyphens_spaces_and_plurals(dari: Glossary) -> None:
    text = "NATO secretary general; the Secretary-General; two spokesmen; provinces; attacks"
    assert [term for term, _ in _terms(dari, text)] == [
        "NATO",
        "Secretary-General",
        "Secretary-General",
        "spokesman",
        "province",
        "attack",
    ]


def test_whole_words_only_and_never_inside_hashtags(dari: Glossary) -> None:
    assert _terms(dari, "Kabuli pulao, #NATO, @Taliban, attacked, UNAMA") == []
    assert _terms(dari, "pro-Taliban (Kabul).") == [("Taliban", "Taliban"), ("Kabul", "Kabul")]


_PIECES = [term for entry in load_glossary(starter_path("fa_AF", "glossary.tsv")).entries
           for term in (entry.term, entry.term.lower(), entry.term.upper())] + [
    "spokesmen", "districts", "Secretary-\u2011General", "#", "@", "-", " ", "  ", ".", ",",
    "(", "a", "s", "İ", "ı", "ſ", "\u212a", "Kabuli", "UNAMA", "U.S.", "\u00e9", "\n",
    "es", "men", "'s", "’", "“", "\u2011", "\u00a0", "_", "pro-", "1", "\u0627",
]


_STARTERS = [load_glossary(starter_path(code, "glossary.tsv")) for code in ("fa_AF", "ps")]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
@example("two districtes, provincees and attackes; Spokesmen and a SPOKESMAN")
@example("pro-Taliban’s “Kabul” x_Kabul Kabul_x #Kabul @Kabul NATO’s Nato\u00a0Kabul")
@example("the Afghan\u2011National\u2011Army, afghan  national\narmy and UN-Security Council")
@example("\u212aabul, \u212aABUL, İslamic ıslamic ſecurity; Kabul\u00e9 \u00e9Kabul Kabul\U0001f600")
def test_find_equals_the_whole_pattern_at_every_position(text: str) -> None:
    """``find`` tries only where a text has a term's first token, and only the terms of
    that token; that must find what the alternation of every term finds by ``finditer``."""
    for glossary in _STARTERS:
        _assert_find_equals_the_whole_pattern(glossary, text)


def _assert_find_equals_the_whole_pattern(glossary: Glossary, text: str) -> None:
    assert glossary._pattern is not None
    expected = [(m.start(), m.end(), glossary._ordered[int((m.lastgroup or "")[1:])])
                for m in glossary._pattern.finditer(text)]
    assert [(m.start, m.end, m.term) for m in glossary.find(text)] == expected


# Terms whose first word is cut by punctuation, holds letters outside ASCII, digits or an
# underscore, or is a prefix of another's: each is looked for by its first token.
_ODD_TERMS = [
    "U.S.", "U.S. Army", "al-Qaeda", "Herāt", "Café Kabul", "Kabul", "Kabul airport",
    "spokeswoman", "chairman", "Women's Affairs", "9/11", "G7", "COVID-19", "UN-HCR",
    "e-mail", "x_y", "us", "US", "UNHCR", "Ministry of Interior (MoI)", "d'Ivoire", "Nangarhār",
]
_ODD = Glossary.of([GlossaryEntry(term, "x") for term in _ODD_TERMS])
_ODD_PIECES = [variant for term in _ODD_TERMS
               for variant in (term, term.lower(), term.upper(), term.title())] + [
    "#", "@", "-", " ", ".", "'", "’", "(", ")", "s", "es", "men", "\u00e9", "\u0101", "\u0100",
    "\u00ff", "\u0178", "\U0001f600", "?", "İ", "ı", "ſ", "\u212a", "_", "1", "\u0627", "\u00a0",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_ODD_PIECES), max_size=12).map("".join))
@example("U.S. Army, u.s. and US-us; Café Kabul Café\u00a0kabul; HERĀT herāt Herat; COVID-19s")
def test_find_equals_the_whole_pattern_for_odd_terms(text: str) -> None:
    assert _ODD._scan is not None
    _assert_find_equals_the_whole_pattern(_ODD, text)


def test_a_term_without_a_first_token_makes_find_use_the_whole_pattern() -> None:
    glossary = Glossary.of([GlossaryEntry(term, "x") for term in ("Élysée", "#MeToo", "Kabul")])
    assert glossary._scan is None
    text = "The Élysée, #MeToo and élysée in Kabul"
    assert [text[m.start : m.end] for m in glossary.find(text)] == [
        "Élysée", "#MeToo", "élysée", "Kabul"]
    assert Glossary.of([]).find("Kabul") == []


def test_the_whole_pattern_is_compiled_only_for_a_text_that_needs_it(dari: Glossary) -> None:
    glossary = Glossary.of(dari.entries)
    assert [m.term.term for m in glossary.find("NATO in Kabul")] == ["NATO", "Kabul"]
    assert "_pattern" not in vars(glossary)
    assert [m.term.term for m in glossary.find("NATO ın \u212aabul")] == ["NATO", "Kabul"]
    assert "_pattern" in vars(glossary)


def test_sample_article_terms(dari: Glossary) -> None:
    article = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    found = {m.term.term for m in dari.find(article)}
    assert {
        "NATO",
        "Taliban",
        "Kabul",
        "security forces",
        "peace talks",
        "Secretary-General",
    } <= found
    # "talks with us" must not become the United States.
    assert all(article[m.start : m.end] != "us" for m in dari.find(article))


def test_do_not_translate_rendering() -> None:
    entry = GlossaryEntry("PMG", "", do_not_translate=True)
    assert entry.rendering == "PMG"
    assert GlossaryEntry("NATO", "ناتو").rendering == "ناتو"


# --- strict loading ------------------------------------------------------------------------

GOOD = "NATO\tناتو\t\tno\tDW Dari"


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("Taliban\tطالبان\t\tno", "expected 5 tab-separated columns"),
        ("Taliban\tطالبان\t\tmaybe\tsrc", "do_not_translate must be yes, no or empty"),
        ("Taliban\t\t\tno\tsrc", "no translation for 'Taliban'"),
        ("\tطالبان\t\t\tsrc", "empty term"),
        ("nato\tناتو\t\t\tsrc", "already listed on line 2"),
        ("Kabul\tكابل\t\t\tsrc", "Arabic ي/ى/ك"),
        ('Taliban\t"طالبان\t\t\tsrc', "cannot parse the row"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, bad_row: str, message: str) -> None:
    (tmp_path / "fa_AF").mkdir()
    path = write_lines(tmp_path / "fa_AF" / "glossary.tsv", HEADER, GOOD, bad_row)
    with pytest.raises(DataFileError) as caught:
        load_glossary(path)
    assert caught.value.path == path
    assert caught.value.line == 3
    assert message in str(caught.value)


def test_wrong_header_and_bad_encoding(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "glossary.tsv", "term\ttranslation", GOOD)
    with pytest.raises(DataFileError, match="header") as caught:
        load_glossary(path)
    assert caught.value.line == 1
    path.write_bytes((HEADER + "\n" + GOOD + "\n").encode() + b"Caf\xe9\tx\t\t\ts\n")
    with pytest.raises(DataFileError, match="not UTF-8") as caught:
        load_glossary(path)
    assert caught.value.line == 3


def test_spreadsheet_export_is_accepted(tmp_path: Path) -> None:
    # BOM, CRLF, capitalised Yes, a quoted cell with doubled quotes, a blank line.
    lines = [
        "\ufeff" + HEADER,
        'PMG\t\t"the ""PMG"" credit"\tYes\tarticle',
        "",
        "Kabul\tکابل\t\t\tDW",
    ]
    path = tmp_path / "ps" / "glossary.tsv"
    path.parent.mkdir()
    path.write_bytes("\r\n".join(lines).encode() + b"\r\n")
    glossary = load_glossary(path)
    assert glossary.language_code == "ps"
    pmg = glossary.get("pmg")
    assert pmg is not None and pmg.do_not_translate and pmg.note == 'the "PMG" credit'
    assert pmg.line == 2 and glossary.get("Kabul").line == 4  # type: ignore[union-attr]


def test_pashto_may_use_arabic_yeh_but_not_kaf(tmp_path: Path) -> None:
    folder = tmp_path / "ps"
    folder.mkdir()
    ok = write_lines(folder / "glossary.tsv", HEADER, "Islamic Emirate\tاسلامي امارت\t\t\tsrc")
    assert load_glossary(ok).get("Islamic Emirate") is not None
    bad = write_lines(folder / "glossary.tsv", HEADER, "Kabul\tكابل\t\t\tsrc")
    with pytest.raises(DataFileError, match="Pashto ي is fine"):
        load_glossary(bad)
