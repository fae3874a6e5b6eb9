"""``repetition`` and ``numbers`` find what they found before their shortcuts.

Each check is compared with a verbatim copy of its code before the shortcuts (a filter on
repeated word pairs before the loop search; no word scan for numbers no word spells, no
Counters, a strip instead of a regex split for one separator), over generated texts.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.checks import make_context
from localize.checks._base import UnitContext
from localize.checks.fidelity import _loop, check_repetition
from localize.checks.numerals import check_numbers, numbers_in
from localize.language.script import to_ascii_digits
from localize.model import Finding, Severity

# -- the code before ------------------------------------------------------------------------
_PUNCTUATION = ".,;:!?،؛؟«»\"“”()[]…"
_LONGEST_LOOP = 4


def _loop_before(text: str) -> str:
    tokens = [word.strip(_PUNCTUATION) for word in text.split()]
    if "" in tokens:
        tokens = [token for token in tokens if token]
    distinct = set(tokens)
    if len(tokens) - len(distinct) < 2:  # a loop repeats at least two words
        return ""
    code = dict(zip(distinct, map(chr, range(len(distinct)))))
    found = _CODED_LOOP_RE.search("".join(map(code.__getitem__, tokens)))
    if not found:
        return ""
    return " ".join(tokens[found.start() : found.end(1)])


_CODED_LOOP_RE = re.compile(rf"(.{{1,{_LONGEST_LOOP}}})\1\1", re.DOTALL)


def _check_repetition_before(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    repeated = _loop_before(target)
    if not repeated or _loop_before(source):
        return []
    return [Finding(
        "repetition", Severity.ERROR,
        f"'{repeated}' repeated 3 or more times in a row: a machine-translation loop?",
    )]


NAME = "numbers"
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_NUMBER_RE = re.compile(f"{_DIGIT}{_DIGIT}*(?:[.,\u066b\u066c]{_DIGIT}+)*")
_SEPARATOR_RE = re.compile(r"([.,\u066b\u066c])")
_GROUP_SEPARATORS = frozenset(",\u066c")
_DECIMAL_SEPARATORS = frozenset(".\u066b")
_WORD_RE = re.compile(r"[^\W\d_]+(?:\u200c[^\W\d_]+)*")

_ENGLISH_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "hundred": "100", "thousand": "1000",
}
_DARI_WORDS = {
    "یک": "1", "یکی": "1", "دو": "2", "سه": "3", "چهار": "4", "پنج": "5", "شش": "6",
    "هفت": "7", "هشت": "8", "نه": "9", "ده": "10", "یازده": "11", "دوازده": "12",
    "صد": "100", "یکصد": "100", "هزار": "1000",
}
_PASHTO_WORDS = {
    "یو": "1", "یوه": "1", "دوه": "2", "دوو": "2", "درې": "3", "دری": "3", "درېیو": "3",
    "څلور": "4", "پنځه": "5", "شپږ": "6", "اووه": "7", "اوه": "7", "اته": "8",
    "نهه": "9", "نه": "9", "لس": "10", "یوولس": "11", "دولس": "12", "سل": "100", "زر": "1000",
}


def _canonical(integer: str, fraction: str = "") -> str:
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def _values(token: str) -> list[str]:
    parts = _SEPARATOR_RE.split(token)
    if len(parts) == 1:
        return [_canonical(token)]
    if len(parts) == 3:
        head, separator, tail = parts
        if separator in _GROUP_SEPARATORS and len(head) <= 3 and len(tail) == 3:
            return [_canonical(head + tail)]
        if separator in _DECIMAL_SEPARATORS or (separator == "," and len(tail) != 3):
            return [_canonical(head, tail)]
        return [_canonical(head), _canonical(tail)]
    groups, seps = parts[0::2], parts[1::2]
    head, tail = groups[0], groups[1:]
    grouped = len(head) <= 3 and all(len(g) == 3 for g in tail)
    if grouped and all(s in _GROUP_SEPARATORS for s in seps):
        return [_canonical("".join(groups))]
    if grouped and len(seps) > 1 and all(s == "." for s in seps):
        return [_canonical("".join(groups))]
    last, body = seps[-1], seps[:-1]
    body_ok = not body or (len(head) <= 3 and all(len(g) == 3 for g in tail[:-1]))
    decimal = last in _DECIMAL_SEPARATORS or (last == "," and not body and len(tail[-1]) != 3)
    if decimal and body_ok and all(s in _GROUP_SEPARATORS for s in body):
        return [_canonical("".join(groups[:-1]), groups[-1])]
    return [_canonical(g) for g in groups]


def _digit_runs(text: str) -> str:
    joined = " ".join(_NUMBER_RE.findall(text))
    return joined if joined.isascii() else to_ascii_digits(joined)


def _token_values(tokens: list[str]) -> list[str]:
    values: list[str] = []
    for token in tokens:
        if token.isdecimal():
            values.append(str(int(token)))
        else:
            values.extend(_values(token))
    return values


def _spelled(text: str, table: dict[str, str]) -> Counter[str]:
    return Counter(table[w] for w in _WORD_RE.findall(text.casefold()) if w in table)


def _drop_spelled(missing: list[str], extra: list[str], source: str, target: str,
                  ctx: UnitContext) -> tuple[list[str], list[str]]:
    table = _PASHTO_WORDS if ctx.is_pashto else _DARI_WORDS
    if missing:
        words = _spelled(target, table)
        missing = [n for n in missing if not _take(words, n)]
    if extra:
        words = _spelled(source, _ENGLISH_WORDS)
        extra = [n for n in extra if not _take(words, n)]
    return missing, extra


def _take(pool: Counter[str], value: str) -> bool:
    if pool[value] > 0:
        pool[value] -= 1
        return True
    return False


def _is_int_in(value: str, low: int, high: int) -> bool:
    return value.isdigit() and low <= int(value) <= high


def _hijri_conversion(missing: list[str], extra: list[str], source_numbers: Counter[str]) -> bool:
    gregorian = [int(v) for v in source_numbers if _is_int_in(v, 1900, 2100)]
    hijri = [int(v) for v in extra if _is_int_in(v, 1279, 1480)]
    converted = {h for h in hijri for g in gregorian if g - 622 <= h <= g - 621}
    if not converted:
        return False
    leftovers = [v for v in missing if not _is_int_in(v, 1900, 2100)]
    leftovers += [v for v in extra if not (v.isdigit() and int(v) in converted)]
    return all(_is_int_in(v, 1, 31) for v in leftovers)


def counter_diff(source: Counter[str], target: Counter[str]) -> tuple[list[str], list[str]]:
    missing = sorted((source - target).elements())
    extra = sorted((target - source).elements())
    return missing, extra


def _check_numbers_before(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    source_text, target_text = ctx.source_masked, ctx.target_masked
    source_runs, target_runs = _digit_runs(source_text), _digit_runs(target_text)
    if source_runs == target_runs:
        return []
    source_tokens, target_tokens = source_runs.split(), target_runs.split()
    if sorted(source_tokens) == sorted(target_tokens):
        return []
    source_list, target_list = _token_values(source_tokens), _token_values(target_tokens)
    if source_list == target_list or sorted(source_list) == sorted(target_list):
        return []
    source_numbers, target_numbers = Counter(source_list), Counter(target_list)
    missing, extra = counter_diff(source_numbers, target_numbers)
    missing, extra = _drop_spelled(missing, extra, source_text, target_text, ctx)
    if not missing and not extra:
        return []
    parts = []
    if missing:
        parts.append("missing from the translation: " + ", ".join(missing))
    if extra:
        parts.append("not in the source: " + ", ".join(extra))
    message = "numbers differ; " + "; ".join(parts)
    if _hijri_conversion(missing, extra, source_numbers):
        message += " (looks like a date converted to the solar Hijri calendar: check it)"
        return [Finding(NAME, Severity.WARNING, message)]
    return [Finding(NAME, Severity.ERROR, message)]


# -- generated texts ------------------------------------------------------------------------
_WORDS = [
    "a", "b", "c", "the", "NATO", "said", "ناتو", "گفت", "که", "در", "به", "د", "په", "کې",
    "می\u200cگوید", "شده\u200cاند", "\u200c", "a\u200c", "three", "Nine", "TWO", "hundred",
    "سه", "درې", "نه", "دو", "یک", "هزار", "سل", "دوازده", "سه\u200cشنبه", "ninety",
]
_MARKS = list(_PUNCTUATION) + ["...", "«»", ".»", "-", "٪", "%", "'", "/"]
_SPACES = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u200c "]
_SYSTEMS = ["0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
            "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"]
_GROUPS = ["0", "1", "2", "3", "5", "9", "10", "12", "21", "31", "05", "007", "100", "500",
           "000", "1000", "1279", "1397", "1398", "1480", "2019", "2020", "2100", "3500"]


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    """A number such as 2019, ۳٬۵۰۰, 2.5 or 1.234.567, in one digit system or mixed."""
    groups = draw(st.lists(st.sampled_from(_GROUPS) | st.text("0123456789", min_size=1,
                                                                max_size=4),
                           min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from([".", ",", "\u066b", "\u066c", ".,", ""]),
                         min_size=len(groups) - 1, max_size=len(groups) - 1))
    ascii_number = groups[0] + "".join(s + g for s, g in zip(seps, groups[1:]))
    if draw(st.booleans()):
        systems = [draw(st.sampled_from(_SYSTEMS))] * len(ascii_number)
    else:
        systems = draw(st.lists(st.sampled_from(_SYSTEMS), min_size=len(ascii_number),
                                max_size=len(ascii_number)))
    return "".join(system[int(c)] if c.isdigit() else c for c, system in zip(ascii_number,
                                                                            systems))


def _marked(word: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A word with punctuation before or after it, now and then."""
    mark = st.sampled_from(_MARKS)
    return st.tuples(st.just("") | mark, word, st.just("") | st.just("") | mark).map("".join)


