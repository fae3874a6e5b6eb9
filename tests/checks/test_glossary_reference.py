"""The ``glossary`` check and ``Glossary.find`` find what they found before their fast paths.

Compared, over generated English sources and Dari/Pashto targets, with a verbatim copy of
the code before (renamed: ``GlossaryBefore``, ``check_glossary_before``), for both starter
glossaries, a glossary of odd terms and translations, and one without a scan:

* ``find`` tries a group of one-word terms without a regex, and the scan looks ahead for
  the next tokens of terms of several tokens; ``terms_in`` gives the terms of ``find``;
* the check takes the terms from ``terms_in`` (or ``find``), and tests whether the target
  holds a translation literally before folding it, and folds before any regex.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from localize.checks import fidelity
from localize.checks._base import UnitContext, quoted
from localize.checks._text import fold
from localize.language.glossary import (
    Glossary,
    GlossaryEntry,
    GlossaryMatch,
    load_glossary,
    starter_path,
)
from localize.model import Finding, Severity

# -- the code before (localize/language/glossary.py) ----------------------------------------

# ``GlossaryMatch(start, end, term)`` without its pure-Python ``__new__`` (3x slower):
# ``_new_match(GlossaryMatch, (start, end, term))``.
_new_match = tuple.__new__


def _is_acronym(term: str) -> bool:
    letters = [char for char in term if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _term_pattern(term: str) -> str:
    words = [re.escape(word) for word in re.split(r"[\s\-\u2010\u2011]+", term) if word]
    body = r"[\s\-\u2010\u2011]+".join(words)
    if _is_acronym(term):
        variants = [body]
        if len(term) >= 4 and " " not in term:
            variants.append(re.escape(term[0] + term[1:].lower()))
        return "(?-i:" + "|".join(variants) + ")"
    if term == term.lower() and term[-1:].isalpha() and not term.endswith("s"):
        if term.endswith("man"):
            return body[: -len("man")] + "m[ae]n"
        return body + "(?:e?s)?"
    return body


# The special case folds of re's IGNORECASE: ı and İ match i, ſ matches s, the Kelvin sign
# K matches k. No other non-ASCII character matches an ASCII one.
_SPECIAL_FOLDS = "\u0131\u017f\u0130\u212a"  # ı ſ İ K
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789_"
# Lower-cases ASCII letters and turns every other byte but [a-z0-9_] into a space, so that
# the words of a text encoded as Latin-1 (one byte per character, "?" for the rest) are the
# runs of ASCII word characters, lower-cased: the "tokens" below.
_TOKEN_BYTES = bytes(
    code + 32 if 65 <= code <= 90 else code if code in _WORD_BYTES else 32
    for code in range(256)
)


def _first_tokens(term: str) -> tuple[str, ...]:
    """Every token that a match of ``_term_pattern(term)`` can begin with (its first word,
    or for a one-word term the word with each ending the pattern allows, or the ASCII letters
    that open it), or () when the term cannot be found by its first token: it opens with
    no ASCII letter, digit or _ (``#MeToo``, ``Élysée``), or holds a special fold."""
    words = [word for word in re.split(r"[\s\-\u2010\u2011]+", term) if word]
    if not words or any(char in term for char in _SPECIAL_FOLDS):
        return ()
    first = words[0].lower()
    opening = first.encode("latin-1", "replace").translate(_TOKEN_BYTES).split(b" ")[0]
    if not opening:
        return ()
    if len(opening) < len(first) or len(words) > 1:
        return (opening.decode(),)
    # More than ``_term_pattern`` allows (plurals, -man -> -men) does no harm.
    forms = [first, first + "s", first + "es"]
    if first.endswith("man"):
        forms.append(first[: -len("man")] + "men")
    return tuple(forms)


def _alternation(indexed: list[tuple[int, GlossaryEntry]]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?P<t{index}>{_term_pattern(entry.term)})"
                            for index, entry in indexed)
    return re.compile(f"(?<![\\w#@])(?:{alternatives})(?![\\w@])", re.IGNORECASE)


