"""Drafting the sample article through the real engine (generated demo models).

The demo models translate into nonsense, so these tests assert what localize guarantees
around any engine: names, numbers and hashtags come through, the script rules hold, and
every repair is recorded for the reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from localize.catalog import load_catalog
from localize.langs import DARI, PASHTO, Language
from localize.language.glossary import load_glossary
from localize.language.script import PASHTO_LETTERS, to_persian_digits
from localize.model import State
from localize.pipeline import DraftSettings, translate_articles
from localize.project import Locales

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.timezone.utc)
NUMBER = re.compile(r"(?<![\w#])\d+(?:[.,]\d+)*(?!\w)")
HASHTAG = re.compile(r"#\w+")


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory, demo_archives: dict[str, Path]) -> Locales:
    from localize.engine.packages import install_package
    from tests.conftest import SAMPLE_ARTICLE

    root = tmp_path_factory.mktemp("translate")
    for key in ("prs", "ps"):
        install_package(demo_archives[key], root / "models")
    locales = Locales(root / "locales")
    settings = DraftSettings(packages_dir=root / "models")
    translate_articles([SAMPLE_ARTICLE], [DARI, PASHTO], locales, settings, NOW)
    return locales


def units(locales: Locales, language: Language):  # type: ignore[no-untyped-def]
    path = locales.catalog_path(language.code, "nato-sg-taliban-talks")
    return load_catalog(path, language.code).units()


@pytest.mark.parametrize("language", [DARI, PASHTO], ids=["fa_AF", "ps"])
def test_every_unit_is_a_machine_draft(drafted: Locales, language: Language) -> None:
    assert {u.state for u in units(drafted, language)} == {State.DRAFT}


@pytest.mark.parametrize("language", [DARI, PASHTO], ids=["fa_AF", "ps"])
def test_drafts_contain_the_glossary_translation_of_every_term(drafted: Locales, language: Language) -> None:
    glossary = load_glossary(drafted.language_dir(language.code) / "glossary.tsv")
    checked = 0
    for unit in units(drafted, language):
        for match in glossary.find(unit.source):
            assert match.term.rendering in unit.target, (unit.source, match.term.term)
            checked += 1
    assert checked >= 10  # NATO, Taliban, Kabul, security forces, peace talks, ...


@pytest.mark.parametrize("language", [DARI, PASHTO], ids=["fa_AF", "ps"])
def test_drafts_keep_every_number_in_persian_digits_and_every_hashtag(
    drafted: Locales, language: Language
) -> None:
    seen = 0
    for unit in units(drafted, language):
        for number in NUMBER.findall(unit.source):
            assert to_persian_digits(number) in unit.target, (unit.source, number)
            seen += 1
        for tag in HASHTAG.findall(unit.source):
            assert tag in unit.target
            seen += 1
    assert seen >= 2  # "2024" and "#NATO" in the sample


def test_dari_drafts_never_hold_arabic_yeh_or_kaf(drafted: Locales) -> None:
    assert not any(ch in u.target for u in units(drafted, DARI) for ch in "يك")


def test_pashto_drafts_keep_pashto_letters_the_model_produced(drafted: Locales) -> None:
    text = "".join(u.target for u in units(drafted, PASHTO))
    assert any(ch in text for ch in PASHTO_LETTERS)


@pytest.mark.parametrize("language", [DARI, PASHTO], ids=["fa_AF", "ps"])
def test_repairs_of_dropped_placeholders_are_recorded_for_the_reviewer(
    drafted: Locales, language: Language
) -> None:
    notes = [n for u in units(drafted, language) for n in u.draft_notes]
    assert notes and all("⟦" not in u.target for u in units(drafted, language))