_word = _marked(st.sampled_from(_WORDS) | _numbers()) | st.sampled_from(_MARKS)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    """Words, some said again, now and then a phrase said 2-5 times in a row."""
    words = draw(st.lists(_word, max_size=14))
    if words and draw(st.booleans()):  # a phrase said again and again, marks differing
        start = draw(st.integers(0, len(words) - 1))
        size = draw(st.integers(1, 5))
        phrase = words[start : start + size]
        copies = [[draw(_marked(st.just(w.strip(_PUNCTUATION) or w))) for w in phrase]
                  for _ in range(draw(st.integers(2, 5)))]
        words[start : start + size] = [w for copy in copies for w in copy]
    spaces = draw(st.lists(st.sampled_from(_SPACES), min_size=len(words) + 1,
                           max_size=len(words) + 1))
    return spaces[0] + "".join(w + s for w, s in zip(words, spaces[1:]))


def _in_digits(word: str, system: str) -> str:
    return "".join(system[int(to_ascii_digits(c))] if c.isdecimal() else c for c in word)


@st.composite
def _translations(draw: st.DrawFn) -> tuple[str, str]:
    """A source and a target: unrelated texts; a date and its solar Hijri year; small numbers
    as digits or words; or the target made of the source's words (or mostly numbers), maybe
    reshuffled, the numbers in other digits or separators, a few words dropped or changed."""
    mode = draw(st.sampled_from(["unrelated", "date", "spelled", "numbers", "derived",
                                 "derived"]))
    if mode == "unrelated":
        return draw(_texts()), draw(_texts())
    if mode == "date":
        year, day = draw(st.integers(1890, 2110)), draw(st.integers(0, 40))
        hijri = year - draw(st.sampled_from([621, 622, 600]))
        extra = draw(st.sampled_from(["", " 12", " 40", " ۵"]))
        return (f"On {day} March {year}, the talks began.",
                _in_digits(f"در {day + 11} حوت {hijri}{extra} مذاکرات آغاز شد.", _SYSTEMS[2]))
    if mode == "spelled":
        values = draw(st.lists(st.sampled_from(["1", "2", "3", "9", "12", "100"]), max_size=4))
        english = {v: w for w, v in _ENGLISH_WORDS.items()}
        words = {**_DARI_WORDS, **_PASHTO_WORDS}
        source = [draw(st.sampled_from([v, english[v], english[v].title()])) for v in values]
        target = [draw(st.sampled_from([v] + [w for w in words if words[w] == v]))
                  for v in values]
        return " ".join(source), " ".join(draw(st.permutations(target)))
    if mode == "numbers":
        source = " ".join(draw(st.lists(_numbers() | st.sampled_from(_WORDS), max_size=5)))
    else:
        source = draw(_texts())
    action = st.sampled_from(["keep"] * 8 + ["digits"] * 8 + ["separator", "drop", "word"])
    target = []
    for word in source.split():
        what = draw(action)
        if what == "digits":
            word = _in_digits(word, draw(st.sampled_from(_SYSTEMS)))
        elif what == "separator":
            word = word.translate(str.maketrans(".,\u066b\u066c", "\u066b\u066c.,"))
        elif what == "drop":
            continue
        elif what == "word":
            word = draw(st.sampled_from(_WORDS) | _numbers())
        target.append(word)
    if draw(st.booleans()):
        target = draw(st.permutations(target))
    return source, " ".join(target)


