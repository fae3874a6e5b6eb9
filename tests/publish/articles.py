"""A realistic small article (from the NATO sample) with Dari and Pashto translations,
turned into catalog-shaped ``Unit`` lists for the publisher tests.

Paragraph 5 repeats a sentence of paragraph 4, so one unit has two positions.
"""

from __future__ import annotations

import random

from localize.model import BlockKind, State, Unit

SHARED = "There is still much to be done."

# (kind, English sentences) per paragraph, in article order.
ARTICLE: list[tuple[BlockKind, list[str]]] = [
    (BlockKind.HEADLINE,
     ["NATO SG: our support to Afghanistan has brought Taliban to negotiation table"]),
    (BlockKind.DATELINE, ["Kabul- Afghanistan (PMG):"]),
    (BlockKind.BYLINE, ["Report: Shershah Nawabi"]),
    (BlockKind.BODY, [
        ("In recent months Taliban has accelerated their war against Afghan security forces "
         "and also civilians."),
        ("Recently Jens Stoltenberg, NATO secretary general has stated that the main reason for "
         "Taliban peace talks with us is NATO pressures on them."),
        "“This is a result of the efforts of #NATO Allies over the years.”",
    ]),
    (BlockKind.BODY, [
        "The statement was published on 2019-02-10 at https://nato.int for everyone to read.",
        SHARED,
    ]),
    (BlockKind.BODY, [
        "Stoltenberg says decisions on troop levels depend on the outcome of the negotiations.",
        SHARED,
    ]),
]

TRANSLATIONS: dict[str, dict[str, str]] = {
    "fa_AF": {
        ARTICLE[0][1][0]: "دبیرکل ناتو: حمایت ما از افغانستان طالبان را به میز مذاکره کشانده است",
        ARTICLE[1][1][0]: "کابل، افغانستان (PMG):",
        ARTICLE[2][1][0]: "گزارش: شیرشاه نوابی",
        ARTICLE[3][1][0]: "در ماه‌های اخیر طالبان جنگ خود را علیه نیروهای امنیتی افغان و "
                          "همچنین غیرنظامیان تشدید کرده‌اند.",
        ARTICLE[3][1][1]: "اخیراً Jens Stoltenberg، دبیرکل ناتو، گفته است که دلیل اصلی مذاکرات "
                          "صلح طالبان با ما فشارهای ناتو بر آنان است.",
        ARTICLE[3][1][2]: "«این نتیجه تلاش‌های متحدان #NATO در طول سال‌ها است.»",
        ARTICLE[4][1][0]: "این بیانیه به تاریخ 2019-02-10 در https://nato.int برای خوانندگان "
                          "نشر شد.",
        SHARED: "هنوز کارهای زیادی باید انجام شود.",
        ARTICLE[5][1][0]: "Stoltenberg می‌گوید تصمیم‌ها درباره شمار سربازان به نتیجه مذاکرات "
                          "بستگی دارد.",
    },
    "ps": {
        ARTICLE[0][1][0]: "د ناټو سرمنشي: افغانستان ته زموږ ملاتړ طالبان د خبرو مېز ته راوستي دي",
        ARTICLE[1][1][0]: "کابل، افغانستان (PMG):",
        ARTICLE[2][1][0]: "راپور: شېرشاه نوابي",
        ARTICLE[3][1][0]: "په وروستیو میاشتو کې طالبانو د افغان امنیتي ځواکونو او ملکي وګړو "
                          "پر ضد خپله جګړه ګړندۍ کړې ده.",
        ARTICLE[3][1][1]: "پدې وروستیو کې Jens Stoltenberg، د ناټو سرمنشي، ویلي چې له موږ سره "
                          "د طالبانو د سولې د خبرو اصلي لامل پر هغوی د ناټو فشارونه دي.",
        ARTICLE[3][1][2]: "«دا د کلونو په اوږدو کې د #NATO متحدینو د هڅو پایله ده.»",
        ARTICLE[4][1][0]: "دا اعلامیه د 2019-02-10 په نېټه په https://nato.int کې د ټولو لوستونکو "
                          "لپاره خپره شوه.",
        SHARED: "لا هم ډېر کار پاتې دی چې وشي.",
        ARTICLE[5][1][0]: "Stoltenberg وايي د سرتېرو د شمېر په اړه پرېکړې د خبرو په پایله پورې "
                          "اړه لري.",
    },
}


def make_units(
    code: str,
    *,
    states: dict[str, State] | None = None,
    targets: dict[str, str] | None = None,
    article: list[tuple[BlockKind, list[str]]] | None = None,
    default: State = State.REVIEWED,
    shuffle: int | None = None,
) -> list[Unit]:
    """Catalog-shaped units for ``code``: one per distinct sentence, all positions listed.

    Args:
        code: ``fa_AF`` or ``ps``.
        states: per-source states (others get ``default``).
        targets: per-source translations overriding ``TRANSLATIONS``.
        article: another article layout (sources must have translations in ``targets``).
        default: the state of units not in ``states``.
        shuffle: a seed to return the units in a random order.
    """
    states = states or {}
    table = {**TRANSLATIONS.get(code, {}), **(targets or {})}
    positions: dict[str, list[tuple[int, int, BlockKind, int]]] = {}
    index = 0
    for paragraph, (kind, sentences) in enumerate(article or ARTICLE):
        for sentence in sentences:
            positions.setdefault(sentence, []).append((paragraph, index, kind, paragraph + 1))
            index += 1
    units = []
    for source, where in positions.items():
        state = states.get(source, default)
        target = "" if state is State.UNTRANSLATED else table[source]
        units.append(Unit(source=source, target=target, state=state, positions=tuple(where)))
    if shuffle is not None:
        random.Random(shuffle).shuffle(units)
    return units


# Translations of ARTICLE[3][1][0] (the first of three sentences) with unbalanced bidi
# controls; each must stay inside its own sentence.
HOSTILE: dict[str, str] = {
    "override-left-open": "چهارم \u202eبرعکس 2024",
    "stray-pdi": "چهارم \u2069\u202dx y",  # would close the sentence's isolate, then LRO
    "embeddings-left-open": "چهارم \u202aa \u202bب",
    "isolate-left-open": "چهارم \u2066x",
    "stray-pdf": "چهارم \u202cx",
    "paragraph-separator": "چهارم \u2029\u202dx y",
    "deep": "\u202b" * 130 + "ژرف",
}
# Balanced controls a translator may use on purpose: kept exactly as written.
BALANCED = "آقای \u2066Jens Stoltenberg\u2069 گفت: \u200fفایل \u202eexe.gnp\u202c بی‌خطر است."