def _token_scan(tokens: list[bytes]) -> re.Pattern[bytes]:
    """Finds b" token" in b" " + a text's tokens for each of ``tokens``, followed by the
    end of the token. re tries the alternatives of a branch one by one, so they are grouped
    by first letter."""
    by_first: dict[bytes, list[bytes]] = {}
    for token in sorted(tokens):
        by_first.setdefault(token[:1], []).append(re.escape(token[1:]))
    branch = b"|".join(first + b"(?:" + b"|".join(rests) + b")"
                       for first, rests in by_first.items())
    return re.compile(b" (?:" + branch + b")(?= |\\Z)")


@dataclass(frozen=True)
class GlossaryBefore:
    """A loaded glossary; build with ``load_glossary`` or ``Glossary.of``."""

    entries: tuple[GlossaryEntry, ...]
    language_code: str | None = None
    path: Path | None = None
    _ordered: tuple[GlossaryEntry, ...] = field(default=(), repr=False, compare=False)
    # Finds the tokens that terms may begin with (``_first_tokens``) in b" " + a text's
    # tokens; None when some term has none (every text then takes the whole pattern).
    _scan: re.Pattern[bytes] | None = field(default=None, repr=False, compare=False)
    # For each token found by the scan (b" token"), which of ``_groups`` can match there.
    _forms: dict[bytes, int] = field(default_factory=dict, repr=False, compare=False)
    # The indexes in ``_ordered`` of the terms that may begin with one token, in order.
    _groups: tuple[tuple[int, ...], ...] = field(default=(), repr=False, compare=False)
    # The matcher of each token's group, compiled on first use: Python's re tries every
    # alternative at every position, so one pattern of 30+ terms costs ~40 us per
    # sentence, and one of the one or two plausible terms ~2 us.
    _narrow: dict[bytes, tuple[Callable[[str, int], re.Match[str] | None],
                             tuple[GlossaryEntry, ...]]] = field(
        default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        entries: list[GlossaryEntry] | tuple[GlossaryEntry, ...],
        language_code: str | None = None,
        path: Path | None = None,
    ) -> GlossaryBefore:
        """Build a glossary (and its matcher) from entries."""
        ordered = sorted(entries, key=lambda entry: (-len(entry.term), entry.term))
        by_token: dict[bytes, list[int]] = {}
        for index, entry in enumerate(ordered):
            tokens = _first_tokens(entry.term)
            if not tokens:
                return cls(tuple(entries), language_code, path, tuple(ordered))
            for token in tokens:
                by_token.setdefault(token.encode(), []).append(index)
        groups: dict[tuple[int, ...], int] = {}
        forms = {b" " + token: groups.setdefault(tuple(indexes), len(groups))
                 for token, indexes in by_token.items()}
        scan = _token_scan(list(by_token)) if by_token else None
        return cls(tuple(entries), language_code, path, tuple(ordered), scan, forms,
                   tuple(groups))

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        """The alternation of every term, compiled on first use (~5 ms): ``find`` needs it
        only for texts holding a special fold."""
        return _alternation(list(enumerate(self._ordered))) if self._ordered else None

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, term: str) -> GlossaryEntry | None:
        """The entry whose term is ``term`` (case-insensitive), or None."""
        wanted = term.casefold()
        for entry in self.entries:
            if entry.term.casefold() == wanted:
                return entry
        return None

    def find(self, english_text: str) -> list[GlossaryMatch]:
        """Glossary terms in English text, left to right, longest term first.

        Args:
            english_text: Source text.

        Returns:
            Non-overlapping matches in text order.
        """
        # re's IGNORECASE equates ı and İ with i, ſ with s and K with k, which the tokens do
        # not: texts holding them take the whole pattern.
        scan = self._scan
        if scan is None or not english_text.isascii() and (
            "\u0131" in english_text or "\u017f" in english_text
            or "\u0130" in english_text or "\u212a" in english_text
        ):
            pattern = self._pattern
            if pattern is None:
                return []
            return [GlossaryMatch(m.start(), m.end(), self._ordered[int((m.lastgroup or "")[1:])])
                    for m in pattern.finditer(english_text)]
        # Encoded as Latin-1 ("?" past it), each character is one byte at the same index.
        # Every match begins at a token that is one of its term's first tokens, so the scan
        # finds, left to right, each place where a match may begin, and only the terms of
        # the token found there can match: trying them there (from the end of the last
        # match on) finds what the whole pattern's finditer finds. (A regex pass on bytes
        # that skips to the spaces costs far less than a substring test per term, or a
        # regex pass over the text for word starts.)
        tokens = b" " + english_text.encode("latin-1", "replace").translate(_TOKEN_BYTES)
        narrow = self._narrow
        matches: list[GlossaryMatch] = []
        end = 0
        for hit in scan.finditer(tokens):
            start = hit.start()  # of the space before the token: the token's index in the text
            if start < end:
                continue
            match_at, entries = narrow.get(hit[0]) or self._narrow_matcher(hit[0])
            match = match_at(english_text, start)
            if match:
                end = match.end()
                # Each term is one group, and term patterns capture nothing else.
                matches.append(_new_match(GlossaryMatch,
                                          (start, end, entries[(match.lastindex or 0) - 1])))
        return matches

    def _narrow_matcher(
        self, token: bytes
    ) -> tuple[Callable[[str, int], re.Match[str] | None], tuple[GlossaryEntry, ...]]:
        """The alternation of the terms of the group of ``token`` (as the scan finds it), in
        glossary order, and the entry of each of its groups."""
        group = self._forms[token]
        for other, found in self._narrow.items():  # compiled for another token of the group?
            if self._forms[other] == group:
                break
        else:
            plausible = self._groups[group]
            pattern = _alternation([(i, self._ordered[i]) for i in plausible])
            found = (pattern.match, tuple(self._ordered[i] for i in plausible))
        self._narrow[token] = found
        return found


