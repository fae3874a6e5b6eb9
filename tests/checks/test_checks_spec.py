"""The checks as a specification: one row per case, ``(language, source, target) -> checks``.

Every row lists exactly the checks expected to fire, so each negative row is also a
false-positive test for every other check. For every check there is a Dari and a Pashto
case it catches (checks for one language only: a case it ignores in the other) and a case
it must not flag.
"""

from __future__ import annotations

from typing import Any

import pytest

from localize.checks import CHECKS, check_unit
from localize.model import Severity

from .standins import DARI_GLOSSARY, PASHTO_GLOSSARY, iranian_forms

FA, PS = "fa_AF", "ps"

# Base sentences: a realistic English line with good Dari and Pashto translations.
EN_SG = (
    "NATO Secretary General Jens Stoltenberg said the Taliban must sit down at the negotiating "
    "table."
)
FA_SG = "ینس استولتنبرگ، دبیرکل ناتو، گفت که طالبان باید پشت میز مذاکره بنشینند."
PS_SG = "د ناټو سرمنشي ینس سټولټنبرګ وویل چې طالبان باید د خبرو اترو مېز ته کېني."

EN_NUM = "In 2024, NATO pledged 3,500 trainers and 2.5 billion dollars, 10% more than last year."
FA_NUM = (
    "ناتو در سال ۲۰۲۴ وعدهٔ ۳٬۵۰۰ مربی و ۲٫۵ میلیارد دالر را داد که ۱۰٪ بیشتر از سال گذشته است."
)
PS_NUM = (
    "ناټو په ۲۰۲۴ کال کې د ۳٬۵۰۰ روزونکو او ۲٫۵ میلیارده ډالرو ژمنه وکړه چې له تېر کال ۱۰٪ زیات دي."
)


def row(lang: str, source: str, target: str, *expected: str, id: str, **kwargs: Any) -> Any:
    return pytest.param(lang, source, target, set(expected), kwargs, id=id)


