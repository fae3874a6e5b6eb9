"""Dari adaptation with the lexicon: loading, whole words, inflection, modes, QA count."""

from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import DataFileError
from localize.language.adapt import (
    EZAFE_NOTE,
    LEXICON_HEADER,
    Lexicon,
    LexiconMode,
    adapt_to_dari,
    iranian_forms_in,
    load_lexicon,
)
from localize.language.morphology import Morph, StemClass, parse_suffix, stem_class

from .helpers import ARABIC_KAF, ARABIC_YEH, LOCALES, STARTER, ZWNJ, write_lines

LEXICON_PATH = LOCALES / "fa_AF" / "dari_lexicon.tsv"
HEADER = "\t".join(LEXICON_HEADER)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(LEXICON_PATH)


# --- the shipped file ------------------------------------------------------------------


def test_shipped_lexicon_loads_with_every_row_sourced(lexicon: Lexicon) -> None:
    assert len(lexicon) == 93
    counts = {mode: len(lexicon.by_mode(mode)) for mode in LexiconMode}
    assert counts == {LexiconMode.REPLACE: 51, LexiconMode.SUGGEST: 18, LexiconMode.DATE: 24}
    assert all(len(entry.source) > 20 for entry in lexicon.entries)


def test_starter_and_locales_copies_are_identical() -> None:
    assert (STARTER / "fa_AF" / "dari_lexicon.tsv").read_bytes() == LEXICON_PATH.read_bytes()


# --- strict loading --------------------------------------------------------------------

GOOD = "استان\tولایت\tprovince\treplace\thttps://example.org/src"


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("استان\tولایت\tprovince\treplace", "expected 5 tab-separated columns"),
        ("استان\tولایت\tprovince\treplace\tsrc\textra", "expected 5 tab-separated columns"),
        ("استان\tولایت\tprovince\tforce\tsrc", "unknown mode 'force'"),
        ("استان\t\tprovince\treplace\tsrc", "empty 'dari' cell"),
        ("استان\tولایت\tprovince\treplace\t", "empty 'source' cell"),
        ("استان\tولايت\tprovince\treplace\tsrc", "Arabic ي/ى/ك"),
        ("معاون\tمعین / مرستیال\tdeputy\treplace\tsrc", "exactly one Dari form"),
        ("استان\tولایت\tprovince\treplace\tsrc2", "already listed on line 2"),
    ],
)
def test_a_bad_row_is_reported_with_file_and_line(
    tmp_path: Path, bad_row: str, message: str
) -> None:
    path = write_lines(tmp_path / "lexicon.tsv", HEADER, GOOD, bad_row)
    with pytest.raises(DataFileError) as caught:
        load_lexicon(path)
    assert caught.value.line == 3
    assert caught.value.path == path
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:3: ")


def test_bad_encoding_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.tsv"
    path.write_bytes(
        (HEADER + "\n" + GOOD + "\n").encode() + "café\tx\ty\treplace\tz\n".encode("latin-1")
    )
    with pytest.raises(DataFileError, match="not UTF-8") as caught:
        load_lexicon(path)
    assert caught.value.line == 3


def test_wrong_header_and_missing_file(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "lexicon.tsv", "iranian\tdari\tenglish\tmode", GOOD)
    with pytest.raises(DataFileError, match="header") as caught:
        load_lexicon(path)
    assert caught.value.line == 1
    with pytest.raises(DataFileError, match="cannot read"):
        load_lexicon(tmp_path / "missing.tsv")


def test_bom_crlf_and_blank_lines_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.tsv"
    path.write_bytes(("\ufeff" + HEADER + "\r\n" + GOOD + "\r\n\r\n").encode())
    assert [e.dari for e in load_lexicon(path).entries] == ["ولایت"]


# --- whole words and inflection ----------------------------------------------------------