# -- the code before (localize/checks/fidelity.py) -----------------------------------------

_ALTERNATIVES_RE = re.compile(r"\s*[/|;]\s*")


def _loose_pattern(translation: str) -> str:
    """Each word may change its last letter and grow two (Pashto oblique: ملګري -> ملګرو)."""
    parts = []
    for word in fold(translation).split():
        stem = word[:-1] if len(word) >= 4 else word
        parts.append(re.escape(stem) + r"\S{0,2}")
    return r"\s*".join(parts)


_MAX_CACHED_TERMS = 4096
_TRANSLATION_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def _translation_pattern(translation: str) -> re.Pattern[str] | None:
    """One pattern finding any alternative of a glossary translation loosely (compiled once
    per translation), or None for a translation without any."""
    try:
        return _TRANSLATION_PATTERNS[translation]
    except KeyError:
        pass
    if len(_TRANSLATION_PATTERNS) >= _MAX_CACHED_TERMS:
        _TRANSLATION_PATTERNS.clear()
    alternatives = [a for a in _ALTERNATIVES_RE.split(translation.strip()) if a]
    pattern = re.compile("|".join(map(_loose_pattern, alternatives))) if alternatives else None
    _TRANSLATION_PATTERNS[translation] = pattern
    return pattern


def check_glossary_before(source: str, target: str, ctx: UnitContext) -> list[Finding]:
    """Each glossary term of the source has its translation (or itself, if kept) in the target."""
    if ctx.glossary is None:
        return []
    matches = ctx.glossary.find(ctx.source_masked)  # a term inside #NATO or a URL stays as is
    if not matches:
        return []
    folded_target = ""
    missing: list[str] = []
    seen: set[str] = set()
    for match in matches:
        term = match.term
        if term.term in seen:
            continue
        seen.add(term.term)
        if term.do_not_translate:
            if term.term.casefold() in target.casefold():
                continue
            missing.append(f"{term.term} -> {term.term}")
            continue
        pattern = _translation_pattern(term.translation)
        if pattern is None:
            continue
        folded_target = folded_target or fold(target)
        if not pattern.search(folded_target):
            missing.append(f"{term.term} -> {term.translation}")
    if not missing:
        return []
    message = f"glossary term(s) not followed: {quoted(missing)}"
    return [Finding("glossary", Severity.WARNING, message)]


# -- glossaries and texts ---------------------------------------------------------------------
DARI = load_glossary(starter_path("fa_AF", "glossary.tsv"))
PASHTO = load_glossary(starter_path("ps", "glossary.tsv"))

