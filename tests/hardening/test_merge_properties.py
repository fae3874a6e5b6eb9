"""Merge invariants, property-based: whatever an editor does to an article, updating its
catalog loses no translation, keeps unchanged sentences as they were, and the result
survives GNU ``msgmerge`` with its template.

A random article gets a catalog whose units are in random states (untranslated, draft,
reviewed, approved); then one to three rounds of random edits (insert, delete, change a
word, reorder paragraphs, split or join sentences, whitespace between or inside sentences)
each followed by ``plan_extract`` + ``write_extract``. After every round:

* the catalog's active units are exactly the edited article's units;
* a unit whose sentence is unchanged keeps its state, its translation and its comments;
* every reviewed or approved translation ever made is still in the file: active on its
  sentence, carried to the edited sentence as source-changed with ``#|`` (and
  ``previous_source``) naming the old English, or obsolete (``#~``) under its old English;
  drafts are never lost either;
* template and catalog pass ``msgfmt --check``;
* ``msgmerge catalog template`` changes no unit's state, translation or translator notes;
  and (a separate test) localize's own comments come back from GNU tools exactly.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize.catalog import Catalog, load_catalog, save_catalog
from localize.extract import plan_extract, write_extract
from localize.langs import LANGUAGES
from localize.model import Origin, Provenance, State
from localize.project import Locales
from localize.segment import segment_article

from .conftest import msgfmt_check

pytestmark = pytest.mark.skipif(not (shutil.which("msgmerge") and shutil.which("msgfmt")),
                                reason="needs GNU gettext")

DARI = LANGUAGES["fa_AF"]
NOW = dt.datetime(2024, 6, 11, 9, 0, tzinfo=dt.timezone.utc)
# Plain words of four letters or more: no abbreviation, title, month or list label.
WORDS = ["government", "officials", "talks", "ministers", "security", "council", "province", "women", "schools", "health", "refugees", "border", "trade", "election", "police", "army", "president", "report", "people", "percent", "city", "peace", "agreement", "district", "governor", "elders", "villages", "farmers", "teachers", "doctors", "clinics", "roads", "bridges", "markets", "prices", "wheat", "water", "power", "budget", "donors", "envoy", "delegation", "commission", "ceasefire", "prisoners"]
STATES = ("untranslated", "draft", "reviewed", "approved")

Article = list[list[list[str]]]  # paragraphs of sentences of words

sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=10)
article_strategy = st.lists(st.lists(sentence, min_size=1, max_size=4), min_size=1, max_size=5)
index = st.integers(0, 1000)
edit = st.one_of(
    st.tuples(st.just("insert"), index, index, sentence),
    st.tuples(st.just("delete"), index, index),
    st.tuples(st.just("change"), index, index, index, st.sampled_from(WORDS)),
    st.tuples(st.just("reorder"), index),
    st.tuples(st.just("split"), index, index, index),
    st.tuples(st.just("join"), index, index),
    st.tuples(st.just("space"), st.sampled_from(["between", "trailing", "blank-lines",
                                                 "inside"]), index, index, index),
)


class Text:
    """An article being edited: its words and how whitespace is laid out."""

    def __init__(self, paragraphs: Article) -> None:
        self.paragraphs = [[list(s) for s in p] for p in paragraphs]
        self.between = " "
        self.trailing = ""
        self.paragraph_break = "\n"

    def render(self) -> str:
        lines = []
        for paragraph in self.paragraphs:
            sentences = [" ".join(words) for words in paragraph]
            sentences = [s[0].upper() + s[1:] + "." for s in sentences]
            lines.append(self.between.join(sentences) + self.trailing)
        return self.paragraph_break.join(lines) + "\n"

    def _sentence(self, p: int, s: int) -> tuple[list[list[str]], int]:
        paragraph = self.paragraphs[p % len(self.paragraphs)]
        return paragraph, s % len(paragraph)

    def apply(self, step: tuple) -> None:  # type: ignore[type-arg]
        kind = step[0]
        if kind == "insert":
            paragraph = self.paragraphs[step[1] % len(self.paragraphs)]
            paragraph.insert(step[2] % (len(paragraph) + 1), list(step[3]))
        elif kind == "delete":
            if sum(map(len, self.paragraphs)) > 1:
                paragraph, s = self._sentence(step[1], step[2])
                del paragraph[s]
                self.paragraphs = [p for p in self.paragraphs if p]
        elif kind == "change":
            paragraph, s = self._sentence(step[1], step[2])
            words = paragraph[s]
            words[step[3] % len(words)] = step[4]
        elif kind == "reorder":
            random.Random(step[1]).shuffle(self.paragraphs)
        elif kind == "split":
            paragraph, s = self._sentence(step[1], step[2])
            words = paragraph[s]
            if len(words) >= 2:
                cut = 1 + step[3] % (len(words) - 1)
                paragraph[s : s + 1] = [words[:cut], words[cut:]]
        elif kind == "join":
            paragraph, s = self._sentence(step[1], step[2])
            if s + 1 < len(paragraph):
                paragraph[s : s + 2] = [paragraph[s] + paragraph[s + 1]]
        elif step[1] == "between":
            self.between = "  "
        elif step[1] == "trailing":
            self.trailing = " \t"
        elif step[1] == "blank-lines":
            self.paragraph_break = "\n\n"
        else:  # a doubled space inside a sentence: the sentence's text changes
            paragraph, s = self._sentence(step[2], step[3])
            words = paragraph[s]
            position = step[4] % len(words)
            words[position] = words[position] + " "


def set_states(catalog: Catalog, choices: list[str]) -> None:
    """Put unit ``i`` in state ``choices[i % len]`` with the public API (and a PO editor's
    act of removing ``fuzzy``), each with a distinct translation and a translator note."""
    provenance = Provenance(Origin.MACHINE, "demo", "1", "prs", "2024-06-10")
    for number, unit in enumerate(catalog.units()):
        state = choices[number % len(choices)]
        if state == "untranslated":
            continue
        catalog.set_draft(unit.source, f"پیش‌نویس {number}", provenance)
        if state in ("reviewed", "approved"):
            entry = next(e for e in catalog.po if e.msgid == unit.source and not e.obsolete)
            entry.flags.remove("fuzzy")
            entry.msgstr = f"بازبینی‌شده {number} {unit.source[:12]}"
            entry.tcomment += f"\nnote from the translator {number}"
        if state == "approved":
            catalog.approve(unit.source, "Editor", "2024-06-11")
    save_catalog(catalog)


def extract(article: Path, locales: Locales) -> None:
    write_extract(plan_extract([article], [DARI], locales, NOW), locales)


def view(catalog: Catalog) -> dict[str, tuple[State, str, str | None, tuple[str, ...]]]:
    return {u.source: (u.state, u.target, u.previous_source, u.notes) for u in catalog.units()}


def check_round(before: Catalog, after: Catalog, text: str, kept_work: set[str]) -> None:
    sources = {segment.text for segment in segment_article(text)}
    old, new = view(before), view(after)
    assert set(new) == sources, "the catalog's units are not the article's units"
    for source in set(old) & sources:  # an unchanged sentence keeps everything
        assert new[source] == old[source], f"unchanged sentence changed: {source!r}"
    entries = [(e.msgid, e.msgstr, e.obsolete) for e in after.po]
    previous = {u.source: u.previous_source for u in after.units()}
    for unit in before.units() + before.obsolete_units():
        if not unit.target:
            continue
        assert any(
            msgstr == unit.target
            and (msgid == unit.source or (not obsolete and previous.get(msgid) == unit.source))
            for msgid, msgstr, obsolete in entries
        ), f"translation of {unit.source!r} is gone"
    carried = [u for u in after.units() if u.state is State.SOURCE_CHANGED]
    for unit in carried:
        assert unit.previous_source and unit.previous_source not in sources
    texts = {msgstr for _, msgstr, _ in entries}
    assert kept_work <= texts, f"reviewed work lost: {kept_work - texts}"


def states(catalog: Catalog) -> dict[str, tuple[State, str, tuple[str, ...]]]:
    return {u.source: (u.state, u.target, u.notes) for u in catalog.units()}


def check_msgmerge(po: Path, pot: Path, tmp: Path) -> None:
    """``msgmerge`` (no options, as translators and Weblate run it) keeps every state.

    The exact text of localize's own long comments is checked separately
    (``test_long_localize_comments_survive_gnu_gettext``)."""
    merged = tmp / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "-o", str(merged), str(po), str(pot)], check=True)
    ours, theirs = load_catalog(po, "fa_AF"), load_catalog(merged, "fa_AF")
    assert states(theirs) == states(ours), "msgmerge changed a unit's state or text"
    assert sorted((u.source, u.target) for u in theirs.obsolete_units()) == sorted(
        (u.source, u.target) for u in ours.obsolete_units())


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(base=article_strategy,
       states=st.lists(st.sampled_from(STATES), min_size=1, max_size=8),
       rounds=st.lists(st.lists(edit, min_size=1, max_size=4), min_size=1, max_size=3))
def test_article_edits_never_lose_a_translation(
    base: Article, states: list[str], rounds: list[list[tuple]]  # type: ignore[type-arg]
) -> None:
    with tempfile.TemporaryDirectory(prefix="merge-") as name:
        tmp = Path(name)
        article = tmp / "story.txt"
        text = Text(base)
        article.write_text(text.render(), encoding="utf-8")
        locales = Locales(tmp / "locales")
        extract(article, locales)
        po, pot = locales.catalog_path("fa_AF", "story"), locales.template_path("story")
        set_states(load_catalog(po, "fa_AF"), states)
        kept_work: set[str] = set()
        for edits in rounds:
            before = load_catalog(po, "fa_AF")
            kept_work |= {u.target for u in before.units() if u.state >= State.REVIEWED}
            for step in edits:
                text.apply(step)
            article.write_text(text.render(), encoding="utf-8")
            extract(article, locales)
            after = load_catalog(po, "fa_AF")
            check_round(before, after, text.render(), kept_work)
            assert msgfmt_check(po) is None and msgfmt_check(pot) is None
            check_msgmerge(po, pot, tmp)


def test_whitespace_between_sentences_changes_no_state(tmp_path: Path) -> None:
    """Re-wrapping spaces and blank lines between sentences is not an edit of any sentence."""
    article = tmp_path / "story.txt"
    text = Text([[["security", "talks", "resume"], ["police", "report", "calm"]],
                 [["donors", "pledge", "wheat"]]])
    article.write_text(text.render(), encoding="utf-8")
    locales = Locales(tmp_path / "locales")
    extract(article, locales)
    po = locales.catalog_path("fa_AF", "story")
    set_states(load_catalog(po, "fa_AF"), ["reviewed", "approved", "draft"])
    before = view(load_catalog(po, "fa_AF"))
    for step in [("space", "between", 0, 0, 0), ("space", "trailing", 0, 0, 0),
                 ("space", "blank-lines", 0, 0, 0)]:
        text.apply(step)
    article.write_text(text.render(), encoding="utf-8")
    extract(article, locales)
    assert view(load_catalog(po, "fa_AF")) == before


@pytest.mark.xfail(strict=True, reason="known gap, found by the property test above: a "
                   "sentence that returns after its translation was carried to an edited "
                   "copy of it comes back untranslated (msgmerge would offer it fuzzy)")
def test_a_sentence_that_returns_gets_its_carried_translation_back(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    text = Text([[["government", "government", "government"],
                  ["government", "government", "government", "officials"]]])
    article.write_text(text.render(), encoding="utf-8")
    locales = Locales(tmp_path / "locales")
    extract(article, locales)
    po = locales.catalog_path("fa_AF", "story")
    set_states(load_catalog(po, "fa_AF"), ["draft"])
    # The second sentence is edited: its draft is carried to the edit, source-changed.
    text.apply(("change", 0, 1, 0, "officials"))
    article.write_text(text.render(), encoding="utf-8")
    extract(article, locales)
    # Its old wording comes back as a new sentence, beside the edited one.
    text.apply(("insert", 0, 0, ["government", "government", "government", "officials"]))
    article.write_text(text.render(), encoding="utf-8")
    extract(article, locales)
    returned = view(load_catalog(po, "fa_AF"))["Government government government officials."]
    assert returned[1], "the returning sentence has no translation"


@pytest.mark.parametrize("tool", ["msgmerge", "msgcat"])
def test_long_localize_comments_survive_gnu_gettext(tool: str, tmp_path: Path) -> None:
    """A long machine draft and draft note (on a draft) and a long previous English (on a
    source-changed unit) read back the same after GNU ``msgmerge``/``msgcat``: news sentences
    are long, and those tools join a comment line that ends in a backslash with the next."""
    article = tmp_path / "story.txt"
    first = ("The ministry said the budget for the vaccination campaign in the northern "
             "provinces would rise by twelve million dollars next year.")
    second = ("Officials in Kandahar said that more than four thousand families had returned "
              "home since the floods destroyed the main road in the spring.")
    article.write_text(f"{first} {second}\n", encoding="utf-8")
    locales = Locales(tmp_path / "locales")
    extract(article, locales)
    po, pot = locales.catalog_path("fa_AF", "story"), locales.template_path("story")
    catalog = load_catalog(po, "fa_AF")
    provenance = Provenance(Origin.MACHINE, "demo", "1", "prs", "2024-06-10")
    long_draft = ("وزارت گفت که بودجهٔ کارزار واکسین در ولایات شمالی سال آینده دوازده میلیون "
                  "دالر افزایش می‌یابد و این پول برای خرید واکسین و معاش کارکنان صحی است.")
    long_note = ("the engine dropped the number 12 and the name of the ministry; check both "
                 "against the English before you confirm this draft")
    catalog.set_draft(first, long_draft, provenance, [long_note])
    catalog.set_draft(second, "پیش‌نویس دوم", provenance)
    save_catalog(catalog)
    edited = second.replace("four thousand", "five thousand")
    article.write_text(f"{first} {edited}\n", encoding="utf-8")
    extract(article, locales)  # the second unit is now source-changed
    ours = {u.source: u for u in load_catalog(po, "fa_AF").units()}
    assert ours[first].machine_draft == long_draft and ours[first].notes == ()
    assert ours[edited].state is State.SOURCE_CHANGED and ours[edited].previous_source == second
    out = tmp_path / "out.po"
    command = ([tool, "--quiet", "-o", str(out), str(po), str(pot)] if tool == "msgmerge"
               else [tool, "-o", str(out), str(po)])
    subprocess.run(command, check=True)
    theirs = {u.source: u for u in load_catalog(out, "fa_AF").units()}
    assert theirs[edited].state is State.SOURCE_CHANGED
    assert theirs[edited].previous_source == second, "the previous English was corrupted"
    assert theirs[first].machine_draft == long_draft, "the machine draft was corrupted"
    assert [f.message for f in theirs[first].findings] == []
    draft_notes = [ln for ln in str(load_catalog(out, "fa_AF").po).split("\n")
                   if ln.startswith("# draft-note: ")]
    assert len(draft_notes) >= 1 and all("# draft-note:" not in ln[2:] for ln in draft_notes)


def test_an_approval_does_not_survive_a_source_change_made_by_msgmerge(tmp_path: Path) -> None:
    """The Weblate / ``msgmerge --update`` path: the English of an approved sentence changes,
    msgmerge fuzzy-matches it, the translator confirms the old translation unchanged. The
    editor approved a translation of other English, so the unit must be reviewed, not approved
    (localize's own update drops the approval when the English changes)."""
    article = tmp_path / "story.txt"
    old = "The council approved the budget for schools in the northern provinces."
    article.write_text(old + "\n", encoding="utf-8")
    locales = Locales(tmp_path / "locales")
    extract(article, locales)
    po, pot = locales.catalog_path("fa_AF", "story"), locales.template_path("story")
    set_states(load_catalog(po, "fa_AF"), ["approved"])
    approved = tmp_path / "approved.po"
    shutil.copyfile(po, approved)
    article.write_text(old.replace("northern", "southern") + "\n", encoding="utf-8")
    extract(article, locales)  # writes the new template
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "-o", str(merged), str(approved), str(pot)],
                   check=True)
    import polib

    po_file = polib.pofile(str(merged))
    (entry,) = [e for e in po_file if not e.obsolete]
    assert "fuzzy" in entry.flags and entry.msgid != old  # msgmerge matched the edit
    entry.flags.remove("fuzzy")  # the translator confirms the translation as it is
    po_file.save()
    (unit,) = load_catalog(merged, "fa_AF").units()
    assert unit.state is State.REVIEWED, "the old approval now covers new English"
