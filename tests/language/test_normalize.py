"""normalize(): the rules every Dari and Pashto draft goes through (LANGUAGE.md §2, §7.4-7.5)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.errors import LanguageError
from localize.language.normalize import normalize

from .helpers import ALEF_MAKSURA, ARABIC_KAF, ARABIC_YEH, ZWNJ

PASHTO_ONLY = "ټځڅډړږښګڼېۍ"
PASHTO_KEEP = PASHTO_ONLY + "يئی"


# --- letters -------------------------------------------------------------------------


def test_dari_folds_arabic_yeh_kaf_and_alef_maksura() -> None:
    # DW Dari 2008 «ايالات متحده امريکا»; NATO Dari «منشی كل».
    assert normalize("ايالات متحده امريکا", "fa_AF") == "ایالات متحده امریکا"
    assert normalize("منشی كل", "fa_AF") == "منشی کل"
    assert normalize("مصطفى", "fa_AF") == "مصطفی"


def test_pashto_folds_only_the_safe_letters() -> None:
    assert normalize("كابل", "ps") == "کابل"
    assert normalize("موسى", "ps") == "موسی"
    # Urdu lookalikes → Pashto letters.
    assert normalize("\u0679\u0688\u0691\u06bb", "ps") == "ټډړڼ"


def test_pashto_never_folds_its_own_yeh_letters() -> None:
    text = "انګليسي فارسي کرزي کرزی وېش ښځۍ شوئ"
    assert normalize(text, "ps") == text


def test_yeh_with_hamza_survives_in_both_languages() -> None:
    # ئ decomposes to ي + hamza under NFD: a fold after NFD would corrupt it.
    assert normalize("رئیس", "fa_AF") == "رئیس"
    assert normalize("شوئ", "ps") == "شوئ"
    # A decomposed ي + hamza is composed (NFC) to ئ, not folded to ی + hamza.
    assert normalize("ر\u064a\u0654یس", "fa_AF") == "رئیس"


def test_dari_keeps_pashto_letters_of_quoted_names() -> None:
    assert normalize("ولسوالی ګرمسېر", "fa_AF") == "ولسوالی ګرمسېر"


def test_dari_ezafe_heh_with_yeh_above_becomes_heh_hamza() -> None:
    assert normalize("خانۀ", "fa_AF") == "خانه\u0654"
    assert normalize("خانۀ", "ps") == "خانۀ"
    # The fold puts hamza before a following fathatan: the result is re-ordered (NFC).
    out = normalize("\u06c0\u064b", "fa_AF")
    assert out == "\u0647\u064b\u0654" and normalize(out, "fa_AF") == out


def test_presentation_forms_fold_and_nothing_else_does() -> None:
    assert normalize("\ufefb \ufbfc \ufb8e \ufdf2", "fa_AF") == "لا ی ک الله"
    # Isolated Arabic yeh (U+FEF1) is ي: Pashto keeps it, Dari folds it.
    assert normalize("\ufef1", "ps") == ARABIC_YEH
    assert normalize("\ufef1", "fa_AF") == "ی"
    # NFKC outside the Arabic presentation blocks would rewrite these: they must stay.
    for char in ("\ufb01", "\u2460", "\u00b2", "\u2163", "\u00a0"):
        assert normalize(char, "fa_AF") == char


# --- digits ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("در سال 2024", "در سال ۲۰۲۴"),
        ("د ١٣٩٧ کال", "د ۱۳۹۷ کال"),  # Arabic-Indic (Bakhtar) → Persian
        ("3,500 سرباز", "۳٬۵۰۰ سرباز"),
        ("1,234,567.5 افغانی", "۱٬۲۳۴٬۵۶۷٫۵ افغانی"),
        ("۸.۸ درصد", "۸٫۸ درصد"),
        ("50% مردم", "۵۰٪ مردم"),
        ("ساعت 10:30", "ساعت ۱۰:۳۰"),
        ("تاریخ 1397/11/21", "تاریخ ۱۳۹۷/۱۱/۲۱"),
        ("#کابل2024", "#کابل۲۰۲۴"),  # a hashtag without Latin letters is Dari text
    ],
)
def test_digits_and_separators_become_persian(text: str, expected: str) -> None:
    assert normalize(text, "fa_AF") == expected
    assert normalize(text, "ps") == expected


@pytest.mark.parametrize(
    "kept",
    [
        "https://example.org/news/2024/05?id=3,4",
        "www.nato.int/cps/2019",
        "news2024@example.org",
        "@user_2024",
        "#Kabul2024",
        "#NATO",
        "COVID-19",
        "F-16",
        "G20",
        "4G",
    ],
)
def test_digits_and_punctuation_in_urls_handles_and_latin_names_are_kept(kept: str) -> None:
    assert normalize(f"گفت {kept} و رفت", "fa_AF") == f"گفت {kept} و رفت"


def test_a_url_at_the_end_of_a_question_keeps_its_characters() -> None:
    text = "آیا https://example.org/a?b=1?"
    assert normalize(text, "fa_AF") == "آیا https://example.org/a?b=1؟"


# --- punctuation and quotes --------------------------------------------------------------


def test_ascii_punctuation_becomes_arabic_in_dari_and_pashto_text() -> None:
    assert normalize("سلام, چطور هستید? خوب; بسیار خوب", "fa_AF") == (
        "سلام، چطور هستید؟ خوب؛ بسیار خوب"
    )
    assert normalize("آیا Stoltenberg?", "ps") == "آیا Stoltenberg؟"


def test_quotes_become_guillemets() -> None:
    assert normalize('او گفت: "ما پیروز می‌شویم" و رفت', "fa_AF") == (
        "او گفت: «ما پیروز می‌شویم» و رفت"
    )
    assert normalize("او گفت: “ما پیروز می‌شویم”", "fa_AF") == "او گفت: «ما پیروز می‌شویم»"
    # An unpaired straight quote is left for the reviewer.
    assert normalize('او گفت: "ما', "fa_AF") == 'او گفت: "ما'


def test_quoted_english_keeps_its_digits_and_punctuation() -> None:
    text = "او به انگلیسی گفت «we have 3 options, sir» و رفت"
    assert normalize(text, "fa_AF") == text


def test_all_latin_text_is_left_alone() -> None:
    text = 'NATO said "we have 3,500 troops; is that enough?"'
    assert normalize(text, "fa_AF") == text


# --- ZWNJ --------------------------------------------------------------------------------


def test_zwnj_is_kept_inside_words() -> None:
    assert normalize("می‌روم و خانه‌ها و سه‌شنبه", "fa_AF") == "می‌روم و خانه‌ها و سه‌شنبه"


def test_zwnj_next_to_a_space_or_at_an_end_is_removed_never_made_a_space() -> None:
    assert normalize(f"خانه{ZWNJ} ها", "fa_AF") == "خانه ها"
    assert normalize(f"خانه {ZWNJ}ها", "fa_AF") == "خانه ها"
    assert normalize(f"{ZWNJ}سلام{ZWNJ}", "fa_AF") == "سلام"
    assert normalize(f"خانه{ZWNJ}{ZWNJ}ها", "fa_AF") == f"خانه{ZWNJ}ها"
    assert normalize(f"خانه{ZWNJ}ها", "ps") == f"خانه{ZWNJ}ها"


# --- language codes --------------------------------------------------------------------


def test_language_aliases_and_unknown_codes() -> None:
    assert normalize("علي", "prs") == normalize("علي", "fa_AF") == "علی"
    assert normalize("علي", "pbt") == "علي"
    with pytest.raises(LanguageError):
        normalize("x", "fa")


# --- properties --------------------------------------------------------------------------

_PIECES = (
    list("ابپتټثجځچحخڅدډذرړزژږسشښصضطظعغفقکګگلمنڼوهیيېۍئىكٹڈڑڻۀ")
    + ["\u0654", "\u064b", ZWNJ, " ", "\n", "\u06d5"]
    + list('0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩.,;?"“”%-_@#/:«»٫٬')
    + list("abcXYZ")
    + ["https://", "www.", ".org", "\ufeef", "\ufbfc", "\ufb8e", "\ufefb", "\ufe70", "\ufdfa"]
)
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
languages = st.sampled_from(["fa_AF", "ps"])


@settings(max_examples=150, deadline=None)
@given(texts, languages)
def test_normalize_is_idempotent(text: str, language: str) -> None:
    once = normalize(text, language)
    assert normalize(once, language) == once


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list(PASHTO_KEEP) + [" ", "ا", "ب", "5", ","]), max_size=30))
def test_pashto_letters_survive_untouched(chars: list[str]) -> None:
    text = "".join(chars)
    out = normalize(text, "ps")
    for letter in PASHTO_KEEP:
        assert out.count(letter) == text.count(letter)
    # Dari folds ي, but keeps every Pashto-only letter (quoted names).
    dari = normalize(text, "fa_AF")
    for letter in PASHTO_ONLY + "ئ":
        assert dari.count(letter) == text.count(letter)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_dari_output_never_has_arabic_yeh_or_kaf(text: str) -> None:
    out = normalize(text, "fa_AF")
    assert ARABIC_YEH not in out and ARABIC_KAF not in out and ALEF_MAKSURA not in out


@settings(max_examples=60, deadline=None)
@given(texts, languages)
def test_zwnj_is_never_turned_into_a_space_nor_left_next_to_one(text: str, language: str) -> None:
    # Ligatures such as ﷺ legitimately expand to several words: leave them out here.
    text = "".join(ch for ch in text if not "\ufb50" <= ch <= "\ufeff")
    out = normalize(text, language)
    assert sum(ch.isspace() for ch in out) == sum(ch.isspace() for ch in text)
    for index, char in enumerate(out):
        if char == ZWNJ:
            assert 0 < index < len(out) - 1
            assert not out[index - 1].isspace() and not out[index + 1].isspace()