_ODD_ENTRIES = [
    GlossaryEntry("NATO", "ناتو / ناټو"),
    GlossaryEntry("Nato summit", "نشست ناتو"),
    GlossaryEntry("US", "امریکا | ایالات متحده ; متحده ایالات"),
    GlossaryEntry("us", "ما"),
    GlossaryEntry("UN-HCR", "کمیشنری عالی"),
    GlossaryEntry("UNHCR", "یو ان اچ سی آر"),
    GlossaryEntry("U.S.", "امریکا"),
    GlossaryEntry("U.S. Army", "اردوی امریکا"),
    GlossaryEntry("al-Qaeda", "القاعده"),
    GlossaryEntry("Herāt", "هرات"),
    GlossaryEntry("Café Kabul", "کافه کابل"),
    GlossaryEntry("Kabul", "کابل"),
    GlossaryEntry("Kabul", "كابل دوم"),  # the same term twice: only the first one matches
    GlossaryEntry("Kabul airport", "میدان هوایی کابل"),
    GlossaryEntry("spokeswoman", "سخنگوی زن"),
    GlossaryEntry("chairman", "رئیس"),
    GlossaryEntry("security man", "مامور امنیتی"),
    GlossaryEntry("Women's Affairs", "امور زنان"),
    GlossaryEntry("9/11", "یازدهم سپتامبر"),
    GlossaryEntry("G7", "گروه هفت"),
    GlossaryEntry("COVID-19", "کووید-۱۹ / COVID-19"),
    GlossaryEntry("COVID19", "", do_not_translate=True),
    GlossaryEntry("Resolute Support", "", do_not_translate=True),
    GlossaryEntry("PMG", "", do_not_translate=True),
    GlossaryEntry("Straße", "STRASSE واکسین"),  # Latin capitals and ß in a translation
    GlossaryEntry("e-mail", "ایمیل"),
    GlossaryEntry("x_y", "اکس"),
    GlossaryEntry("Ministry of Interior (MoI)", "وزارت امور داخله"),
    GlossaryEntry("d'Ivoire", "عاج"),
    GlossaryEntry("I", "من"),
    GlossaryEntry("it", "آن"),
    GlossaryEntry("ab", "ab / AB"),
    GlossaryEntry("peace talks", "د سولې خبرې / مذاکرات صلح"),
    GlossaryEntry("United Nations", "ملګري ملتونه | سازمان ملل متحد"),
    GlossaryEntry("airport", "هوايي ډګر"),  # Pashto ي
    GlossaryEntry("district", "ولسوالۍ ; ولسوالی"),
    GlossaryEntry("intra-Afghan", "بین‌الافغانی"),  # ZWNJ
    GlossaryEntry("province", "ولایت‌ها / ولايت"),
    GlossaryEntry("soldiers", "سربازان"),
    GlossaryEntry("Empty", ""),  # no alternative: never missing
    GlossaryEntry("Slashes", " / | ; "),
    GlossaryEntry("Joiner", "\u200c / شی"),  # an alternative that folds to nothing
]
ODD = Glossary.of(_ODD_ENTRIES, "fa_AF")
# A term without a first token: find takes the whole pattern for every text.
NO_SCAN = Glossary.of([GlossaryEntry("Élysée", "الیزه"), GlossaryEntry("#MeToo", "من هم"),
                       GlossaryEntry("İstanbul", "استانبول"), *_ODD_ENTRIES[:14]], "ps")
GLOSSARIES = [DARI, PASHTO, ODD, NO_SCAN]
BEFORE = [GlossaryBefore.of(glossary.entries, glossary.language_code)
          for glossary in GLOSSARIES]


@dataclass(frozen=True)
class _FindOnly:
    """A glossary without ``terms_in``: the check falls back to ``find``."""

    glossary: Glossary

    def find(self, english_text: str, /) -> list[GlossaryMatch]:
        return self.glossary.find(english_text)


def _cases(text: str) -> set[str]:
    return {text, text.lower(), text.upper(), text.title(), text.swapcase(), text.capitalize()}


_TERMS = sorted({case for glossary in GLOSSARIES for entry in glossary.entries
                 for case in _cases(entry.term)})
