"""The checks' API, registry and helpers; good translations pass clean; nothing crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.checks import CHECKS, CHECKS_BY_NAME, check_unit, checks_table, make_context
from localize.checks._text import OBJECT, scan
from localize.checks.numerals import numbers_in
from localize.errors import LanguageError
from localize.model import Finding, Severity

from .standins import DARI_GLOSSARY, PASHTO_GLOSSARY, iranian_forms

# Sentences of the sample article (examples/nato-sg-taliban-talks.txt) with careful
# translations: every check runs, with a glossary and the Iranian-forms detector.
ARTICLE = [
    (
        ("Recently Jens Stoltenberg, NATO secretary general has stated that the main reason for "
         "Taliban peace talks with us is NATO pressures on them."),
        ("اخیراً ینس استولتنبرگ، دبیرکل ناتو، گفته است که دلیل اصلی مذاکرات صلح طالبان با ما "
         "فشارهای ناتو بر آنان است."),
        ("پدې وروستیو کې د ناټو سرمنشي ینس سټولټنبرګ ویلي چې له موږ سره د طالبانو د سولې د "
         "خبرو اصلي لامل پر هغوی د ناټو فشارونه دي."),
    ),
    (
        ("NATO SG says: “We are in Afghanistan to send a clear message to the Taliban that they "
         "will not win on the battlefield."),
        ("دبیرکل ناتو می‌گوید: «ما در افغانستان هستیم تا به طالبان پیامی روشن بفرستیم که آنان "
         "در میدان جنگ پیروز نخواهند شد."),
        ("د ناټو سرمنشي وايي: «موږ په افغانستان کې یو ترڅو طالبانو ته روښانه پیغام ورکړو چې "
         "هغوی به د جګړې په ډګر کې بریالي نه شي."),
    ),
    (
        ("And I really believe that what we see now is a result of the efforts of #NATO Allies "
         "over the years."),
        ("و من واقعاً باور دارم که آنچه اکنون می‌بینیم، نتیجهٔ تلاش‌های متحدان #NATO در طول "
         "سال‌ها است."),
        ("او زه په رښتیا باور لرم چې هغه څه چې اوس یې وینو، د کلونو په اوږدو کې د #NATO د "
         "متحدینو د هڅو پایله ده."),
    ),
    (
        ("We made a new pledge to continue providing [financial] support until 2024 at the NATO "
         "summit in July.”"),
        ("ما در نشست سران ناتو در ماه جولای تعهد تازه‌ای دادیم که تا سال ۲۰۲۴ به حمایت [مالی] "
         "ادامه دهیم.»"),
        ("موږ د جولای په میاشت کې د ناټو په سرمشریزه کې نوې ژمنه وکړه چې تر ۲۰۲۴ کال پورې به "
         "[مالي] ملاتړ ته دوام ورکوو.»"),
    ),
    (
        "Will the Taliban and the US Administration reach a peace deal?",
        "آیا طالبان و حکومت امریکا به توافق صلح خواهند رسید؟",
        "ایا طالبان او د امریکا اداره به د سولې تړون ته ورسېږي؟",
    ),
    ("Kabul- Afghanistan (PMG):", "کابل- افغانستان (PMG):", "کابل- افغانستان (PMG):"),
    ("Report: Shershah Nawabi", "گزارش: شیرشاه نوابی", "راپور: شېرشاه نوابي"),
]


@pytest.mark.parametrize(("source", "dari", "pashto"), ARTICLE,
                         ids=[f"sentence-{i}" for i in range(len(ARTICLE))])
def test_good_translations_have_no_findings(source: str, dari: str, pashto: str) -> None:
    assert check_unit(source, dari, "fa_AF", glossary=DARI_GLOSSARY,
                      iranian_forms=iranian_forms) == []
    assert check_unit(source, pashto, "ps", glossary=PASHTO_GLOSSARY) == []


NUMBER_SPEC = [
    ("12", ["12"]), ("۱۲", ["12"]), ("١٢", ["12"]),
    ("3,500", ["3500"]), ("۳٬۵۰۰", ["3500"]), ("3500", ["3500"]), ("۳,۵۰۰", ["3500"]),
    ("1,234,567", ["1234567"]), ("1.234.567", ["1234567"]),
    ("2.5", ["2.5"]), ("۲٫۵", ["2.5"]), ("۲.۵", ["2.5"]), ("2,5", ["2.5"]), ("2.50", ["2.5"]),
    ("1,234.56", ["1234.56"]), ("10%", ["10"]), ("۱۰٪", ["10"]), ("2024.", ["2024"]),
    ("۱۳۹۷/۱۱/۲۱", ["11", "1397", "21"]), ("10:30", ["10", "30"]), ("05", ["5"]),
    ("۲۱مه", ["21"]), ("۱۲، ۱۳", ["12", "13"]), ("۱۲،۱۳", ["12", "13"]),
    ("v1.2.3", ["1", "2", "3"]),
    ("COVID-19", ["19"]), ("no digits", []),
]


@pytest.mark.parametrize(("text", "values"), NUMBER_SPEC)
def test_numbers_in(text: str, values: list[str]) -> None:
    assert sorted(numbers_in(text).elements()) == sorted(values)


def test_registry_is_consistent() -> None:
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names)) == len(CHECKS_BY_NAME)
    assert all(c.description and isinstance(c.severity, Severity) for c in CHECKS)
    assert all(name == name.lower() and " " not in name for name in names)
    table = checks_table()
    assert all(f"`{name}`" in table for name in names)


def test_language_aliases_and_unknown_codes() -> None:
    source, target = "12 people.", "۱۳ نفر."
    assert check_unit(source, target, "prs") == check_unit(source, target, "fa_AF")
    assert check_unit(source, target, "ps_AF") == check_unit(source, target, "ps")
    with pytest.raises(LanguageError):
        check_unit(source, target, "fa")  # Iranian Persian is not a target


def test_empty_target_is_not_checked() -> None:
    assert check_unit("12 people were killed.", "", "fa_AF") == []
    assert check_unit("12 people were killed.", "  ", "ps") == []


def test_skip_and_severity() -> None:
    findings = check_unit("12 people.", "۱۳ نفر.", "fa_AF")
    assert findings == [Finding("numbers", Severity.ERROR, findings[0].message)]
    assert "12" in findings[0].message and "13" in findings[0].message
    assert check_unit("12 people.", "۱۳ نفر.", "fa_AF", skip={"numbers"}) == []


def test_a_single_check_can_be_called_directly() -> None:
    source, target = "Follow @NATO.", "@NATO را دنبال کنید."
    ctx = make_context(source, target, "fa_AF")
    assert CHECKS_BY_NAME["handles"].function(source, target, ctx) == []
    assert ctx.target_masked == "\ufffc را دنبال کنید."


def test_entities_inside_urls_and_emails_are_not_handles_or_hashtags() -> None:
    found = scan("https://x.com/@nato/#top press@nato.int @NATO #Kabul")
    assert dict(found.entities.urls) == {"https://x.com/@nato/#top": 1}
    assert dict(found.entities.emails) == {"press@nato.int": 1}
    assert dict(found.entities.handles) == {"@NATO": 1}
    assert dict(found.entities.hashtags) == {"#Kabul": 1}
    assert found.masked == " ".join([OBJECT] * 4)


def test_iranian_forms_detector_only_runs_for_dari() -> None:
    calls: list[str] = []

    def detector(text: str) -> list[str]:
        calls.append(text)
        return []

    check_unit("Kabul province.", "د کابل ولایت.", "ps", iranian_forms=detector)
    assert calls == []
    check_unit("Kabul province.", "ولایت کابل.", "fa_AF", iranian_forms=detector)
    assert calls == ["ولایت کابل."]


_ALPHABET = (
    "abcXYZ 0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣ .,;:?!؟،؛«»“”\"()[]{}%#@/_-"
    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىټځڅډړږښګڼېۍئ\u200c\u200d\u200e\u200f\u2066\u2069\u202e⟦⟧⁇▁"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80), st.text(alphabet=_ALPHABET, max_size=80),
       st.sampled_from(["fa_AF", "ps"]))
def test_checks_never_crash(source: str, target: str, language: str) -> None:
    findings = check_unit(source, target, language, glossary=DARI_GLOSSARY,
                          iranian_forms=iranian_forms)
    assert all(f.check in CHECKS_BY_NAME and f.message for f in findings)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["fa_AF", "ps"]))
def test_any_integer_matches_itself_in_persian_digits(value: int, language: str) -> None:
    from localize.language.script import to_persian_digits

    grouped = f"{value:,}"
    target = "مجموع " + to_persian_digits(grouped.replace(",", "٬")) + " است."
    assert check_unit(f"The total is {grouped}.", target, language, skip={"length"}) == []