def _as_tuples(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.check, f.severity.name, f.message) for f in findings]


# -- repetition -----------------------------------------------------------------------------
@settings(max_examples=600, deadline=None)
@given(_texts())
@example("a b a b a b")
@example("x a b a b a b a b")
@example("a a a a a a")
@example("b a a a. c")
@example("(a) [a] a.")
@example("… a … a … a")
@example("a\u00a0a\u2003a")
@example("a b c a b c a b c")
@example("a b c d a b c d a b c d")
@example("a b c d e a b c d e a b c d e")  # 5 words: not a loop
@example("a b a c a b a c a b a c")
@example("او به ۳ خبرنگار گفت: «ما به ارائهٔ حمایت مالی به اردوی افغانستان ادامه خواهیم داد.»")
@example("دست\u200cکم ۱۳ غیرنظامی در انفجاری در کابل کشته شدند شدند شدند شدند.")
@example("a a b b c c")
@example("a a")
@example("")
def test_loop_finds_what_it_found_before(text: str) -> None:
    assert _loop(text) == _loop_before(text)


@settings(max_examples=150, deadline=None)
@given(_texts(), _texts())
@example("It said it said it said.", "گفت گفت گفت.")
@example("It works.", "کار می\u200cکند می\u200cکند می\u200cکند.")
def test_repetition_finds_what_it_found_before(source: str, target: str) -> None:
    ctx = make_context(source, target, "fa_AF")
    assert (_as_tuples(check_repetition(source, target, ctx))
            == _as_tuples(_check_repetition_before(source, target, ctx)))