_ENGLISH = [
    " ", " ", " ", "  ", "-", "\u2010", "\u2011", "\n", "\t", ", ", ". ", "(", ")", "'s",
    "’s", "s", "es", "men", "#", "@", "_", "1", "é", "ā", "Ä", "\u0627", "\u00a0", "\u200c",
    "ı", "İ", "ſ", "\u212a", "\ufffc", "https://x.af/NATO", "#NATO", "@Taliban", "NATO@",
    "www.kabul.gov.af", "%s", "{0}", "the", "said", "US", "us", "un", "attacked", "Kabuli",
    "Afghan", "ministry", "National", "of", "talks", "International", "Security", "General",
    "forces", "Army", "Police", "Nations", "States", "Karzai", "Emirate", "Jirga",
]
SOURCES = st.lists(st.one_of(st.sampled_from(_TERMS), st.sampled_from(_ENGLISH)),
                   max_size=10).map("".join)


def _translation_variants(translation: str) -> set[str]:
    """Each alternative as written and folded, with Arabic yeh and kaf, ZWNJ, other
    endings (Pashto oblique), fewer letters, other spaces, in capitals."""
    found: set[str] = set()
    for alternative in re.split(r"\s*[/|;]\s*", translation):
        found |= {
            alternative, fold(alternative), alternative.replace("ی", "ي").replace("ک", "ك"),
            alternative[:1] + "\u200c" + alternative[1:], alternative[:-1],
            alternative + "و", alternative[:-1] + "و", alternative[:-1] + "ونو",
            alternative + "ې", alternative.replace(" ", "\u200c"),
            alternative.replace(" ", "  "), alternative.replace(" ", ""), alternative.upper(),
        }
    return found - {""}


_TRANSLATIONS_OF: dict[str, set[str]] = {}  # term casefolded -> its translations, varied
for _entry in [entry for glossary in GLOSSARIES for entry in glossary.entries]:
    _TRANSLATIONS_OF.setdefault(_entry.term.casefold(), set()).update(
        _translation_variants(_entry.translation), _cases(_entry.term))
_TRANSLATIONS = sorted(set().union(*_TRANSLATIONS_OF.values()))
_DARI_PASHTO = [
    " ", " ", "،", ".", "«", "»", "\u200c", "\u200d", "\u0654", "ۀ", "ه", "ي", "ك", "ى",
    "ی", "ک", "و", "در", "گفت", "۲۰۲۱", "ß", "SS", "ss", "ﬁ", "İ", "i\u0307", "Σ", "PMG",
    "pmg", "Pmg", "Resolute Support", "resolute support", "COVID19", "covid19", "\ufffc",
]


