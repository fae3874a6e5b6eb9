"""Catalogs: how units, layout and review states are stored in PO files, and kept safe."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize.catalog import (
    BackgroundSaves,
    Catalog,
    build_template,
    compile_mo,
    load_catalog,
    new_catalog,
    save_catalog,
    update_catalog,
)
from localize.errors import CatalogMismatch, CatalogNotFound, CatalogSyntaxError, ConcurrentEdit
from localize.model import (
    BlockKind,
    Finding,
    Origin,
    Provenance,
    Segment,
    Severity,
    State,
    Unit,
    approval_fingerprint,
)

from .conftest import have_tool

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.timezone.utc)
MACHINE = Provenance(Origin.MACHINE, "translate-en_prs", "1.0", "prs", "2026-11-28")
needs_gettext = pytest.mark.skipif(not have_tool("msgmerge"), reason="GNU gettext not installed")


def segments(*texts: tuple[str, BlockKind, int]) -> list[Segment]:
    """Segments laid out one after another: (text, kind, paragraph)."""
    out, position = [], 0
    for index, (text, kind, paragraph) in enumerate(texts):
        out.append(Segment(text, position, position + len(text), kind, paragraph, index, paragraph + 1))
        position += len(text) + 1
    return out


ARTICLE = segments(
    ("NATO SG: talks go on", BlockKind.HEADLINE, 0),
    ("Kabul- Afghanistan (PMG):", BlockKind.DATELINE, 1),
    ("The talks continue.", BlockKind.BODY, 2),
    ("NATO supports Afghanistan.", BlockKind.BODY, 2),
    ("The talks continue.", BlockKind.BODY, 3),
)


def make_catalog(tmp_path: Path, language: str = "fa_AF", article: list[Segment] = ARTICLE) -> Catalog:
    template = build_template("story", "story.txt", article, NOW)
    catalog = update_catalog(new_catalog(template, language, NOW), template).catalog
    save_catalog(catalog, tmp_path / language / "LC_MESSAGES" / "story.po")
    return load_catalog(tmp_path / language / "LC_MESSAGES" / "story.po", language)


# -- layout ------------------------------------------------------------------------------
def test_identical_sentences_share_one_entry_with_every_position() -> None:
    template = build_template("story", "story.txt", ARTICLE, NOW)
    units = template.units()
    assert [u.source for u in units] == [
        "NATO SG: talks go on", "Kabul- Afghanistan (PMG):", "The talks continue.",
        "NATO supports Afghanistan.",
    ]
    repeated = units[2]
    assert repeated.positions == ((2, 2, BlockKind.BODY, 3), (3, 4, BlockKind.BODY, 4))


def test_template_shows_kind_and_location_to_the_translator() -> None:
    text = build_template("story", "story.txt", ARTICLE, NOW).render()
    assert "#. dateline, paragraph 2, unit 2\n#: story.txt:2\n" in text
    assert 'msgid "Kabul- Afghanistan (PMG):"' in text


def test_article_order_can_be_rebuilt_from_the_catalog_alone(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    occurrences = sorted((p[1], u.source) for u in catalog.units() for p in u.positions)
    assert [text for _, text in occurrences] == [s.text for s in ARTICLE]


@pytest.mark.parametrize(("language", "plural"), [
    ("fa_AF", "nplurals=2; plural=(n > 1);"),
    ("ps", "nplurals=2; plural=(n != 1);"),
])
def test_headers_follow_language_facts(tmp_path: Path, language: str, plural: str) -> None:
    catalog = make_catalog(tmp_path, language)
    assert catalog.header("Language") == language
    assert catalog.header("Plural-Forms") == plural
    assert catalog.header("Content-Type") == "text/plain; charset=UTF-8"


@needs_gettext
@pytest.mark.parametrize("language", ["fa_AF", "ps"])
def test_written_catalogs_pass_msgfmt_check_and_load_in_babel(tmp_path: Path, language: str) -> None:
    from babel.messages.pofile import read_po

    catalog = make_catalog(tmp_path, language)
    catalog.set_draft("The talks continue.", "مذاکرات ادامه دارد.", MACHINE)
    save_catalog(catalog)
    assert catalog.path is not None
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog.path)], check=True)
    with catalog.path.open("rb") as handle:
        babel_catalog = read_po(handle)
    assert babel_catalog.locale_identifier == language
    assert babel_catalog["The talks continue."].fuzzy


# -- states ------------------------------------------------------------------------------
def test_a_new_unit_is_untranslated_and_a_draft_is_fuzzy_with_provenance(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    assert catalog.unit("The talks continue.").state is State.UNTRANSLATED
    assert catalog.set_draft("The talks continue.", "ادامه", MACHINE)
    unit = catalog.unit("The talks continue.")
    assert unit.state is State.DRAFT
    assert unit.provenance == MACHINE
    assert unit.machine_draft == "ادامه"


def test_drafting_never_overwrites_a_translation(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("The talks continue.", "first", MACHINE)
    assert not catalog.set_draft("The talks continue.", "second", MACHINE)
    assert catalog.unit("The talks continue.").target == "first"


LONG_DRAFT = ("ناتو  " * 30) + "back\\slash\nnew line\tand tab, ending in spaces  "


@needs_gettext
def test_long_drafts_and_notes_survive_saving_and_msgmerge_unwrapped(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    note = "engine dropped ⟦2⟧ (NATO); re-inserted at the end: " + "x " * 60
    catalog.set_draft("The talks continue.", LONG_DRAFT, MACHINE, [note])
    save_catalog(catalog)
    assert catalog.path is not None
    assert max(len(line) for line in catalog.path.read_text(encoding="utf-8").split("\n")
               if line.startswith("# ")) < 79
    pot = build_template("story", "story.txt", ARTICLE, NOW)
    save_catalog(pot, tmp_path / "story.pot")
    subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", str(catalog.path),
                    str(tmp_path / "story.pot")], check=True)
    unit = load_catalog(catalog.path, "fa_AF").unit("The talks continue.")
    assert unit.machine_draft == LONG_DRAFT == unit.target
    assert unit.draft_notes == (note,)
    assert unit.notes == ()


def test_clearing_fuzzy_as_poedit_does_makes_a_unit_reviewed(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("The talks continue.", "draft", MACHINE)
    save_catalog(catalog)
    assert catalog.path is not None
    text = catalog.path.read_text(encoding="utf-8").replace("#, fuzzy\n", "")
    text = text.replace('msgstr "draft"', 'msgstr "edited by a translator"')
    catalog.path.write_text(text, encoding="utf-8")
    unit = load_catalog(catalog.path, "fa_AF").unit("The talks continue.")
    assert unit.state is State.REVIEWED
    assert unit.machine_draft == "draft"  # kept for post-edit statistics


def test_approval_is_bound_to_the_exact_text(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("The talks continue.", "متن", MACHINE)
    catalog.po.find("The talks continue.").flags.remove("fuzzy")
    catalog.approve("The talks continue.", "Editor Name", "2026-11-28")
    assert catalog.unit("The talks continue.").state is State.APPROVED
    catalog.po.find("The talks continue.").msgstr = "متن دیگر"
    assert catalog.unit("The talks continue.").state is State.REVIEWED


def test_approval_is_bound_to_the_english_it_translates(tmp_path: Path) -> None:
    """A tool that moves translator comments onto edited English (``msgmerge``) carries the
    approval with them; the editor approved a translation of other English."""
    catalog = make_catalog(tmp_path)
    catalog.set_draft("The talks continue.", "متن", MACHINE)
    entry = catalog.po.find("The talks continue.")
    entry.flags.remove("fuzzy")
    catalog.approve("The talks continue.", "Editor Name", "2026-11-28")
    entry.msgid = "The talks will continue."
    catalog._reindex()
    unit = catalog.unit("The talks will continue.")
    assert unit.state is State.REVIEWED and unit.approval is None


def test_findings_are_replaced_not_accumulated_and_translator_notes_stay(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.po.find("The talks continue.").tcomment = "ask the editor about this"
    finding = Finding("numbers", Severity.ERROR, "2024 is missing")
    assert catalog.set_findings("The talks continue.", [finding])
    assert not catalog.set_findings("The talks continue.", [finding])
    unit = catalog.unit("The talks continue.")
    assert unit.findings == (finding,)
    assert unit.notes == ("ask the editor about this",)
    catalog.set_findings("The talks continue.", [])
    assert catalog.unit("The talks continue.").findings == ()


def test_recorded_findings_come_back_in_article_order_with_state_and_line(
    tmp_path: Path,
) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("NATO supports Afghanistan.", "ناتو حمایت می‌کند.", MACHINE)
    catalog.set_draft("NATO SG: talks go on", "سرمنشی ناتو", MACHINE)
    catalog.po.find("NATO SG: talks go on").flags.remove("fuzzy")
    catalog.set_draft("The talks continue.", "گفتگوها ادامه دارد.", MACHINE)
    entries = catalog.po
    entries[:] = entries[::-1]  # entry order in the file is not the article's order
    flagged = Finding("length", Severity.WARNING, "too short")

    def check(source: str, target: str) -> list[Finding]:
        return [] if source.startswith("The") else [flagged]

    found, changed = catalog.record_findings(check)
    assert changed
    assert [(uf.source, uf.state, uf.line, uf.findings) for uf in found] == [
        ("NATO SG: talks go on", State.REVIEWED, 1, (flagged,)),
        ("NATO supports Afghanistan.", State.DRAFT, 3, (flagged,)),
    ]
    assert [u.findings for u in catalog.units() if u.target] == [(flagged,), (), (flagged,)]
    assert catalog.record_findings(check)[1] is False  # the same findings: nothing to rewrite


# -- merge -------------------------------------------------------------------------------
def test_merge_keeps_changes_and_obsoletes_without_losing_a_translation(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("NATO supports Afghanistan.", "ناتو از افغانستان حمایت می‌کند.", MACHINE)
    catalog.set_draft("NATO SG: talks go on", "سرمنشی ناتو", MACHINE)
    catalog.po.find("NATO SG: talks go on").flags.remove("fuzzy")
    edited = segments(
        ("NATO SG: talks go on", BlockKind.HEADLINE, 0),
        ("The talks continue.", BlockKind.BODY, 1),
        ("NATO strongly supports Afghanistan.", BlockKind.BODY, 1),
    )
    result = update_catalog(catalog, build_template("story", "story.txt", edited, NOW))
    merged = result.catalog
    assert merged.unit("NATO SG: talks go on").state is State.REVIEWED
    changed = merged.unit("NATO strongly supports Afghanistan.")
    assert changed.state is State.SOURCE_CHANGED
    assert changed.previous_source == "NATO supports Afghanistan."
    assert changed.target == "ناتو از افغانستان حمایت می‌کند."
    assert [u.source for u in merged.obsolete_units()] == []  # untranslated dateline just goes
    assert (result.kept, result.source_changed) == (2, 1)


def test_removed_translated_sentence_becomes_obsolete_and_comes_back(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("Kabul- Afghanistan (PMG):", "کابل- افغانستان", MACHINE)
    without = [s for s in ARTICLE if s.kind is not BlockKind.DATELINE]
    gone = update_catalog(catalog, build_template("story", "story.txt", without, NOW)).catalog
    assert [u.source for u in gone.obsolete_units()] == ["Kabul- Afghanistan (PMG):"]
    back = update_catalog(gone, build_template("story", "story.txt", ARTICLE, NOW))
    assert back.revived == 1
    assert back.catalog.unit("Kabul- Afghanistan (PMG):").target == "کابل- افغانستان"


def test_two_edits_of_one_sentence_both_carry_its_translation(tmp_path: Path) -> None:
    """As with msgmerge and Babel: the closest old translation is offered to every edited
    sentence it fits, not only to the first."""
    catalog = make_catalog(tmp_path)
    catalog.set_draft("NATO supports Afghanistan.", "ناتو از افغانستان حمایت می‌کند.", MACHINE)
    edited = segments(
        ("NATO strongly supports Afghanistan.", BlockKind.BODY, 0),
        ("NATO supports Afghanistan today.", BlockKind.BODY, 1),
    )
    result = update_catalog(catalog, build_template("story", "story.txt", edited, NOW))
    for segment in edited:
        unit = result.catalog.unit(segment.text)
        assert unit.state is State.SOURCE_CHANGED
        assert unit.previous_source == "NATO supports Afghanistan."
    assert (result.source_changed, result.obsoleted) == (2, 0)


@settings(max_examples=400, deadline=None, database=None)
@given(
    old=st.lists(st.one_of(st.text("ab .", min_size=1, max_size=12), st.lists(
        st.sampled_from(["NATO", "talks", "go", "on", "in", "Kabul", "said"]), min_size=1,
        max_size=8).map(" ".join)), max_size=40, unique=True),
    new=st.one_of(st.text("ab .", max_size=12), st.lists(st.sampled_from(
        ["NATO", "talks", "go", "on", "in", "Kabul", "said"]), max_size=8).map(" ".join)),
    guesses=st.lists(st.integers(-2, 42), max_size=3),
)
def test_the_closest_old_sentence_is_what_a_full_scan_finds(
    old: list[str], new: str, guesses: list[int]
) -> None:
    """The windowed search returns what rapidfuzz's ``extractOne`` over every old sentence
    returns (the first of equals, nothing under the cutoff), whatever the guesses."""
    from rapidfuzz import fuzz, process

    from localize.catalog._merge import FUZZY_CUTOFF, _Closest

    full = process.extractOne(new, old, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF * 100)
    expected = full[2] if full else None
    closest = _Closest(old)
    assert closest.find(new, tuple(guesses)) == expected
    if old:  # a guess that is right (or the last of equals), as it mostly is in an update
        equals = [n for n, text in enumerate(old) if fuzz.ratio(new, text) == full[1]] if full else [0]
        assert closest.find(new, (*guesses, equals[-1])) == expected


@needs_gettext
def test_every_state_survives_gnu_msgmerge(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("NATO SG: talks go on", "پیش‌نویس", MACHINE)
    catalog.set_draft("NATO supports Afghanistan.", "بازبینی شده", MACHINE)
    catalog.po.find("NATO supports Afghanistan.").flags.remove("fuzzy")
    catalog.set_draft("The talks continue.", "تایید شده", MACHINE)
    catalog.po.find("The talks continue.").flags.remove("fuzzy")
    catalog.approve("The talks continue.", "Editor", "2026-11-28")
    catalog.set_findings("NATO SG: talks go on", [Finding("numbers", Severity.ERROR, "x")])
    save_catalog(catalog)
    assert catalog.path is not None
    pot = build_template("story", "story.txt", ARTICLE, NOW)
    save_catalog(pot, tmp_path / "story.pot")
    before = {u.source: u for u in catalog.units()}
    subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", str(catalog.path),
                    str(tmp_path / "story.pot")], check=True)
    after = {u.source: u for u in load_catalog(catalog.path, "fa_AF").units()}
    assert after == before


# -- files and errors ----------------------------------------------------------------------
@pytest.mark.parametrize(("content", "message", "line"), [
    (b'msgid ""\nmsgstr ""\n"Language: fa_AF\\n"\n\nmsgid "a"\nmsgstr "b\n', "unterminated", 6),
    (b'msgid ""\nmsgstr ""\n"Language: fa_AF\\n"\n\nmsgid "a"\nmsgstr "\xff"\n', "UTF-8", 6),
    (b'msgid ""\nmsgstr ""\n\x00\n', "NUL", 3),
    (b'msgid ""\nmsgstr ""\n"Language: fa_AF\\n"\n\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
     "duplicate", 8),
    (b'msgid ""\nmsgstr ""\n"Language: fa_AF\\n"\n\nmsgid "a"\nbroken\n', "syntax", 6),
])
def test_a_broken_catalog_is_refused_with_file_and_line(
    tmp_path: Path, content: bytes, message: str, line: int
) -> None:
    path = tmp_path / "broken.po"
    path.write_bytes(content)
    with pytest.raises(CatalogSyntaxError) as caught:
        load_catalog(path, "fa_AF")
    assert message in str(caught.value)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_language_header_must_agree_with_its_folder(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path, "ps")
    assert catalog.path is not None
    with pytest.raises(CatalogMismatch, match="Language: ps but lives in the fa_AF folder"):
        load_catalog(catalog.path, "fa_AF")


def test_missing_catalog_and_directory_get_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogNotFound, match="does not exist; run `localize extract"):
        load_catalog(tmp_path / "nope.po")
    with pytest.raises(CatalogNotFound, match="is a directory"):
        load_catalog(tmp_path)


def test_bom_and_windows_line_endings_are_read(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    assert catalog.path is not None
    data = catalog.path.read_bytes().replace(b"\n", b"\r\n")
    catalog.path.write_bytes(b"\xef\xbb\xbf" + data)
    assert len(load_catalog(catalog.path, "fa_AF").units()) == 4


def test_save_refuses_to_overwrite_a_concurrent_edit(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    assert catalog.path is not None
    catalog.path.write_text(catalog.path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited_by_translator = catalog.path.read_bytes()
    catalog.set_draft("The talks continue.", "x", MACHINE)
    with pytest.raises(ConcurrentEdit):
        save_catalog(catalog)
    assert catalog.path.read_bytes() == edited_by_translator


# -- saving in the background ---------------------------------------------------------------
def drafted_catalogs(root: Path, count: int) -> list[Catalog]:
    catalogs = []
    for i in range(count):
        catalog = make_catalog(root / f"story-{i}")
        catalog.set_draft("The talks continue.", f"گفتگوها ادامه دارد {i}", MACHINE)
        catalogs.append(catalog)
    return catalogs


def written(catalog: Catalog) -> bytes:
    assert catalog.path is not None
    return catalog.path.read_bytes()


def test_background_saves_write_exactly_what_save_catalog_writes(tmp_path: Path) -> None:
    direct = drafted_catalogs(tmp_path / "direct", 12)
    background = drafted_catalogs(tmp_path / "background", 12)
    for catalog in direct:
        save_catalog(catalog)
    with BackgroundSaves(threads=3, pending=4) as saves:
        for catalog in background:
            saves.save(catalog)
    assert [written(c) for c in background] == [written(c) for c in direct]
    assert all("گفتگوها ادامه دارد" in written(c).decode("utf-8") for c in background)


def test_a_failed_background_save_is_raised_and_the_edited_file_kept(tmp_path: Path) -> None:
    catalogs = drafted_catalogs(tmp_path, 6)
    edited = catalogs[2].path
    assert edited is not None
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    by_translator = edited.read_bytes()
    before = [written(c) for c in catalogs]
    expected = [c.render().encode("utf-8") for c in catalogs]
    with pytest.raises(ConcurrentEdit, match="changed on disk") as raised, \
            BackgroundSaves(threads=2) as saves:
        for catalog in catalogs:
            saves.save(catalog)
    assert str(edited) in str(raised.value)
    assert written(catalogs[2]) == by_translator
    assert [written(c) for c in catalogs[:2]] == expected[:2]  # handed over before: saved
    for catalog, old, new in zip(catalogs[3:], before[3:], expected[3:]):
        assert written(catalog) in (old, new)  # saved whole, or not handed over


def test_after_a_failed_background_save_nothing_more_is_handed_over(tmp_path: Path) -> None:
    first, second = drafted_catalogs(tmp_path, 2)
    assert first.path is not None
    first.path.write_text(first.path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    untouched = written(second)
    # One at a time: the second save() waits for the first, and raises its error.
    with pytest.raises(ConcurrentEdit), BackgroundSaves(pending=1) as saves:
        saves.save(first)
        saves.save(second)
    assert written(second) == untouched


def test_save_refuses_to_drop_translations(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("The talks continue.", "x", MACHINE)
    save_catalog(catalog)
    assert catalog.path is not None
    before = catalog.path.read_bytes()
    catalog.po.find("The talks continue.").msgstr = ""
    with pytest.raises(CatalogMismatch, match="would lose translations"):
        save_catalog(catalog)
    assert catalog.path.read_bytes() == before


def test_a_failed_write_leaves_the_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = make_catalog(tmp_path)
    assert catalog.path is not None
    before = catalog.path.read_bytes()
    catalog.set_draft("The talks continue.", "x", MACHINE)

    def explode(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("localize.catalog.os.replace", explode)
    with pytest.raises(OSError):
        save_catalog(catalog)
    assert catalog.path.read_bytes() == before
    assert [p.name for p in catalog.path.parent.iterdir()] == ["story.po"]


@needs_gettext
def test_compiled_mo_holds_only_reviewed_units(tmp_path: Path) -> None:
    import gettext

    catalog = make_catalog(tmp_path)
    catalog.set_draft("NATO SG: talks go on", "پیش‌نویس", MACHINE)
    catalog.set_draft("The talks continue.", "بازبینی", MACHINE)
    catalog.po.find("The talks continue.").flags.remove("fuzzy")
    mo = tmp_path / "story.mo"
    assert compile_mo(catalog, mo) == 1
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("The talks continue.") == "بازبینی"
    assert translations.gettext("NATO SG: talks go on") == "NATO SG: talks go on"


# -- reading units: the cached, shared reading against the plain one ----------------------
def reference_unit(entry: polib.POEntry) -> Unit:
    """``_unit_from_entry`` as it was before its comment facts and positions were cached:
    every line read afresh, every field passed by keyword."""
    from localize.catalog import _encoding as enc

    provenance = approval = machine_draft = None
    findings: list[Finding] = []
    draft_notes: list[str] = []
    notes: list[str] = []
    previous = entry.previous_msgid
    for line in enc._joined_comment_lines(entry.tcomment):
        if line.startswith(enc.DRAFT_PREFIX):
            provenance = enc._parse_provenance(line[len(enc.DRAFT_PREFIX):])
        elif line.startswith(enc.MACHINE_DRAFT_PREFIX):
            machine_draft = enc._unescape(line[len(enc.MACHINE_DRAFT_PREFIX):])
        elif line.startswith(enc.DRAFT_NOTE_PREFIX):
            draft_notes.append(enc._unescape(line[len(enc.DRAFT_NOTE_PREFIX):]))
        elif line.startswith(enc.APPROVED_PREFIX):
            approval = enc._parse_approval(line[len(enc.APPROVED_PREFIX):])
        elif line.startswith(enc.CHECK_PREFIX):
            match = enc._CHECK_RE.match(enc._unescape(line[len(enc.CHECK_PREFIX):]))
            if match:
                findings.append(Finding(match[2], Severity[match[1].upper()], match[3]))
        elif line.startswith(enc.SOURCE_CHANGED_PREFIX):
            previous = previous or enc._unescape(line[len(enc.SOURCE_CHANGED_PREFIX):])
        elif line and not line.startswith(enc._BABEL_PREVIOUS):
            notes.append(line)
    lines = [int(line) if str(line).isdigit() else 0 for _, line in entry.occurrences]
    positions = []
    for n, comment in enumerate(entry.comment.split("\n") if entry.comment else ()):
        place = enc._position(comment)
        if place is not None:
            positions.append((*place, lines[n] if n < len(lines) else 0))
    fuzzy = "fuzzy" in entry.flags
    state = enc.state_of(entry.msgid, entry.msgstr, fuzzy, previous, approval)
    return Unit(
        source=entry.msgid, target=entry.msgstr, state=state, positions=tuple(positions),
        provenance=provenance, machine_draft=machine_draft,
        approval=approval if state is State.APPROVED else None, findings=tuple(findings),
        previous_source=previous if fuzzy and entry.msgstr else None,
        draft_notes=tuple(draft_notes), notes=tuple(notes),
    )


# Few distinct values, so that comments and positions recur (and come from the caches).
SHORT = st.sampled_from(["", " ", "x", "ناتو", "a\\nb", "\\", "2024 | 1", "+ x"])
COMMENT_LINE = st.one_of(
    st.tuples(st.sampled_from(["draft: ", "machine-draft: ", "draft-note: ", "approved: ",
                               "check: ", "source-changed: ", "machine-draft+ ", "check+ ",
                               "draft-note+ ", "| msgid ", "", "note: "]), SHORT).map("".join),
    st.sampled_from(["draft: machine | translate-en_fa | 1.9 | fa | 2026-11-28",
                     "draft: memory | tm.po | 1 | fa | 2026-11-28", "draft: x | y",
                     "check: error numbers: 2024 is missing", "check: info quotes: «x»",
                     "check: fatal x: y", "approved: FINGERPRINT | 2026-11-28 | Editor",
                     "approved: nope", "source-changed: The talks continued.",
                     "source-changed: ", "source-changed: The talks went on."]),
)
PLACES = st.sampled_from(["body, paragraph 1, unit 1", "headline, paragraph 1, unit 1",
                          " body, paragraph 3, unit 9 ", "body, paragraph x, unit 1",
                          "note", ""])


@st.composite
def po_entries(draw: st.DrawFn) -> polib.POEntry:
    msgid = draw(st.sampled_from(["The talks continue.", "NATO", "x"]))
    msgstr = draw(st.sampled_from(["", "متن", "x"]))
    fingerprint = approval_fingerprint(msgid, msgstr)
    lines = draw(st.lists(COMMENT_LINE, max_size=5))
    if draw(st.booleans()):  # several source-changed lines: the first non-empty one counts
        lines += draw(st.lists(st.sampled_from(["source-changed: ", "source-changed: a",
                                                "source-changed: b"]), min_size=1, max_size=3))
    entry = polib.POEntry(
        msgid=msgid, msgstr=msgstr,
        tcomment="\n".join(lines).replace("FINGERPRINT", fingerprint),
        comment="\n".join(draw(st.lists(PLACES, max_size=3))),
        occurrences=draw(st.lists(st.tuples(st.just("story.txt"),
                                            st.sampled_from(["3", "12", "", "x", "۴"])),
                                  max_size=3)),
        flags=draw(st.sampled_from([[], ["fuzzy"], ["fuzzy"], ["python-format", "fuzzy"]])),
    )
    entry.previous_msgid = draw(st.sampled_from([None, None, "", "The talks continued."]))
    return entry


@settings(max_examples=300, deadline=None)
@given(st.lists(po_entries(), min_size=1, max_size=3))
def test_units_are_read_as_the_plain_reading_reads_them(entries: list[polib.POEntry]) -> None:
    from localize.catalog._encoding import _unit_from_entry

    for entry in entries + entries:  # the second time from the caches
        assert _unit_from_entry(entry) == reference_unit(entry)


def test_units_of_a_loaded_catalog_match_the_plain_reading(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path)
    catalog.set_draft("The talks continue.", "ادامه", MACHINE, ["a note"])
    catalog.set_findings("The talks continue.", [Finding("numbers", Severity.ERROR, "x")])
    save_catalog(catalog)
    assert catalog.path is not None
    loaded = load_catalog(catalog.path, "fa_AF")
    units = loaded.units()
    expected = sorted((reference_unit(e) for e in loaded.po if not e.obsolete and e.msgid),
                      key=lambda u: u.positions[0][1] if u.positions else 1 << 30)
    assert units == expected and len(units) == 4
    assert [u.positions for u in units] == [u.positions for u in expected]
