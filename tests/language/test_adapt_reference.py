"""The QA scan and the lazily compiled regexes of the Dari lexicon give exactly the
results of the code they replaced.

``_Old*`` and ``_old_*`` below are that code, ``localize/language/adapt.py`` before the
QA scan: its matchers (``dari_prefix`` compiled at once), its index (the scanner compiled
at once, on the text as it is, with classes for ي ى ك), ``_folded`` (``str.translate``),
``_form_pattern``, ``_compile``, ``_candidates``, ``adapt_to_dari`` and
``iranian_forms_in``, copied verbatim but for their names. What it shares with today's
code unchanged (the entries and hits, suffixes, dates, ``_matches``) is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize.language.adapt import (
    _ARABIC_FORMS,
    _ESCAPED,
    _NEXT_WORD,
    _POSSESSIVE,
    _WORD,
    EZAFE_NOTE,
    Adaptation,
    Lexicon,
    LexiconEntry,
    LexiconHit,
    LexiconMode,
    _folded,
    _in_date,
    _inflected,
    _matches,
    _qa_pattern,
    _trie,
    adapt_to_dari,
    iranian_forms_in,
    load_lexicon,
)
from localize.language.script import ZWNJ

from .helpers import ALEF_MAKSURA, ARABIC_KAF, ARABIC_YEH, LOCALES

_DATE, _SUGGEST = LexiconMode.DATE, LexiconMode.SUGGEST


# --- the code before the QA scan (verbatim but for the names) ---------------------------


def _old_folded(text: str) -> str:
    """Arabic yeh/kaf as Persian ی/ک. (str.translate looks up every character of a
    non-Latin text; most texts hold none of the three, and three substring tests are cheap.)"""
    if "\u064a" in text or "\u0649" in text or "\u0643" in text:
        return text.translate(_ARABIC_FORMS)
    return text


@dataclass(slots=True, eq=False)
class _OldMatcher:
    entry: LexiconEntry
    pattern_text: str  # compiled on first use: ~1 ms a row, and most rows match no text
    probe: str
    dari_prefix: re.Pattern[str] | None  # the Dari form when it begins with the Iranian one
    alternatives: tuple[str, ...]  # entry.alternatives, computed once
    _pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(self.pattern_text)
        return self._pattern


_OldGroup = tuple[tuple[int, _OldMatcher], ...]  # (position in the lexicon, matcher), in order


@dataclass(frozen=True, slots=True, eq=False)
class _OldIndex:
    """Finds the places where the matchers can match a text with one regex search.

    A matcher's pattern matches where no word character precedes and its stem follows.
    For the matchers whose probe is a literal start of the stem, ``scanner`` finds every
    such place (a non-word character, then any of their stems), and ``by_probe`` says
    which of them to try there. It accepts Arabic ي ى ك for ی ک, so a text without a
    place needs no folding. The others (a probe holding a comma, which a pattern writes
    as a class, or not at the start of the form) keep ``probe in text`` in ``fallback``.
    """

    scanner: re.Pattern[str] | None = None
    by_probe: dict[str, _OldGroup] = field(default_factory=dict)
    probe_lengths: tuple[int, ...] = ()
    fallback: tuple[tuple[str, _OldGroup], ...] = ()

    @classmethod
    def of(cls, matchers: tuple[_OldMatcher, ...]) -> _OldIndex:
        by_probe: dict[str, list[tuple[int, _OldMatcher]]] = {}
        fallback: dict[str, list[tuple[int, _OldMatcher]]] = {}
        stems: dict[str, list[str]] = {}  # by first character: the rest of each stem
        for index, matcher in enumerate(matchers):
            folded, probe = matcher.entry.iranian.translate(_ARABIC_FORMS), matcher.probe
            if probe and folded.startswith(probe) and not _OLD_NOT_LITERAL.intersection(probe):
                by_probe.setdefault(probe, []).append((index, matcher))
                stems.setdefault(folded[0], []).append(_old_form_pattern(folded[1:], unfolded=True))
            else:
                fallback.setdefault(probe, []).append((index, matcher))
        fallbacks = tuple((probe, tuple(group)) for probe, group in fallback.items())
        if not stems:
            return cls(fallback=fallbacks)
        # Grouped by first character: a failing branch costs one comparison per group.
        any_stem = "|".join(
            f"{_old_form_pattern(first, unfolded=True)}(?:{'|'.join(rests)})"
            for first, rests in stems.items()
        )
        return cls(
            re.compile(f"[^{_WORD}](?={any_stem})"),
            {probe: tuple(group) for probe, group in by_probe.items()},
            tuple(sorted({len(probe) for probe in by_probe})),
            fallbacks,
        )

    def starts(self, text: str) -> list[int]:
        """Where a stem of the scanned matchers starts a word of ``text`` (folded or not),
        in order."""
        if self.scanner is None:
            return []
        # A space before the text makes position 0 a place like any other: a match found
        # in the copy at i (the non-word character) is the place i of the text.
        copy = " " + text
        first = self.scanner.search(copy)  # most texts hold no stem: one search
        if first is None:
            return []
        return [match.start() for match in self.scanner.finditer(copy, first.start())]

    def plausible(
        self, text: str, starts: list[int]
    ) -> list[tuple[_OldMatcher, list[int] | None]]:
        """The matchers that may match the folded ``text``, in lexicon order, each with
        the places where it may (``starts`` from ``self.starts``; None: search it all)."""
        places: dict[int, tuple[_OldMatcher, list[int]]] = {}
        for start in starts:
            for length in self.probe_lengths:
                for index, matcher in self.by_probe.get(text[start : start + length], ()):
                    places.setdefault(index, (matcher, []))[1].append(start)
        found: list[tuple[int, _OldMatcher, list[int] | None]] = [
            (index, matcher, where) for index, (matcher, where) in places.items()
        ]
        for probe, group in self.fallback:
            if probe in text:
                found += [(index, matcher, None) for index, matcher in group]
        if len(found) > 1:
            found.sort(key=lambda item: item[0])
        return [(matcher, where) for _, matcher, where in found]


# The characters that ``_old_form_pattern`` writes as something else than themselves.
_OLD_NOT_LITERAL = frozenset({ZWNJ, " ", "،", ","})


# A folded letter and the letters folded into it (``unfolded`` patterns match them all).
_OLD_UNFOLDED = {"\u06cc": "[\u06cc\u064a\u0649]", "\u06a9": "[\u06a9\u0643]"}


def _old_form_pattern(form: str, unfolded: bool = False) -> str:
    parts: list[str] = []
    for char in form.translate(_ARABIC_FORMS):
        if char == ZWNJ:
            parts.append("(?:\u200c| )?")
        elif char == " ":
            parts.append("(?:[ \u00a0]+|\u200c)")
        elif char in ("،", ","):
            parts.append("[،,]")
        elif unfolded and char in _OLD_UNFOLDED:
            parts.append(_OLD_UNFOLDED[char])
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _old_compile(entry: LexiconEntry) -> _OldMatcher:
    stem = _old_form_pattern(entry.iranian)
    pattern = f"(?<![{_WORD}])(?P<stem>{stem})(?P<rest>[{_WORD}]*)"
    folded = entry.iranian.translate(_ARABIC_FORMS)
    probe = folded.split()[0].split(ZWNJ)[0][:3]
    dari_prefix = None
    for alternative in entry.alternatives:
        if alternative.startswith(folded) and alternative != folded:
            dari_prefix = re.compile(f"{_old_form_pattern(alternative)}(?![{_WORD}])")
    return _OldMatcher(entry, pattern, probe, dari_prefix, entry.alternatives)



@dataclass(slots=True)
class _OldCandidate:
    start: int
    end: int
    stem_length: int
    matcher: _OldMatcher
    proposal: str
    confident: bool
    note: str = ""


# (Looking a member up on an enum class is slow: these run once per match.)


def _old_candidates(
    text: str, lexicon: _OldLexicon, starts: list[int] | None = None
) -> list[_OldCandidate]:
    """The lexicon forms in the folded ``text``, in order; of overlapping ones, the first
    and then the longest is kept. ``starts``: ``lexicon._index.starts(text)``, if known."""
    index = lexicon._index
    if starts is None:
        starts = index.starts(text)
    if not starts and not index.fallback:
        return []
    found: list[_OldCandidate] = []
    for matcher, places in index.plausible(text, starts):
        entry = matcher.entry
        for match in _matches(matcher.pattern, text, places):
            start, end = match.span()
            if matcher.dari_prefix and matcher.dari_prefix.match(text, start):
                continue  # already the Dari form (وزارت دفاع ملی contains وزارت دفاع)
            stem, rest = match.group("stem"), match.group("rest")
            if entry.mode is _DATE:
                if rest or not _in_date(text, start, end):
                    continue
                found.append(_OldCandidate(start, end, len(stem), matcher, entry.dari, True))
                continue
            inflected = _inflected(stem, rest, matcher.alternatives)
            if inflected is None:
                continue
            proposal, confident, hidden = inflected
            note = EZAFE_NOTE if hidden and _NEXT_WORD.match(text, end) else ""
            found.append(_OldCandidate(start, end, len(stem), matcher, proposal, confident, note))
    if len(found) < 2:
        return found
    found.sort(key=lambda c: (c.start, -c.stem_length, -c.end))
    chosen: list[_OldCandidate] = []
    position = 0
    for candidate in found:
        if candidate.start >= position:
            chosen.append(candidate)
            position = candidate.end
    return chosen


def _old_adapt_to_dari(text: str, lexicon: _OldLexicon) -> Adaptation:
    """Adapt Persian text to Dari with the lexicon.

    Args:
        text: A Persian or Dari text (e.g. an Iranian-model draft).
        lexicon: The loaded lexicon.

    Returns:
        The adapted text with Arabic ``ي ى ك`` folded to ``ی ک``, the replacements made
        (positions in the new text) and the suggestions (Iranian forms left in place:
        ``suggest`` rows, and replacements whose suffix cannot be re-attached safely).
    """
    text = _old_folded(text)
    out: list[str] = []
    replaced: list[LexiconHit] = []
    suggestions: list[LexiconHit] = []
    position = 0
    length = 0
    for candidate in _old_candidates(text, lexicon):
        gap = text[position : candidate.start]
        out.append(gap)
        length += len(gap)
        found = text[candidate.start : candidate.end]
        entry = candidate.matcher.entry
        if entry.mode is _SUGGEST or not candidate.confident:
            note = "" if entry.mode is _SUGGEST else "suffix on the Dari form: check"
            suggestions.append(
                LexiconHit(length, length + len(found), found, candidate.proposal, entry, note)
            )
            out.append(found)
            length += len(found)
        else:
            end = length + len(candidate.proposal)
            replaced.append(
                LexiconHit(length, end, found, candidate.proposal, entry, candidate.note)
            )
            out.append(candidate.proposal)
            length += len(candidate.proposal)
        position = candidate.end
    out.append(text[position:])
    return Adaptation("".join(out), replaced, suggestions)


def _old_iranian_forms_in(text: str, lexicon: _OldLexicon) -> list[LexiconHit]:
    """Iranian forms that the lexicon says must be replaced, still present in ``text`` (QA).

    Counts ``replace`` rows anywhere (with their suffixes) and ``date`` rows inside dates.
    ``suggest`` rows are preferences and are not counted.

    Args:
        text: A Dari text (for example an adapted, reviewed translation).
        lexicon: The loaded lexicon.

    Returns:
        One hit per occurrence, positions in ``text`` (Arabic yeh/kaf are matched too).
    """
    starts = lexicon._index.starts(text)  # the same places in the text and its folded form
    if not starts and not lexicon._index.fallback:
        return []  # the usual case: no lexicon form at all
    return [
        LexiconHit(c.start, c.end, text[c.start : c.end], c.proposal, c.matcher.entry)
        for c in _old_candidates(_old_folded(text), lexicon, starts)
        if c.matcher.entry.mode is not _SUGGEST
    ]


@dataclass(frozen=True)
class _OldLexicon:
    """What the old code used of ``Lexicon``, built as ``Lexicon.of`` built it."""

    entries: tuple[LexiconEntry, ...]
    _matchers: tuple[_OldMatcher, ...]
    _index: _OldIndex

    @classmethod
    def of(cls, entries: tuple[LexiconEntry, ...]) -> _OldLexicon:
        matchers = tuple(_old_compile(entry) for entry in entries)
        return cls(tuple(entries), matchers, _OldIndex.of(matchers))


def _assert_same(lexicon: Lexicon, old: _OldLexicon, text: str) -> None:
    assert iranian_forms_in(text, lexicon) == _old_iranian_forms_in(text, old), text
    assert adapt_to_dari(text, lexicon) == _old_adapt_to_dari(text, old), text
    folded = _folded(text)
    assert lexicon._index.starts(folded) == old._index.starts(text), text


def _spelled(text: str, spelling: int) -> str:
    """``text`` with some of its ی ک in Arabic letters (bits of ``spelling``: ي, ى, ك)."""
    if spelling & 1:
        text = text.replace("ی", ARABIC_YEH, 2)
    if spelling & 2:
        text = text.replace("ی", ALEF_MAKSURA, 1)
    if spelling & 4:
        text = text.replace("ک", ARABIC_KAF)
    return text


_SHIPPED = load_lexicon(LOCALES / "fa_AF" / "dari_lexicon.tsv")
_SHIPPED_OLD = _OldLexicon.of(_SHIPPED.entries)

# Made-up rows: forms cut by a ZWNJ, a space or a comma (probes in ``fallback``), forms
# beginning with a non-word character or a space, one- and two-letter forms, Arabic
# letters in a form, a Latin one, forms sharing a start, a Dari form extending the
# Iranian one, a form that begins another (سر, سرها, سر سر) and common words.
_POOL = [
    ("ده", "ر"), ("دهم", "ز / ژ"), ("دهکده", "دهکده ملی"), ("سر", "ح"), ("سرها", "ظ"),
    ("سر سر", "ض"), ("مه", "ص"), ("دی", "جدی"), ("تیر", "سرطان"), ("مهر", "میزان"),
    ("ب‌ها", "پ"), ("ای،ب", "ت"), ("د,ب", "ث"), ("، ده", "چ"), (" سر", "ح"), ("(ده)", "خ"),
    ("۱۰ ماه", "د"), ("ی", "ذ"), ("ا", "ط"), ("كار", "س"), ("کار ده", "ش"),
    ("استان", "ولایت"), ("ANA", "ع"), ("مرز", "سرحد"), ("بیمارستان", "شفاخانه"),
    ("ارتش", "اردو"), ("کلنگ‌زنی", "کلنگ زدن"), ("وزارت کشور", "وزارت امور داخله"),
    ("دیگر", "غ"), ("يار", "یار"), ("ـده", "ت"), ("x-y", "z"), ("ماه", "برج"),
]
_MODES = [LexiconMode.REPLACE, LexiconMode.SUGGEST, LexiconMode.DATE]

_SUFFIXES = ["", "", "ها", f"{ZWNJ}ها", "های", "ان", "یان", "ی", "ای", f"{ZWNJ}ای", "م",
             "ش", "شان", "ام", "اش", "ستان", "ا", "ANA", "\u064e", "ـ"]
_JOINERS = [" ", " ", " ", "  ", "\u00a0", ZWNJ, "\u200d", "", "، ", "،", ",", ". ", ".", "/",
            " / ", "«", "»", "(", ")", "\n", "\t", ": ", "؟", "-", "#", "٪", "٫", "😀", "é",
            "\u066e", "\u06d4", "_"]
_WORDS = ["در", "و", "گفت", "ماه", f"ماه{ZWNJ}", "روز", "۲۱", "10", "٢١", "۱۴۰۳", "2024",
          "اردوی", "وزارت", "است", "دیگر", "دیدار", "مهم", "تیراندازی", "آذربایجان", "ملی",
          "کل", "امریکا", "ننګرهار", "هم", "بی", "می", "ي", "ك", "ى", "A", "ab"]
_LETTERS = "استانیکدهوزرمبپلشيكى" + ZWNJ + " ۱١1ـ\u064e"


def _pieces(forms: list[str]) -> st.SearchStrategy[str]:
    """Words (``forms``, spaced and joined in other ways, with suffixes), joiners, words
    of no lexicon, short runs of letters."""
    variants = []
    for form in forms:
        variants += [form, form.replace(" ", ZWNJ).replace("،", ","),
                     form.replace(ZWNJ, " ").replace(" ", "\u00a0 ", 1)]
    words = [variant + suffix for variant in variants for suffix in _SUFFIXES]
    return st.one_of(
        st.sampled_from(words),
        st.sampled_from(_JOINERS + _WORDS),
        st.text(alphabet=_LETTERS, max_size=5),
    )


def _forms(entries: tuple[LexiconEntry, ...]) -> list[str]:
    return [form for entry in entries for form in (entry.iranian, *entry.alternatives)]


# --- pinned texts -------------------------------------------------------------------------

_PINNED = [
    "", " ", "ارتش", "مه", "ارتش.", "«ارتش»", "(بیمارستان)", "x/مرز", "a.ارتش", "-مرز",
    "#ارتش", "😀ارتش", "éارتش", "\u066eارتش", "Aارتش", "_ارتش", "\u064eارتش", "هم‌مرز",
    "هم\u200dمرز", "ـمرز", "۱۵دی ۱۴۰۰", "دی۱۴۰۰", "دی١٤٠٠", "۱۵ دی", "۱۵\u00a0دی",
    "۱۵/دی/۱۴۰۰", "ماه دی", "ماه\u00a0مهر", "دیگر و مهم و تیراندازی و آذربایجان",
    "سال ۱۴۰۰\tارتش\nمرز", "ارتش\u00a0امریکا", "بيمارستان و كارت ملي", "ارتشيان",
    "وزارت\u00a0کشور و وزارت\u200cکشور و وزارت کشوری", "۲۱ بهمن ۱۳۹۷ و بهمن گفت",
    "اردوی ملی افغانستان (ANA) در سال ۲۰۰۷", "وزارت گفت که ۲٪ مکاتب در این ولایت",
    "https://www.nato.int/cps/en/natohq/news_4.htm" + "/مرز", "۱۲۳۴۵۶۷۸۹۰" * 8 + "ارتش",
    "،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،،ارتش", "ارتش" + " " * 60 + "امریکا",
]


@pytest.mark.parametrize("text", _PINNED)
@pytest.mark.parametrize("spelling", [0, 7])
def test_pinned_texts_give_the_old_results(text: str, spelling: int) -> None:
    _assert_same(_SHIPPED, _SHIPPED_OLD, _spelled(text, spelling))


_ODD_ENTRIES = tuple(
    LexiconEntry(iranian, dari, "x", mode, "test")
    for (iranian, dari), mode in zip(_POOL, _MODES * len(_POOL))
)
_ODD = Lexicon.of(_ODD_ENTRIES)
_ODD_OLD = _OldLexicon.of(_ODD_ENTRIES)


@pytest.mark.parametrize("text", [
    *_PINNED, "ای،ب و ای,ب", "سر سر سر، سرها", "(ده)(ده) ده‌ده", "x(ده)", "x—(ده)", "۱۰ ماه۱۰ ماه",
    "۱۰\u00a0ماه", "كار ده و کار\u200cده", " سر، ده،ده ب‌ها", "دهکده ملی و دهکده", "x-y", "ax-y",
])
def test_pinned_texts_with_made_up_rows_give_the_old_results(text: str) -> None:
    _assert_same(_ODD, _ODD_OLD, text)


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("iranian", "dari"), _POOL)
def test_each_made_up_row_alone_gives_the_old_results(
    iranian: str, dari: str, mode: LexiconMode
) -> None:
    # One row at a time, so that no other row's stem makes the QA scan say «maybe».
    entries = (LexiconEntry(iranian, dari, "x", mode, "test"),)
    lexicon, old = Lexicon.of(entries), _OldLexicon.of(entries)
    for form in (iranian, iranian.strip(), dari):
        for before in ("", " ", "x", "x—", "—", "«", "۱۰ ", "۱۰", "\u00a0", ZWNJ, "ـ", "a"):
            for after in ("", " ۱۴۰۰", "۱۴۰۰", "ها", " و", ".", ZWNJ + "ها"):
                _assert_same(lexicon, old, before + form + after)
                _assert_same(lexicon, old, _spelled(f"{before}{form}{after} {form}", 7))


# --- generated texts and lexicons ---------------------------------------------------------


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces(_forms(_SHIPPED.entries)), max_size=14), st.integers(0, 7))
def test_generated_texts_give_the_old_results(pieces: list[str], spelling: int) -> None:
    _assert_same(_SHIPPED, _SHIPPED_OLD, _spelled("".join(pieces), spelling))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(_POOL), st.sampled_from(_MODES)), min_size=1, max_size=8),
    st.data(),
)
def test_generated_lexicons_give_the_old_results(
    rows: list[tuple[tuple[str, str], LexiconMode]], data: st.DataObject
) -> None:
    entries = tuple(LexiconEntry(form, dari, "x", mode, "test") for (form, dari), mode in rows)
    lexicon, old = Lexicon.of(entries), _OldLexicon.of(entries)
    pieces = st.lists(_pieces(_forms(entries)), max_size=12)
    for _ in range(8):
        text = "".join(data.draw(pieces))
        _assert_same(lexicon, old, _spelled(text, data.draw(st.integers(0, 7))))


# --- the QA scan itself -------------------------------------------------------------------


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces(_forms(_SHIPPED.entries) + _forms(_ODD_ENTRIES)), max_size=14))
def test_both_forms_of_the_qa_regex_agree_and_miss_no_hit(pieces: list[str]) -> None:
    # The match (Python 3.11+, stems beginning with a word character) and the search
    # (Python 3.10, or a stem beginning with another character) find the same texts, and
    # neither says no where a replace or date row matches.
    text = _folded("".join(pieces))
    for lexicon, old in ((_SHIPPED, _SHIPPED_OLD), (_ODD, _ODD_OLD)):
        hits = _old_iranian_forms_in(text, old)
        assert lexicon._index.may_match_qa(text) or not hits, text
    if _POSSESSIVE:
        stems = [["ار", "تش"], ["م", "ه", "(?![ء-يپ-ی])"], ["د", "ی"], ["A"]]
        match, anywhere = _qa_pattern(stems, True, possessive=True)
        search, anywhere_too = _qa_pattern(stems, True, possessive=False)
        assert (anywhere, anywhere_too) == (False, True)
        copy = " " + text
        assert (re.match(match, copy) is None) == (re.search(search, copy) is None), text


def test_the_qa_regex_is_a_search_where_a_stem_begins_with_another_character() -> None:
    assert _SHIPPED._index.qa_anywhere is not _POSSESSIVE
    assert _ODD._index.qa_anywhere  # «(ده)» and «۱۰ ماه» begin with non-word characters
    # The probes in ``fallback`` of replace and date rows, not those of suggest rows only.
    index = _ODD._index
    assert set(index.qa_fallback) == {
        probe
        for probe, group in index.fallback
        if any(matcher.entry.mode is not _SUGGEST for _, matcher in group)
    }
    assert index.qa_fallback and len(index.qa_fallback) < len(index.fallback)


def test_the_trie_matches_what_its_forms_match() -> None:
    forms = [["ا", "ب"], ["ا", "ب", "پ"], ["ا", "ت"], ["ب"], ["ت", "(?:[ \u00a0]+|\u200c)", "ث"]]
    pattern = re.compile(_trie(forms))
    plain = re.compile("|".join("".join(form) for form in forms))
    for text in ["اب", "ابپ", "ات", "ب", "ت ث", "ت\u200cث", "تث", "ا", "پ", "ت  \u00a0ث"]:
        assert bool(pattern.match(text)) == bool(plain.match(text)), text


# --- what is compiled, and when -----------------------------------------------------------


def test_regexes_are_compiled_when_first_needed() -> None:
    lexicon = load_lexicon(LOCALES / "fa_AF" / "dari_lexicon.tsv")
    index = lexicon._index
    assert index._scanner is None and index._qa_scan is None
    assert all(m._pattern is None and m._dari_prefix is None for m in lexicon._matchers)
    assert any(m.dari_prefix_text for m in lexicon._matchers)
    assert iranian_forms_in("وزارت امور داخله گفت که ۲۰ مکتب باز شد.", lexicon) == []
    assert index._qa_scan is not None and index._scanner is None  # no row could match
    assert [str(hit) for hit in iranian_forms_in("وزارت دفاع ملی و ارتش", lexicon)] == [
        "ارتش → اردو"
    ]
    assert index._scanner is not None
    adapt_to_dari("وزارت دفاع", lexicon)
    assert [m for m in lexicon._matchers if m._dari_prefix is not None]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ايىكیکa \u0643\u064a" + ZWNJ, max_size=20))
def test_folding_is_the_old_translation(text: str) -> None:
    assert _folded(text) == text.translate(_ARABIC_FORMS)


def test_the_escape_table_is_re_escape() -> None:
    for code in [*range(0x3000), *range(0xFB00, 0x10000), 0x1F600]:
        char = chr(code)
        assert _ESCAPED.get(char, char) == re.escape(char)