@pytest.mark.parametrize(
    ("iranian", "dari"),
    [
        ("استان", "ولایت"),
        ("استان‌ها", "ولایت‌ها"),
        ("استانها", "ولایتها"),
        ("استانی", "ولایتی"),
        ("بیمارستان‌ها", "شفاخانه‌ها"),
        ("بیمارستانها", "شفاخانه‌ها"),  # silent ه needs the ZWNJ
        ("بیمارستان‌های", "شفاخانه‌های"),
        ("بیمارستان‌هایی", "شفاخانه‌هایی"),
        ("بیمارستانش", "شفاخانه‌اش"),
        ("بیمارستانمان", "شفاخانه‌مان"),
        ("دانشجویان", "محصلان"),  # یان after a vowel, ان after a consonant
        ("دانشجو", "محصل"),
        ("ارتش", "اردو"),
        ("ارتشی", "اردویی"),
        ("ارتش‌ها", "اردو‌ها"),
        ("ارتشش", "اردویش"),
        ("خودروها", "موترها"),
        ("خودرویی", "موتری"),
        ("خودروی", "موتر"),  # a written ezafe disappears after a consonant
        ("دانشگاه‌ها", "پوهنتون‌ها"),
        ("دانشگاهی", "پوهنتونی"),
        ("آمریکایی", "امریکایی"),
        ("مرزی", "سرحدی"),
        ("پلیس‌ها", "پولیس‌ها"),
        ("شهرداری", "شاروالی"),  # its own row, not شهردار + ی
        ("شهرداری‌ها", "شاروالی‌ها"),
        ("شهرداران", "شاروالان"),
    ],
)
def test_replace_rows_keep_their_suffixes(lexicon: Lexicon, iranian: str, dari: str) -> None:
    result = adapt_to_dari(f"در {iranian} گفتند", lexicon)
    assert result.text == f"در {dari} گفتند"
    assert [(hit.found, hit.proposal) for hit in result.replaced] == [(iranian, dari)]


@pytest.mark.parametrize(
    "text",
    [
        "هم‌مرز",  # ZWNJ belongs to the word: not «مرز»
        "مرزبان",  # مرز + بان is another word
        "دلارام",  # دلار + ام is a name, not a possessive
        "پلیسیان",
        "آمریکاییان",
    ],
)
def test_other_words_containing_a_lexicon_form_are_left_alone(lexicon: Lexicon, text: str) -> None:
    result = adapt_to_dari(text, lexicon)
    assert result.text == text
    assert result.replaced == []


def test_multi_word_entries_with_spaces_zwnj_and_commas(lexicon: Lexicon) -> None:
    text = "وزارت بهداشت، درمان و آموزش پزشکی و دیوان عالی کشور و ارتش ملی افغانستان"
    result = adapt_to_dari(text, lexicon)
    assert result.text == "وزارت صحت عامه و ستره محکمه و اردوی ملی افغانستان"
    # A space where the lexicon has a ZWNJ still matches (a suggestion here).
    assert [h.found for h in adapt_to_dari("نخست وزیر گفت", lexicon).suggestions] == ["نخست وزیر"]


def test_longest_entry_wins_and_dari_forms_are_not_adapted_twice(lexicon: Lexicon) -> None:
    result = adapt_to_dari("ایالات متحده آمریکا و آمریکا و وزارت دفاع", lexicon)
    assert result.text == "ایالات متحده امریکا و امریکا و وزارت دفاع ملی"
    again = adapt_to_dari(result.text, lexicon)
    assert again.text == result.text and again.replaced == []


def test_suggest_rows_are_only_reported(lexicon: Lexicon) -> None:
    text = "سرباز و نیروها و معاون و مدرسه"
    result = adapt_to_dari(text, lexicon)
    assert result.text == text
    assert result.replaced == []
    assert [(h.found, h.proposal) for h in result.suggestions] == [
        ("سرباز", "عسکر"),
        ("نیروها", "قوا"),
        ("معاون", "معین / مرستیال"),
        ("مدرسه", "مکتب"),
    ]
    for hit in result.suggestions:
        assert result.text[hit.start : hit.end] == hit.found


def test_unsure_inflection_is_offered_not_written(lexicon: Lexicon) -> None:
    # استانداری (governorate) = استاندار + derivational -i: «والی‌ای» would be wrong; an -i
    # moved onto a stem ending in ی or silent ه is always offered, never written.
    result = adapt_to_dari("استانداری کابل و بیمارستانی", lexicon)
    assert result.text == "استانداری کابل و بیمارستانی"
    assert [(h.found, h.proposal, h.note) for h in result.suggestions] == [
        ("استانداری", "والی‌ای", "suffix on the Dari form: check"),
        ("بیمارستانی", "شفاخانه‌ای", "suffix on the Dari form: check"),
    ]


def test_a_possibly_hidden_ezafe_is_flagged_on_the_replacement(lexicon: Lexicon) -> None:
    # ارتش امریکا has an unwritten ezafe that اردو must write (اردوی امریکا), but
    # ارتش حمله کرد has none: the text cannot tell, so the replacement carries a note.
    result = adapt_to_dari("ارتش امریکا و ارتش حمله کرد. ارتش.", lexicon)
    assert result.text == "اردو امریکا و اردو حمله کرد. اردو."
    assert [hit.note for hit in result.replaced] == [EZAFE_NOTE, EZAFE_NOTE, ""]
    assert str(result.replaced[0]) == "ارتش → اردو"