SPEC = [
    # -- the base sentences are clean ----------------------------------------------------
    row(FA, EN_SG, FA_SG, id="clean-dari"),
    row(PS, EN_SG, PS_SG, id="clean-pashto"),
    row(FA, EN_NUM, FA_NUM, id="clean-dari-numbers"),
    row(PS, EN_NUM, PS_NUM, id="clean-pashto-numbers"),
    # -- numbers ---------------------------------------------------------------------------
    row(FA, EN_NUM, FA_NUM.replace("۳٬۵۰۰", "۳٬۰۰۰"), "numbers", id="numbers-dari-changed"),
    row(PS, EN_NUM, PS_NUM.replace("۱۰٪ ", ""), "numbers", id="numbers-pashto-missing"),
    row(PS, "Three soldiers were killed.", "۳ سرتېري ووژل شول.",
        id="numbers-pashto-spelled-source"),
    row(FA, "3 soldiers were killed.", "سه سرباز کشته شدند.", id="numbers-dari-spelled-target"),
    row(FA, "In 2024, 12 people were killed.", "در سال 2024، 12 نفر کشته شدند.",
        id="numbers-ascii-digits-ok"),
    row(PS, "12 people were killed in 2024.", "په ٢٠٢٤ کال کې ١٢ کسان ووژل شول.",
        id="numbers-arabic-indic-ok"),
    row(FA, "It rose by 3,500 to 2.5 million.", "به ۲.۵ میلیون رسید و ۳۵۰۰ افزایش یافت.",
        id="numbers-separators-ok"),
    row(FA, "The talks began on 10 February 2019.", "مذاکرات در ۲۱ دلو ۱۳۹۷ آغاز شد.", "numbers",
        id="numbers-dari-solar-hijri-warning", severity=Severity.WARNING),
    row(FA, "At 10:30 on the 1990s-era base.", "در ساعت ۱۰:۳۰ در پایگاهی از دههٔ ۱۹۹۰.",
        id="numbers-time-decade-ok"),
    # -- URLs, e-mails, handles, hashtags ------------------------------------------------
    row(FA, "Read the statement at https://www.nato.int/cps/en/natohq/news.htm.",
        "بیانیه را در https://www.nato.int/cps/fa/natohq/news.htm بخوانید.", "urls",
        id="urls-dari-changed"),
    row(PS, "Read the statement at https://www.nato.int/cps/en/natohq/news.htm.",
        "اعلامیه په رسمي وېبپاڼه کې ولولئ.", "urls", id="urls-pashto-lost"),
    row(FA, "Read the statement at https://www.nato.int/cps/en/natohq/news.htm.",
        "بیانیه را در https://www.nato.int/cps/en/natohq/news.htm بخوانید.", id="urls-dari-kept"),
    row(FA, "Send questions to press@nato.int.", "پرسش‌های خود را به press@nato.af بفرستید.",
        "emails", id="emails-dari-changed"),
    row(PS, "Send questions to press@nato.int.", "خپلې پوښتنې مطبوعاتي دفتر ته ولېږئ.", "emails",
        id="emails-pashto-lost"),
    row(PS, "Send questions to press@nato.int.", "خپلې پوښتنې press@nato.int ته ولېږئ.",
        id="emails-pashto-kept"),
    row(FA, "Follow @NATO for updates.", "برای آخرین خبرها @Nato را دنبال کنید.", "handles",
        id="handles-dari-changed"),
    row(PS, "Follow @NATO for updates.", "د نویو خبرونو لپاره ناټو تعقیب کړئ.", "handles",
        id="handles-pashto-lost"),
    row(PS, "Follow @NATO for updates.", "د نویو خبرونو لپاره @NATO تعقیب کړئ.",
        id="handles-pashto-kept"),
    row(FA, "It is the result of the efforts of #NATO Allies.",
        "این نتیجهٔ تلاش‌های متحدان #ناتو است.", "hashtags", id="hashtags-dari-translated"),
    row(PS, "It is the result of the efforts of #NATO Allies.",
        "دا د ناټو د متحدینو د هڅو پایله ده.", "hashtags", id="hashtags-pashto-lost"),
    row(FA, "It is the result of the efforts of #NATO Allies.",
        "این نتیجهٔ تلاش‌های متحدان #NATO است.", id="hashtags-dari-kept"),
    # -- placeholders and engine debris ---------------------------------------------------
    row(FA, EN_SG, FA_SG.replace("ینس استولتنبرگ", "⟦0⟧"), "placeholders",
        id="placeholders-dari-mask"),
    row(PS, EN_SG, PS_SG.replace("سټولټنبرګ", "<unk>"), "placeholders",
        id="placeholders-pashto-unk"),
    row(PS, EN_SG, "pbt_Arab " + PS_SG, "placeholders", id="placeholders-pashto-tag"),
    row(FA, EN_SG, FA_SG.replace("مذاکره", "⁇"), "placeholders",
        id="placeholders-dari-sentencepiece"),
    row(FA, "%s was elected.", "%s انتخاب شد.", id="placeholders-dari-format-kept"),
    # -- glossary ---------------------------------------------------------------------------
    row(FA, EN_SG, FA_SG.replace("دبیرکل ناتو", "منشی کل پیمان"), "glossary",
        id="glossary-dari-missing", glossary=DARI_GLOSSARY),
    row(PS, EN_SG, PS_SG.replace("ناټو", "ناتو"), "glossary", id="glossary-pashto-old-spelling",
        glossary=PASHTO_GLOSSARY),
    row(PS, "The United Nations welcomed the talks.",
        "د ملګرو ملتونو سازمان له خبرو اترو هرکلی وکړ.", id="glossary-pashto-oblique-ok",
        glossary=PASHTO_GLOSSARY),
    row(FA, "Resolute Support ended in 2021.", "مأموریت حمایت قاطع در ۲۰۲۱ پایان یافت.", "glossary",
        id="glossary-dari-do-not-translate", glossary=DARI_GLOSSARY),
    row(FA, EN_SG, FA_SG, id="glossary-dari-ok", glossary=DARI_GLOSSARY),
    # -- brackets and quotes --------------------------------------------------------------
    row(FA, "The Afghan National Army (ANA) was trained by NATO.",
        "اردوی ملی افغانستان (ANA توسط ناتو آموزش دید.", "brackets", id="brackets-dari-unclosed"),
    row(PS, "The Afghan National Army (ANA) was trained by NATO.",
        "افغان ملي اردو )ANA( د ناټو له خوا وروزل شوه.", "brackets", id="brackets-pashto-reversed"),
    row(PS, "We made a pledge to continue providing [financial] support.",
        "موږ ژمنه وکړه چې [مالي] ملاتړ ته به دوام ورکړو.", id="brackets-pashto-ok"),
    row(FA, "He said: “We will stay.”", "او گفت: «ما خواهیم ماند.", "quotes",
        id="quotes-dari-unclosed"),
    row(PS, "He said: “We will stay.”", "هغه وویل: »موږ به پاتې شو.«", "quotes",
        id="quotes-pashto-reversed"),
    row(FA, "NATO SG says: “We are in Afghanistan to send a clear message.",
        "دبیرکل ناتو می‌گوید: «ما در افغانستان هستیم تا پیامی روشن بفرستیم.",
        id="quotes-dari-open-as-source"),
    row(PS, "There is still much to be done.”", "لا هم ډېر کار پاتې دی.»",
        id="quotes-pashto-close-as-source"),
    # -- sentence-final punctuation ---------------------------------------------------------
    row(FA, "Will the talks succeed?", "آیا مذاکرات موفق خواهد شد.", "end-punctuation",
        id="end-dari-question-lost"),
    row(PS, "Will the talks succeed?", "ایا خبرې اترې به بریالۍ شي", "end-punctuation",
        id="end-pashto-nothing"),
    row(FA, "Will the talks succeed?", "آیا مذاکرات موفق خواهد شد؟",
        id="end-dari-arabic-question-ok"),
    row(PS, "Kabul- Afghanistan (PMG):", "کابل- افغانستان (PMG):", id="end-pashto-colon-ok"),
    # -- ASCII punctuation in Arabic-script text --------------------------------------------
    row(FA, EN_SG, FA_SG.replace("،", ","), "ascii-punctuation", id="ascii-dari-commas"),
    row(PS, "Will the talks succeed?", "ایا خبرې اترې به بریالۍ شي?", "ascii-punctuation",
        id="ascii-pashto-question"),
    row(FA, "He flew to Washington, D.C. on 3,500 dollars.",
        "او با ۳,۵۰۰ دالر به Washington, D.C. پرواز کرد.", id="ascii-dari-number-and-latin-run-ok"),
    # -- untranslated -----------------------------------------------------------------------
    row(FA, EN_SG, EN_SG, "untranslated", id="untranslated-dari-copied"),
    row(PS, EN_SG, "NATO Secretary General Jens Stoltenberg وویل the Taliban must sit down.",
        "untranslated", id="untranslated-pashto-mostly-latin"),
    row(PS, "Report: Shershah Nawabi", "Report: Shershah Nawabi", id="untranslated-byline-exempt"),
    row(FA, "Jens Stoltenberg visited Kabul.", "Jens Stoltenberg از کابل دیدن کرد.",
        id="untranslated-dari-latin-name-ok"),
    # -- length ---------------------------------------------------------------------------
    row(FA, EN_SG, "ناتو گفت.", "length", id="length-dari-omission"),
    row(PS, "Kabul, Afghanistan.", PS_SG, "length", id="length-pashto-hallucination"),
    row(FA, "Report: Shershah Nawabi", "گزارش: شیرشاه نوابی", id="length-dari-short-unit-ok"),
    # -- repetition -------------------------------------------------------------------------
    row(FA, "NATO supports the Afghan security forces.",
        "ناتو از نیروهای امنیتی افغان حمایت می‌کند حمایت می‌کند حمایت می‌کند.", "repetition",
        id="repetition-dari-bigram-loop"),
    row(PS, "NATO supports the Afghan security forces.",
        "ناټو د افغان امنیتي ځواکونو ملاتړ کوي کوي کوي.", "repetition",
        id="repetition-pashto-word-loop"),
    row(FA, "The forces withdrew slowly.", "نیروها آهسته آهسته عقب‌نشینی کردند.",
        id="repetition-dari-reduplication-ok"),
    # -- letter forms ---------------------------------------------------------------------
    row(FA, EN_SG, FA_SG.replace("ی", "ي"), "arabic-letters", id="arabic-letters-dari-yeh"),
    row(FA, "NATO Secretary General", "منشی كل ناتو", "arabic-letters",
        id="arabic-letters-dari-kaf"),
    row(PS, EN_NUM, PS_NUM.replace("وکړه", "وکڑه"), "arabic-letters",
        id="arabic-letters-pashto-urdu-rreh"),
    row(PS, EN_SG, PS_SG.replace("ک", "ك"), "arabic-letters", id="arabic-letters-pashto-kaf"),
    row(PS, "You will go to the villages.", "تاسو به کلیو ته ولاړ شئ.",
        id="arabic-letters-pashto-yeh-ok"),
    # -- Iranian forms in Dari ------------------------------------------------------------
    row(FA, "Three people were wounded in Kabul province and taken to hospital.",
        "سه نفر در استان کابل زخمی و به بیمارستان منتقل شدند.", "iranian-forms",
        id="iranian-dari", iranian_forms=iranian_forms),
    row(FA, "Three people were wounded in Kabul province and taken to hospital.",
        "سه نفر در ولایت کابل زخمی و به شفاخانه منتقل شدند.", id="iranian-dari-ok",
        iranian_forms=iranian_forms),
    row(PS, "Three people were wounded in Kabul province and taken to hospital.",
        "د کابل په ولایت کې درې کسان ټپیان او روغتون ته یوړل شول.", id="iranian-not-for-pashto",
        iranian_forms=lambda text: ["روغتون"]),
    # -- Pashto letters and Persian spellings -----------------------------------------------
    row(PS, EN_SG, FA_SG, "pashto-letters", id="pashto-letters-dari-text-in-pashto"),
    row(FA, EN_SG, FA_SG, id="pashto-letters-not-for-dari"),
    row(PS, "Kabul, Afghanistan.", "کابل، افغانستان.", id="pashto-letters-short-ok"),
    row(PS, "The war between the parties continues.", "د ډلو ترمنځ جگړه دوام لري.",
        "persianised-pashto", id="persianised-pashto-gaf"),
    row(PS, "The United Nations welcomed the talks.", "ملگرو ملتونو له خبرو اترو هرکلی وکړ.",
        "persianised-pashto", id="persianised-pashto-word"),
    row(PS, "He spoke in Pashto.", "هغه په پشتو خبرې وکړې.", "persianised-pashto",
        id="persianised-pashto-name-of-language"),
    row(PS, "Gulbuddin Hekmatyar returned to Kabul.", "ګلبدین حکمتیار کابل ته راستون شو.",
        id="persianised-pashto-ok"),
    row(PS, "Gulbuddin Hekmatyar returned to Kabul.", "گلبدین حکمتیار کابل ته راستون شو.",
        id="persianised-pashto-dari-name-ok"),
    # -- bidi controls and ZWNJ -------------------------------------------------------------
    row(FA, EN_SG, FA_SG + "\u202e", "bidi-controls", id="bidi-dari-override"),
    row(PS, EN_SG, PS_SG.replace("ینس", "\u2066ینس"), "bidi-controls",
        id="bidi-pashto-unclosed-isolate"),
    row(FA, "Jens Stoltenberg said the talks continue.",
        "\u2066Jens Stoltenberg\u2069 گفت که مذاکرات ادامه دارد.", id="bidi-dari-isolate-ok"),
    row(FA, "They say the talks continue.", "آنان می\u200c گویند که مذاکرات ادامه دارد.", "zwnj",
        id="zwnj-dari-before-space"),
    row(PS, "The soldiers were killed.", "سرتېري\u200c ووژل شول.", "zwnj",
        id="zwnj-pashto-word-end"),
    row(FA, "They say the efforts continue on Tuesday.",
        "می‌گویند تلاش‌ها در روز سه‌شنبه ادامه دارد.", id="zwnj-dari-ok"),
]


@pytest.mark.parametrize(("language", "source", "target", "expected", "kwargs"), SPEC)
def test_check_spec(
    language: str, source: str, target: str, expected: set[str], kwargs: dict[str, Any]
) -> None:
    severity = kwargs.pop("severity", None)
    findings = check_unit(source, target, language, **kwargs)
    assert {f.check for f in findings} == expected, findings
    if severity is not None:
        assert {f.severity for f in findings} == {severity}


def test_every_check_has_a_positive_row() -> None:
    caught = set().union(*(p.values[3] for p in SPEC))
    assert caught == {c.name for c in CHECKS}
