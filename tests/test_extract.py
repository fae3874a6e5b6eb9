"""Extract: article files in, templates and catalogs out, merged without losing anything."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from localize.catalog import load_catalog, save_catalog
from localize.errors import ArticleError, CatalogSyntaxError
from localize.extract import extract_articles, plan_extract, write_extract
from localize.langs import DARI, PASHTO
from localize.model import BlockKind, Origin, Provenance, State
from localize.project import Locales

from .conftest import have_tool

NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.timezone.utc)
MACHINE = Provenance(Origin.MACHINE, "translate-en_prs", "1.0", "prs", "2026-11-28")


def extract(article: Path, locales: Locales) -> None:
    write_extract(plan_extract([article], [DARI, PASHTO], locales, NOW), locales)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_sample_article_gets_a_template_and_a_catalog_per_language(
    sample_article: Path, tmp_path: Path
) -> None:
    locales = Locales(tmp_path / "locales")
    extract(sample_article, locales)
    template = load_catalog(locales.template_path("nato-sg-taliban-talks"))
    dari = load_catalog(locales.catalog_path("fa_AF", "nato-sg-taliban-talks"), "fa_AF")
    pashto = load_catalog(locales.catalog_path("ps", "nato-sg-taliban-talks"), "ps")
    assert len(template.units()) == len(dari.units()) == len(pashto.units()) == 20
    kinds = [u.positions[0][2] for u in dari.units()[:4]]
    assert kinds == [BlockKind.HEADLINE, BlockKind.DATELINE, BlockKind.BYLINE, BlockKind.BODY]
    assert (tmp_path / "locales" / "fa_AF" / "glossary.tsv").exists()  # seeded for translators
    assert (tmp_path / "locales" / "fa_AF" / "dari_lexicon.tsv").exists()


@pytest.mark.skipif(not have_tool("msgfmt"), reason="GNU gettext not installed")
def test_every_written_catalog_passes_msgfmt_check(sample_article: Path, tmp_path: Path) -> None:
    locales = Locales(tmp_path / "locales")
    extract(sample_article, locales)
    for path in (tmp_path / "locales").rglob("*.po*"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


def test_re_extracting_an_unchanged_article_writes_nothing(sample_article: Path, tmp_path: Path) -> None:
    locales = Locales(tmp_path / "locales")
    extract(sample_article, locales)
    before = snapshot(tmp_path / "locales")
    report = plan_extract([sample_article], [DARI, PASHTO], locales, NOW + dt.timedelta(days=1))
    assert report.stale == []
    write_extract(report, locales)
    assert snapshot(tmp_path / "locales") == before


def test_an_edited_article_keeps_reviewed_work_and_marks_the_edit(
    sample_article: Path, tmp_path: Path
) -> None:
    locales = Locales(tmp_path / "locales")
    extract(sample_article, locales)
    path = locales.catalog_path("fa_AF", "nato-sg-taliban-talks")
    catalog = load_catalog(path, "fa_AF")
    old = "So we provide trainers but also financial support."
    catalog.set_draft(old, "بنابراین ما مربی فراهم می‌کنیم.", MACHINE)
    catalog.set_draft("Report: Shershah Nawabi", "گزارش: شیرشاه نوابی", MACHINE)
    catalog.po.find("Report: Shershah Nawabi").flags.remove("fuzzy")
    save_catalog(catalog)

    text = sample_article.read_text(encoding="utf-8")
    sample_article.write_text(text.replace(old, "So we provide trainers and also financial support."),
                              encoding="utf-8")
    report = plan_extract([sample_article], [DARI], locales, NOW)
    assert [c.action for c in report.stale] == ["updated"]
    write_extract(report, locales)

    merged = load_catalog(path, "fa_AF")
    assert merged.unit("Report: Shershah Nawabi").state is State.REVIEWED
    edited = merged.unit("So we provide trainers and also financial support.")
    assert edited.state is State.SOURCE_CHANGED
    assert edited.previous_source == old
    assert edited.target == "بنابراین ما مربی فراهم می‌کنیم."


def test_one_bad_article_means_nothing_is_written(sample_article: Path, tmp_path: Path) -> None:
    locales = Locales(tmp_path / "locales")
    broken = sample_article.parent / "broken.txt"
    broken.write_bytes(b"Headline\n\xff\xfe not text\n")
    with pytest.raises(ArticleError, match="UTF-8"):
        plan_extract([sample_article, broken], [DARI], locales, NOW)
    assert not (tmp_path / "locales").exists()


def test_a_broken_catalog_stops_extract_before_any_write(sample_article: Path, tmp_path: Path) -> None:
    locales = Locales(tmp_path / "locales")
    extract(sample_article, locales)
    path = locales.catalog_path("ps", "nato-sg-taliban-talks")
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr ""\n\n#.', 'msgstr "x\n\n#.', 1),
                    encoding="utf-8")
    sample_article.write_text(sample_article.read_text(encoding="utf-8") + "\nA new sentence.\n",
                              encoding="utf-8")
    before = snapshot(tmp_path / "locales")
    with pytest.raises(CatalogSyntaxError) as caught:
        plan_extract([sample_article], [DARI, PASHTO], locales, NOW)
    assert caught.value.path == path and caught.value.line
    assert snapshot(tmp_path / "locales") == before


def test_articles_planned_again_to_save_memory_are_written_exactly_alike(
    tmp_path: Path, sample_article: Path
) -> None:
    """Plans beyond the memory budget are dropped and made again when written: the files
    must be byte for byte those of a run that kept every plan."""
    folder = tmp_path / "newsroom"
    folder.mkdir()
    text = sample_article.read_text(encoding="utf-8")
    articles = []
    for n in range(3):
        article = folder / f"story-{n}.txt"
        article.write_text(text.replace("Kabul", f"Kabul {n}", 1), encoding="utf-8")
        articles.append(article)
    trees = []
    for keep_units in (10**9, 0):
        locales = Locales(tmp_path / f"locales-{keep_units}")
        extract_articles(articles, [DARI, PASHTO], locales, NOW, keep_units=keep_units)
        articles[1].write_text(text.replace("Kabul", "Herat", 1), encoding="utf-8")
        summaries = extract_articles(articles, [DARI, PASHTO], locales, NOW, keep_units=keep_units)
        articles[1].write_text(text.replace("Kabul", "Kabul 1", 1), encoding="utf-8")
        assert [c.action for s in summaries for c in s.changes] == [
            "unchanged", "unchanged", "updated", "updated", "unchanged", "unchanged"]
        trees.append({p.relative_to(locales.root): p.read_bytes()
                      for p in sorted(locales.root.rglob("*")) if p.is_file()
                      and p.name != ".localize.lock"})
    assert trees[0] == trees[1] and len(trees[0]) >= 9


def test_extract_check_writes_nothing(tmp_path: Path, sample_article: Path) -> None:
    locales = Locales(tmp_path / "locales")
    summaries = extract_articles([sample_article], [DARI], locales, NOW, write=False)
    assert [c.action for c in summaries[0].changes] == ["created"]
    assert not locales.root.exists()
