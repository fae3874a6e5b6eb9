"""Interoperability: catalogs in every state survive the real gettext tools and Babel.

Each tool rewrites the file its own way; afterwards localize must read back exactly the same
units: state, translation, provenance, kept machine draft, approval, findings and notes.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest

from localize.catalog import (
    Catalog,
    build_template,
    load_catalog,
    new_catalog,
    save_catalog,
    update_catalog,
)
from localize.model import BlockKind, Finding, Origin, Provenance, Segment, Severity, State, Unit

from .conftest import have_tool

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.timezone.utc)
MACHINE = Provenance(Origin.MACHINE, "translate-en_fa", "1.5", "fa", "2026-11-27")
MEMORY = Provenance(Origin.MEMORY, "kabul-blast", "-", "fa_AF", "2026-11-27")
SENTENCES = [
    "NATO SG: talks go on",  # untranslated
    "Kabul- Afghanistan (PMG):",  # memory draft
    "Report: Shershah Nawabi",  # machine draft with a note
    "The talks continue in Doha.",  # source-changed
    "NATO will provide financial support until 2024.",  # reviewed, with a finding
    "He said the talks were going well.",  # approved
]
pytestmark = pytest.mark.skipif(not have_tool("msgmerge"), reason="GNU gettext not installed")


def segments(texts: list[str]) -> list[Segment]:
    return [Segment(t, i * 200, i * 200 + len(t), BlockKind.BODY, i, i, i + 1) for i, t in enumerate(texts)]


def accept(catalog: Catalog, source: str) -> None:
    catalog.po.find(source).flags.remove("fuzzy")


@pytest.fixture
def every_state(tmp_path: Path) -> tuple[Path, Path]:
    """A Dari catalog holding every review state, and its template."""
    old = [*SENTENCES[:3], "The talks continue.", *SENTENCES[4:]]
    template = build_template("story", "story.txt", segments(old), NOW)
    catalog = update_catalog(new_catalog(template, "fa_AF", NOW), template).catalog
    catalog.set_draft(SENTENCES[1], "کابل- افغانستان (PMG):", MEMORY)
    catalog.set_draft(SENTENCES[2], "گزارش: شیرشاه نوابی", MACHINE, ["engine dropped ⟦0⟧"])
    catalog.set_draft("The talks continue.", "مذاکرات ادامه دارد.", MACHINE)
    catalog.set_draft(SENTENCES[4], "ناتو تا ۲۰۲۴ حمایت مالی می‌کند.", MACHINE)
    accept(catalog, SENTENCES[4])
    catalog.set_findings(SENTENCES[4], [Finding("length", Severity.WARNING, "shorter than usual")])
    catalog.set_draft(SENTENCES[5], "او گفت مذاکرات خوب پیش می‌رود.", MACHINE)
    accept(catalog, SENTENCES[5])
    catalog.po.find(SENTENCES[5]).tcomment += "\nchecked with the desk"
    catalog.approve(SENTENCES[5], "Editor Name", "2026-11-28")
    new_template = build_template("story", "story.txt", segments(SENTENCES), NOW)
    merged = update_catalog(catalog, new_template).catalog
    po_path, pot_path = tmp_path / "fa_AF" / "LC_MESSAGES" / "story.po", tmp_path / "story.pot"
    save_catalog(merged, po_path)
    save_catalog(new_template, pot_path)
    return po_path, pot_path


def units(path: Path) -> dict[str, Unit]:
    return {u.source: u for u in load_catalog(path, "fa_AF").units()}


def test_the_fixture_really_holds_every_state(every_state: tuple[Path, Path]) -> None:
    states = [units(every_state[0])[s].state for s in SENTENCES]
    assert states == [State.UNTRANSLATED, State.DRAFT, State.DRAFT, State.SOURCE_CHANGED,
                      State.REVIEWED, State.APPROVED]


@pytest.mark.parametrize("command", [
    ["msgmerge", "--quiet", "--update", "--backup=none", "{po}", "{pot}"],
    ["msgmerge", "--quiet", "--previous", "-o", "{po}", "{po}", "{pot}"],
    ["msgattrib", "-o", "{po}", "{po}"],
    ["msgattrib", "--no-obsolete", "-o", "{po}", "{po}"],
    ["msgcat", "-o", "{po}", "{po}"],
    ["msgcat", "--no-wrap", "-o", "{po}", "{po}"],
    ["msgcat", "--sort-output", "-o", "{po}", "{po}"],
], ids=["msgmerge-update", "msgmerge-previous", "msgattrib", "msgattrib-no-obsolete", "msgcat",
        "msgcat-no-wrap", "msgcat-sort-output"])
def test_every_state_survives_gnu_gettext(every_state: tuple[Path, Path], command: list[str]) -> None:
    po, pot = every_state
    before = units(po)
    subprocess.run([arg.format(po=po, pot=pot) for arg in command], check=True)
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    assert units(po) == before


def test_every_state_survives_babel_read_and_write(every_state: tuple[Path, Path]) -> None:
    from babel.messages.pofile import read_po, write_po

    po, _ = every_state
    before = units(po)
    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_po(out, catalog, width=79, include_previous=True)
    po.write_bytes(out.getvalue())
    assert units(po) == before


def test_babel_sees_drafts_and_source_changes_as_fuzzy(every_state: tuple[Path, Path]) -> None:
    from babel.messages.pofile import read_po

    with every_state[0].open("rb") as handle:
        catalog = read_po(handle)
    fuzzy = {m.id for m in catalog if m.id and m.fuzzy}
    assert fuzzy == {SENTENCES[1], SENTENCES[2], SENTENCES[3]}
    assert catalog.locale_identifier == "fa_AF"
