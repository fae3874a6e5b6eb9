"""Drafting the sample article through the real engine (generated demo models).

The demo models translate into nonsense, so these tests assert what localize guarantees
around any engine: names, numbers and hashtags come through, the script rules hold, and
every repair is recorded for the reviewer.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from localize.catalog import Catalog, load_catalog, save_catalog
from localize.langs import DARI, PASHTO, Language
from localize.language.glossary import load_glossary
from localize.language.script import PASHTO_LETTERS, to_persian_digits
from localize.model import Origin, State
from localize.pipeline import DraftSettings, TranslateReport, translate_articles
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


# -- streaming: a chunk of catalogs at a time, whatever the number of articles -----------------
class EchoEngine:
    """A fake engine that returns its input; records what it was sent and how many catalogs
    were alive in the process at each call."""

    name, version, target_code = "echo-en_ps", "0.1", "ps"

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.catalogs_alive: list[int] = []

    def translate_batches(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
        self.sent.extend(texts)
        gc.collect()
        self.catalogs_alive.append(sum(isinstance(o, Catalog) for o in gc.get_objects()))
        yield [(i, text) for i, text in enumerate(texts)]


SHARED = "Officials met again on Monday."


def write_stories(folder: Path, count: int, *, first: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        path = folder / f"story-{n:03}.txt"
        path.write_text(f"Story {n}\n\nStory {n} opens here. {SHARED} Story {n} ends here.\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def stream(articles: list[Path], locales: Locales, engine: EchoEngine,
           chunk_units: int = 1) -> TranslateReport:
    settings = DraftSettings(chunk_units=chunk_units)
    return translate_articles(articles, [PASHTO], locales, settings, NOW,
                              make_engine=lambda language: (engine, None))


def test_a_run_holds_one_chunk_of_catalogs_however_many_articles(tmp_path: Path) -> None:
    alive = {}
    for count in (4, 16):
        engine = EchoEngine()
        stream(write_stories(tmp_path / f"a{count}", count), Locales(tmp_path / f"l{count}"),
               engine)
        alive[count] = max(engine.catalogs_alive)
    assert alive[16] <= alive[4] <= 3  # the chunk's catalog, not every article's


def test_a_sentence_in_many_chunks_goes_to_the_engine_once(tmp_path: Path) -> None:
    articles = write_stories(tmp_path / "articles", 6)
    locales = Locales(tmp_path / "locales")
    engine = EchoEngine()
    report = stream(articles, locales, engine)
    distinct = 3 * 6 + 1  # headline, first and last sentence of each story, and SHARED
    assert len(engine.sent) == distinct
    assert sum(SHARED[:-1] in text for text in engine.sent) == 1
    ps = report.languages[0]
    assert (ps.pending, ps.from_engine, ps.from_memory) == (distinct, distinct, 0)
    targets = set()
    for article in articles:
        catalog = load_catalog(locales.catalog_path("ps", article.stem), "ps")
        assert {u.state for u in catalog.units()} == {State.DRAFT}
        unit = catalog.unit(SHARED)
        assert unit.provenance is not None and unit.provenance.origin is Origin.MACHINE
        targets.add(unit.target)
    assert len(targets) == 1
    assert [r.summary() for r in report.articles] == [[("ps", "4 draft")]] * 6


def test_a_reviewed_sentence_is_reused_in_later_chunks_and_later_runs(tmp_path: Path) -> None:
    locales = Locales(tmp_path / "locales")
    first = write_stories(tmp_path / "articles", 1)
    stream(first, locales, EchoEngine())
    path = locales.catalog_path("ps", first[0].stem)
    reviewed = load_catalog(path, "ps")
    entry = reviewed.po.find(SHARED)
    entry.msgstr, entry.flags = "چارواکي بیا سره وکتل.", []
    save_catalog(reviewed)

    # the reviewed article is in the run (its first chunk), and so are three new ones
    engine = EchoEngine()
    later = write_stories(tmp_path / "articles", 3, first=1)
    report = stream(first + later, locales, engine)
    assert not any(SHARED[:-1] in text for text in engine.sent)
    assert report.languages[0].from_memory == 1  # one sentence, however many catalogs
    for article in later:
        unit = load_catalog(locales.catalog_path("ps", article.stem), "ps").unit(SHARED)
        assert unit.target == "چارواکي بیا سره وکتل."
        assert unit.provenance is not None and unit.provenance.origin is Origin.MEMORY

    # a later run with only new articles finds it in the memory too
    engine = EchoEngine()
    stream(write_stories(tmp_path / "articles", 2, first=4), locales, engine)
    assert not any(SHARED[:-1] in text for text in engine.sent)


def test_a_rerun_loads_no_catalog_to_draft_and_builds_no_engine(tmp_path: Path) -> None:
    articles = write_stories(tmp_path / "articles", 3)
    locales = Locales(tmp_path / "locales")
    stream(articles, locales, EchoEngine())

    def must_not_build(language: Language) -> tuple[EchoEngine, None]:
        raise AssertionError("engine built although nothing is pending")

    report = translate_articles(articles, [PASHTO], locales, DraftSettings(chunk_units=1), NOW,
                                make_engine=must_not_build)
    assert report.languages[0].pending == 0
    assert [r.summary() for r in report.articles] == [[("ps", "4 draft")]] * 3