def test_replacement_positions_point_into_the_new_text(lexicon: Lexicon) -> None:
    result = adapt_to_dari("استاندار و شهردار در بیمارستان", lexicon)
    for hit in result.replaced:
        assert result.text[hit.start : hit.end] == hit.proposal


# --- month names (date rows) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("یکشنبه ۲۱ بهمن ۱۳۹۷", "یکشنبه ۲۱ دلو ۱۳۹۷"),
        ("10 فوریه 2019", "10 فبروری 2019"),
        ("٢١ بهمن", "٢١ دلو"),
        ("بهمن ۱۳۹۷", "دلو ۱۳۹۷"),
        ("(سه‌شنبه/۲۴/خرداد/۱۴۰۱)", "(سه‌شنبه/۲۴/جوزا/۱۴۰۱)"),
        ("در ماه مهر", "در ماه میزان"),
        ("۱۰ مه ۲۰۲۴", "۱۰ می ۲۰۲۴"),
    ],
)
def test_month_names_are_replaced_inside_dates(lexicon: Lexicon, text: str, expected: str) -> None:
    assert adapt_to_dari(text, lexicon).text == expected


@pytest.mark.parametrize("text", ["بهمن گفت که مهر و محبت", "تیر خورد", "دی روز آمد", "مه غلیظ"])
def test_month_names_outside_dates_are_left_alone(lexicon: Lexicon, text: str) -> None:
    assert adapt_to_dari(text, lexicon).text == text
    assert iranian_forms_in(text, lexicon) == []


# --- the measured target -----------------------------------------------------------------


def _every_iranian_form(lexicon: Lexicon) -> str:
    parts = []
    for entry in lexicon.entries:
        if entry.mode is LexiconMode.DATE:
            parts.append(f"روز ۱۰ {entry.iranian} ۱۴۰۳")
        else:
            parts.append(f"{entry.iranian} گفت")
            if " " not in entry.iranian:
                parts.append(f"{entry.iranian}{ZWNJ}ها")
    return "، ".join(parts) + "."


def test_every_replace_form_of_the_lexicon_is_gone_after_adaptation(lexicon: Lexicon) -> None:
    text = _every_iranian_form(lexicon)
    before = iranian_forms_in(text, lexicon)
    assert {hit.entry.iranian for hit in before} == {
        e.iranian for e in lexicon.entries if e.mode is not LexiconMode.SUGGEST
    }
    result = adapt_to_dari(text, lexicon)
    assert iranian_forms_in(result.text, lexicon) == []
    assert len(result.replaced) == len(before)
    assert ARABIC_YEH not in result.text and ARABIC_KAF not in result.text


def test_arabic_yeh_and_kaf_never_reach_dari_output(lexicon: Lexicon) -> None:
    text = _every_iranian_form(lexicon).replace("ی", ARABIC_YEH).replace("ک", ARABIC_KAF)
    assert len(iranian_forms_in(text, lexicon)) > 70  # found despite the Arabic letters
    result = adapt_to_dari(text, lexicon)
    assert iranian_forms_in(result.text, lexicon) == []
    assert ARABIC_YEH not in result.text and ARABIC_KAF not in result.text


def test_qa_count_ignores_suggest_rows_and_counts_dates_only_in_dates(lexicon: Lexicon) -> None:
    hits = iranian_forms_in("سرباز در بیمارستان، بهمن گفت، ۲۱ بهمن", lexicon)
    assert [(h.found, h.entry.mode) for h in hits] == [
        ("بیمارستان", LexiconMode.REPLACE),
        ("بهمن", LexiconMode.DATE),
    ]


def test_pashto_letters_in_quoted_names_pass_through(lexicon: Lexicon) -> None:
    text = "والی ولایت ننګرهار در ولسوالی ښینوار"
    assert adapt_to_dari(text, lexicon).text == text


# --- morphology helpers --------------------------------------------------------------------


def test_stem_classes_and_suffix_parsing() -> None:
    assert stem_class("دانشگاه") is StemClass.CONSONANT
    assert stem_class("شفاخانه") is StemClass.SILENT_H
    assert stem_class("اردو") is StemClass.VOWEL_A
    assert stem_class("والی") is StemClass.VOWEL_I
    parsed = parse_suffix("دانشجو", "یان")
    assert parsed is not None and parsed.morph is Morph.PLURAL_AN
    parsed = parse_suffix("کتاب", f"{ZWNJ}هایشان")
    assert parsed is not None and parsed.morph is Morph.PLURAL_HA and parsed.rest == "یشان"
    assert parse_suffix("هنگ", "ام") is None
    assert parse_suffix("استان", "داری") is None