@st.composite
def units(draw: st.DrawFn) -> tuple[str, str]:
    """A source of terms and words, and a target holding, mostly, a variant of the
    translation of each of its terms, and other translations and Dari/Pashto bits."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(_TERMS), st.sampled_from(_ENGLISH)),
                           max_size=10))
    other = st.one_of(st.sampled_from(_TRANSLATIONS), st.sampled_from(_DARI_PASHTO))
    target: list[str] = draw(st.lists(other, max_size=3))
    for piece in pieces:
        own = _TRANSLATIONS_OF.get(piece.casefold())
        if own and draw(st.integers(0, 4)):
            target.append(draw(st.sampled_from(sorted(own))))
            target.extend(draw(st.lists(other, max_size=2)))
    return "".join(pieces), "".join(target)


# -- the comparisons --------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(unit=units())
@example(unit=("NATO's Secretary-General met the Taliban in Kabul.",
               "دبیر‌كل ناتو با طالبان در کابل دیدار کرد."))
@example(unit=("The United Nations and the UN Security Council",
               "د ملګرو ملتونو او د ملګرو ملتونو امنیت شورا"))
@example(unit=("Kabul (PMG) - the us-backed UN-HCR, U.S. Army and Resolute Support",
               "کابل (pmg) امریکا اردوی امريكا RESOLUTE SUPPORT"))
@example(unit=("#NATO https://x.af/Taliban @Kabul Kabul@ x_y COVID19 Straße",
               "اکس covid19 strasse واکسین"))
@example(unit=("Afghan National Army, afghan national police, Afghan-National Army",
               "اردوی ملی افغانستان، افغان ملي اردو"))
@example(unit=("İstanbul ıs a \u212aabul district; districts and spokesmen", "ولسوالۍ"))
def test_check_glossary_finds_what_it_found_before(unit: tuple[str, str]) -> None:
    source, target = unit
    for glossary, before in zip(GLOSSARIES, BEFORE, strict=True):
        language = glossary.language_code or "fa_AF"
        expected = check_glossary_before(
            source, target, UnitContext.build(source, target, language, before))
        for like in (glossary, _FindOnly(glossary)):
            ctx = UnitContext.build(source, target, language, like)
            assert fidelity.check_glossary(source, target, ctx) == expected


@settings(max_examples=1000, deadline=None)
@given(text=SOURCES)
@example("Ministry of Interior (MoI), Ministry of Finance, peace, peace talks, intra-Afghan")
@example("u.s. US-us Us U.S.Army U.S.  Army NATO’s Nato\u00a0Kabul Kabul_x G7s g7 I it IT")
@example("spokesman spokesmen spokesmans Spokeswomen chairmen security men SECURITY MAN")
@example("Kabulé éKabul Kabul\u0627 \u0627Kabul Kabul2 NATO@ @NATO #Kabul Kabul# x_y x_yz")
def test_find_and_terms_in_find_what_find_found_before(text: str) -> None:
    for glossary, before in zip(GLOSSARIES, BEFORE, strict=True):
        expected = [(m.start, m.end, m.term) for m in before.find(text)]
        assert [(m.start, m.end, m.term) for m in glossary.find(text)] == expected
        assert glossary.terms_in(text) == [term for _, _, term in expected]
        spans: list[tuple[int, int]] = []
        glossary.terms_in(text, spans)
        assert spans == [(start, end) for start, end, _ in expected]


_FOLDED = "يىكۀ\u0654\u200c\u200dیکهaAßẞİiıΣσςﬁ ‌ "


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_FOLDED, max_size=8), st.text(alphabet=_FOLDED, max_size=8))
def test_fold_and_casefold_map_each_character_alone(left: str, right: str) -> None:
    """The check's literal test relies on it: a target holding a literal holds it folded."""
    assert fold(left + right) == fold(left) + fold(right)
    assert (left + right).casefold() == left.casefold() + right.casefold()


def test_the_glossaries_take_both_paths() -> None:
    assert NO_SCAN._scan is None
    for glossary in (DARI, PASHTO, ODD):
        assert glossary._scan is not None


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("NATO and the Taliban in Kabul.", "ناتو و طالبان در کابل.", None),
        ("NATO and the Taliban in Kabul.", "ناتو و طالبان در كابل.", None),  # Arabic kaf
        ("the Secretary-General", "دبیر‌کل", None),  # ZWNJ
        ("The Taliban said.", "آنها گفتند.", "'Taliban -> طالبان'"),
        ("Kabul (PMG)", "کابل (pmg)", None),
        ("Kabul (PMG)", "کابل", "'PMG -> PMG'"),
        ("#NATO and https://x.af/Taliban", "هشتگ", None),  # masked: no term
        ("the US and us", "ما", "'US -> امریکا'"),
        ("Afghan National Army soldiers", "سربازان", "'Afghan National Army -> اردوی ملی افغانستان'"),
    ],
)
def test_pinned_dari_findings(source: str, target: str, message: str | None) -> None:
    ctx = UnitContext.build(source, target, "fa_AF", DARI)
    found = fidelity.check_glossary(source, target, ctx)
    before = check_glossary_before(source, target, UnitContext.build(
        source, target, "fa_AF", GlossaryBefore.of(DARI.entries, "fa_AF")))
    assert found == before
    if message is None:
        assert found == []
    else:
        assert found == [Finding("glossary", Severity.WARNING,
                                 f"glossary term(s) not followed: {message}")]


def test_pinned_pashto_oblique_and_old_spelling() -> None:
    source = "The United Nations and NATO"
    ok = "د ملګرو ملتونو او ناټو"
    assert fidelity.check_glossary(source, ok, UnitContext.build(source, ok, "ps", PASHTO)) == []
    old = "د ملګرو ملتونو او ناتو"
    [finding] = fidelity.check_glossary(source, old, UnitContext.build(source, old, "ps", PASHTO))
    assert finding.message == "glossary term(s) not followed: 'NATO -> ناټو'"
