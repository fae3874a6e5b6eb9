"""Drafting: memory first, one batched engine stream, finished work saved as it comes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
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
from localize.draft import LanguageDrafter, draft_language
from localize.langs import DARI
from localize.model import BlockKind, Origin, Segment, State

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.timezone.utc)


class ReversingEngine:
    """A fake engine: reverses text, yields batches of two, counts what it was asked."""

    name, version, target_code = "fake-en_prs", "0.1", "prs"

    def __init__(self, fail_after_batches: int | None = None) -> None:
        self.calls: list[int] = []
        self.fail_after = fail_after_batches

    def translate_batches(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
        self.calls.append(len(texts))
        for batch_number, start in enumerate(range(0, len(texts), 2)):
            if self.fail_after is not None and batch_number >= self.fail_after:
                raise KeyboardInterrupt
            yield [(i, texts[i][::-1]) for i in range(start, min(start + 2, len(texts)))]


class Plain:
    def prepare(self, source: str) -> tuple[str, object]:
        return source, None

    def finish(self, source: str, output: str, state: object) -> tuple[str, list[str]]:
        return output, ["check this"] if "!" in source else []


class DictMemory:
    def __init__(self, entries: dict[str, str]) -> None:
        self.entries = entries

    def lookup_draft(self, source: str) -> tuple[str, str] | None:
        return (self.entries[source], "other-story") if source in self.entries else None


def write_catalog(folder: Path, slug: str, sentences: list[str]) -> Catalog:
    segs = [Segment(t, i * 100, i * 100 + len(t), BlockKind.BODY, 0, i, 1) for i, t in enumerate(sentences)]
    template = build_template(slug, f"{slug}.txt", segs, NOW)
    catalog = update_catalog(new_catalog(template, "fa_AF", NOW), template).catalog
    save_catalog(catalog, folder / f"{slug}.po")
    return load_catalog(folder / f"{slug}.po", "fa_AF")


def run(catalogs: list[Catalog], engine: ReversingEngine, memory: DictMemory | None = None,
        flush_seconds: float = 0.0):  # type: ignore[no-untyped-def]
    return draft_language(catalogs, DARI, make_engine=lambda: engine, postprocess=Plain(),
                          memory=memory, now=NOW, flush_seconds=flush_seconds)


def test_identical_sentences_across_articles_are_translated_once(tmp_path: Path) -> None:
    a = write_catalog(tmp_path, "a", ["One.", "Two."])
    b = write_catalog(tmp_path, "b", ["Two.", "Three!"])
    engine = ReversingEngine()
    report = run([a, b], engine)
    assert engine.calls == [3]
    assert (report.pending, report.from_engine, report.problems) == (3, 3, 1)
    reread = load_catalog(tmp_path / "b.po", "fa_AF")
    unit = reread.unit("Two.")
    assert (unit.state, unit.target, unit.provenance.origin) == (State.DRAFT, ".owT", Origin.MACHINE)  # type: ignore[union-attr]


def test_second_run_makes_no_engine_call_and_builds_no_engine(tmp_path: Path) -> None:
    a = write_catalog(tmp_path, "a", ["One.", "Two."])
    run([a], ReversingEngine())
    again = load_catalog(tmp_path / "a.po", "fa_AF")

    def must_not_build() -> ReversingEngine:
        raise AssertionError("engine built although nothing is pending")

    report = draft_language([again], DARI, make_engine=must_not_build, postprocess=Plain(),
                            memory=None, now=NOW)
    assert report.pending == 0


def test_memory_drafts_come_first_and_skip_the_engine(tmp_path: Path) -> None:
    a = write_catalog(tmp_path, "a", ["Kabul- Afghanistan (PMG):", "News."])
    engine = ReversingEngine()
    report = run([a], engine, DictMemory({"Kabul- Afghanistan (PMG):": "کابل- افغانستان"}))
    assert (report.from_memory, report.from_engine, engine.calls) == (1, 1, [1])
    unit = load_catalog(tmp_path / "a.po", "fa_AF").unit("Kabul- Afghanistan (PMG):")
    assert unit.provenance is not None and unit.provenance.origin is Origin.MEMORY
    assert unit.provenance.engine == "other-story"


def test_interrupted_run_keeps_finished_batches_and_the_next_run_continues(tmp_path: Path) -> None:
    a = write_catalog(tmp_path, "a", ["One.", "Two.", "Three.", "Four.", "Five."])
    with pytest.raises(KeyboardInterrupt):
        run([a], ReversingEngine(fail_after_batches=1), flush_seconds=3600)
    saved = load_catalog(tmp_path / "a.po", "fa_AF")
    assert sum(u.state is State.DRAFT for u in saved.units()) == 2
    engine = ReversingEngine()
    run([saved], engine)
    assert engine.calls == [3]


def test_a_translators_save_during_the_run_is_merged_not_overwritten(tmp_path: Path) -> None:
    a = write_catalog(tmp_path, "a", ["One.", "Two."])
    path = tmp_path / "a.po"

    class TranslatorSavesMidRun(ReversingEngine):
        def translate_batches(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace('msgid "Two."\nmsgstr ""', 'msgid "Two."\nmsgstr "دو"'),
                            encoding="utf-8")
            yield from super().translate_batches(texts)

    report = run([a], TranslatorSavesMidRun())
    final = load_catalog(path, "fa_AF")
    assert final.unit("Two.").target == "دو"
    assert final.unit("Two.").state is State.REVIEWED
    assert final.unit("One.").state is State.DRAFT
    assert report.merged_concurrent_edits == 1


def test_a_drafter_fed_chunk_by_chunk_sends_a_recurring_sentence_once(tmp_path: Path) -> None:
    chunks = [[write_catalog(tmp_path, "a", ["One.", "Both."])],
              [write_catalog(tmp_path, "b", ["Both.", "Two."])],
              [write_catalog(tmp_path, "c", ["Both.", "Three."])]]
    engine = ReversingEngine()
    built: list[int] = []

    def make_engine() -> ReversingEngine:
        built.append(1)
        return engine

    drafter = LanguageDrafter(DARI, make_engine=make_engine, postprocess=Plain(), memory=None,
                              now=NOW, recurs=lambda source: source == "Both.")
    for chunk in chunks:
        drafter.draft(chunk)
    assert engine.calls == [2, 1, 1] and built == [1]  # "Both." only in the first call
    assert (drafter.report.pending, drafter.report.from_engine) == (4, 4)
    for slug in "abc":
        unit = load_catalog(tmp_path / f"{slug}.po", "fa_AF").unit("Both.")
        assert (unit.state, unit.target) == (State.DRAFT, ".htoB")