# -- numbers --------------------------------------------------------------------------------
@settings(max_examples=600, deadline=None)
@given(_translations(), st.sampled_from(["fa_AF", "ps"]))
@example(("In 2024, 12 people.", "در ۲۰۲۴، ۱۳ نفر."), "fa_AF")
@example(("It rose by 2.5 million.", "۲٫۵ میلیون افزایش یافت."), "fa_AF")
@example(("1.234.567 people", "۱٫۲۳۴٫۵۶۷ نفر"), "ps")
@example(("1,5 and 1,500 and 1234,567", "۱٬۵ و ۱٬۵۰۰ و ۱۲۳۴٬۵۶۷"), "fa_AF")
@example(("3 soldiers were killed.", "سه سرباز کشته شدند."), "fa_AF")
@example(("three soldiers", "۳ سرباز"), "ps")
@example(("Nine of 12", "۹ از ۱۲ و ۱۰۰"), "fa_AF")
@example(("The talks began on 10 February 2019.", "مذاکرات در ۲۱ دلو ۱۳۹۷ آغاز شد."), "fa_AF")
@example(("On 10 February 2019 and 5 March", "در ۲۱ دلو ۱۳۹۷ و ۱۴ حوت ۱۳۹۸"), "fa_AF")
@example(("2019 1443", "1443 2019"), "ps")
@example(("Version 1.2.3 of 2,5", "نسخهٔ ۱٫۲٫۳ از ۲٫۵"), "fa_AF")
@example(("007 and 0.50", "۷ و ۰٫۵"), "fa_AF")
@example(("in 2019.", "در ۲۰۱۹."), "ps")
@example(("1..2", "۱ ۲"), "fa_AF")
@example(("two and 2", "دوه او دوو"), "ps")
def test_numbers_finds_what_it_found_before(pair: tuple[str, str], language: str) -> None:
    source, target = pair
    ctx = make_context(source, target, language)
    assert (_as_tuples(check_numbers(source, target, ctx))
            == _as_tuples(_check_numbers_before(source, target, ctx)))


@settings(max_examples=200, deadline=None)
@given(_texts())
@example("۳٬۵۰۰ نفر، ۲٫۵ درصد و ۱۰٪ در ۲۰۲۴")
def test_numbers_in_reads_what_it_read_before(text: str) -> None:
    assert numbers_in(text) == Counter(_token_values(_digit_runs(text).split()))
