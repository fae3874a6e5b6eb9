"""The command line: each command's wiring, messages and exit codes, end to end on real files.

Integration: `translate` runs through the real engine (the generated demo packages).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from localize.catalog import load_catalog, save_catalog
from localize.cli import main
from localize.model import Origin, State
from localize.project import LOCK_NAME

SLUG = "nato-sg-taliban-talks"
COMMANDS = ["segment", "extract", "translate", "status", "check", "approve", "publish", "compile",
            "normalize", "models", "memory"]


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], env=env, input=stdin)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def without_lock(files: dict[str, bytes]) -> dict[str, bytes]:
    """A snapshot less the lock file, which holds the pid of its last holder."""
    return {name: data for name, data in files.items() if Path(name).name != LOCK_NAME}


@pytest.fixture
def project(tmp_path: Path, sample_article: Path, models_dir: Path) -> dict[str, Path]:
    return {"article": sample_article, "locales": tmp_path / "locales", "models": models_dir}


def translate(project: dict[str, Path], *extra: str) -> Result:
    return run("translate", project["article"], "--locales", project["locales"], *extra,
               env={"ARGOS_PACKAGES_DIR": str(project["models"])})


def review_all(locales: Path, language: str) -> Path:
    """Do what a translator does in Poedit: accept every draft (clear 'Needs work')."""
    path = locales / language / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = load_catalog(path, language)
    for entry in catalog.po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    save_catalog(catalog)
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_segment_prints_units_with_exact_offsets_as_json(sample_article: Path) -> None:
    result = run("segment", sample_article, "--format", "json")
    assert result.exit_code == 0
    units = json.loads(result.output)
    text = sample_article.read_text(encoding="utf-8")
    assert [u["kind"] for u in units[:3]] == ["headline", "dateline", "byline"]
    assert all(text[u["start"]:u["end"]] == u["text"] for u in units)
    assert {"text", "start", "end", "kind", "paragraph"} <= set(units[0])


def test_segment_reads_stdin() -> None:
    result = run("segment", "-", stdin="Kabul- Afghanistan (PMG):\nMr. Smith left. He came back.\n")
    assert result.exit_code == 0
    assert "Mr. Smith left." in result.output and "He came back." in result.output


def test_extract_check_exits_1_on_stale_catalogs_and_writes_nothing(project: dict[str, Path]) -> None:
    assert run("extract", project["article"], "--locales", project["locales"]).exit_code == 0
    assert run("extract", "--check", project["article"], "--locales", project["locales"]).exit_code == 0
    project["article"].write_text(project["article"].read_text(encoding="utf-8") + "\nNew line.\n",
                                  encoding="utf-8")
    before = snapshot(project["locales"])
    result = run("extract", "--check", project["article"], "--locales", project["locales"])
    assert result.exit_code == 1
    assert "out of date" in result.output
    assert snapshot(project["locales"]) == before


def test_translate_drafts_both_languages_with_provenance_then_has_nothing_left(
    project: dict[str, Path]
) -> None:
    first = translate(project)
    assert first.exit_code == 0, first.output
    assert re.search(r"fa_AF: drafted 20 by engine", first.output)
    assert re.search(r"ps: drafted 20 by engine", first.output)
    catalog = load_catalog(project["locales"] / "ps" / "LC_MESSAGES" / f"{SLUG}.po", "ps")
    units = catalog.units()
    assert all(u.state is State.DRAFT for u in units)
    assert all(u.provenance and u.provenance.origin is Origin.MACHINE for u in units)
    again = translate(project)
    assert again.exit_code == 0
    assert "fa_AF: nothing to draft" in again.output and "ps: nothing to draft" in again.output


def test_translate_without_a_model_names_the_language_and_the_install_command(
    project: dict[str, Path], tmp_path: Path
) -> None:
    result = run("translate", project["article"], "--locales", project["locales"], "-l", "ps",
                 env={"ARGOS_PACKAGES_DIR": str(tmp_path / "empty")})
    assert result.exit_code == 1
    assert "Pashto" in result.output and "localize models install" in result.output


def test_translate_without_a_model_writes_nothing_not_even_the_extract(
    project: dict[str, Path], tmp_path: Path
) -> None:
    no_models = {"ARGOS_PACKAGES_DIR": str(tmp_path / "empty")}
    fresh = run("translate", project["article"], "--locales", project["locales"], env=no_models)
    assert fresh.exit_code == 1 and "localize models install" in fresh.output
    assert not project["locales"].exists()

    assert run("extract", project["article"], "--locales", project["locales"]).exit_code == 0
    article = project["article"]
    article.write_text(article.read_text(encoding="utf-8") + "\nA new sentence.\n",
                       encoding="utf-8")
    (project["locales"] / "ps" / "glossary.tsv").unlink()  # translate would seed it again
    before = without_lock(snapshot(project["locales"]))
    result = run("translate", article, "--locales", project["locales"], env=no_models)
    assert result.exit_code == 1
    assert "Dari" in result.output and "localize models install" in result.output
    assert without_lock(snapshot(project["locales"])) == before


def test_a_locked_command_removes_what_a_killed_write_left(project: dict[str, Path]) -> None:
    assert run("extract", project["article"], "--locales", project["locales"]).exit_code == 0
    folder = project["locales"] / "ps" / "LC_MESSAGES"
    fd, leftover = tempfile.mkstemp(prefix=f".{SLUG}.po.", suffix=".tmp", dir=folder)
    os.close(fd)  # what write_atomic leaves when killed before os.replace
    keep = [folder / "notes.tmp", folder / f"{SLUG}.po~", folder / f".{SLUG}.po~"]
    for path in keep:
        path.write_text("mine\n", encoding="utf-8")
    assert run("extract", project["article"], "--locales", project["locales"]).exit_code == 0
    assert not Path(leftover).exists()
    assert all(path.exists() for path in keep)


def test_a_second_memory_hit_skips_the_engine(project: dict[str, Path], tmp_path: Path) -> None:
    assert translate(project, "-l", "fa_AF").exit_code == 0
    review_all(project["locales"], "fa_AF")
    copy = project["article"].parent / "same-story-again.txt"
    copy.write_text(project["article"].read_text(encoding="utf-8"), encoding="utf-8")
    result = run("translate", copy, "--locales", project["locales"], "-l", "fa_AF",
                 env={"ARGOS_PACKAGES_DIR": str(tmp_path / "no-models-needed")})
    assert result.exit_code == 0, result.output
    assert "20 from memory" in result.output


def test_status_json_counts_states_and_approvals(project: dict[str, Path]) -> None:
    translate(project)
    review_all(project["locales"], "ps")
    assert run("approve", SLUG, "-l", "ps", "--by", "Zarghuna", "--locales",
               project["locales"]).exit_code == 0
    result = run("status", "--locales", project["locales"], "--format", "json")
    data = json.loads(result.output)
    assert data["schema"] == "localize.status/1"
    by_lang = {c["language"]: c for c in data["catalogs"]}
    assert by_lang["ps"]["units"]["approved"] == 20 and by_lang["ps"]["approved_by"] == ["Zarghuna"]
    assert by_lang["fa_AF"]["units"]["draft"] == 20 and by_lang["fa_AF"]["reviewed_share"] == 0
    assert data["total"]["total_units"] == 40
    (engine,) = [e for e in data["engines"] if e["language"] == "ps"]
    assert engine["reviewed_drafts"] == 20 and engine["accepted_unchanged"] == 20


def test_approve_refuses_while_drafts_remain_and_lists_them(project: dict[str, Path]) -> None:
    translate(project)
    path = project["locales"] / "fa_AF" / "LC_MESSAGES" / f"{SLUG}.po"
    before = path.read_bytes()
    result = run("approve", project["article"], "-l", "dari", "--by", "Editor", "--locales",
                 project["locales"])
    assert result.exit_code == 1
    assert "not reviewed yet" in result.output and "[draft]" in result.output
    assert path.read_bytes() == before


def test_check_reports_errors_writes_them_on_entries_and_fails(project: dict[str, Path]) -> None:
    run("extract", project["article"], "--locales", project["locales"], "-l", "fa_AF")
    path = project["locales"] / "fa_AF" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = load_catalog(path, "fa_AF")
    source = next(u.source for u in catalog.units() if "2024" in u.source)
    catalog.po.find(source).msgstr = "ما تعهد جدید کردیم."  # the year is missing
    save_catalog(catalog)
    result = run("check", "--locales", project["locales"], "-l", "fa_AF", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    numbers = [f for f in findings if f["check"] == "numbers"]
    assert [(f["source"], f["severity"], f["state"]) for f in numbers] == [
        (source, "error", "reviewed")]  # a translator's text: no fuzzy flag
    assert numbers[0]["line"] == catalog.unit(source).positions[0][3]  # the article's line
    assert "check: error numbers" in path.read_text(encoding="utf-8")


def test_publish_refuses_an_incomplete_translation_and_writes_nothing(
    project: dict[str, Path], tmp_path: Path
) -> None:
    translate(project)
    out = tmp_path / "editions"
    result = run("publish", project["article"], "--locales", project["locales"], "-o", out)
    assert result.exit_code == 1
    assert "below reviewed" in result.output
    assert not out.exists()


def test_publish_writes_a_reviewed_edition(project: dict[str, Path], tmp_path: Path) -> None:
    translate(project, "-l", "ps")
    review_all(project["locales"], "ps")
    out = tmp_path / "editions"
    result = run("publish", project["article"], "-l", "ps", "--locales", project["locales"],
                 "-o", out, "--date", "2019-02-10")
    assert result.exit_code == 0, result.output
    html = (out / f"{SLUG}.ps.html").read_text(encoding="utf-8")
    assert 'lang="ps" dir="rtl"' in html
    assert "د ۱۳۹۷ کال د سلواغې ۲۱مه" in html


def test_compile_writes_mo_files(project: dict[str, Path]) -> None:
    translate(project, "-l", "ps")
    review_all(project["locales"], "ps")
    result = run("compile", "-l", "ps", "--locales", project["locales"])
    assert result.exit_code == 0
    assert "(20 messages)" in result.output
    assert (project["locales"] / "ps" / "LC_MESSAGES" / f"{SLUG}.mo").stat().st_size > 0


def test_memory_export_then_import_round_trips(project: dict[str, Path], tmp_path: Path) -> None:
    translate(project, "-l", "fa_AF")
    review_all(project["locales"], "fa_AF")
    tmx = tmp_path / "dari.tmx"
    assert run("memory", "export", "-l", "fa_AF", "-o", tmx, "--locales", project["locales"]).exit_code == 0
    assert "<tmx version=\"1.4\"" in tmx.read_text(encoding="utf-8")
    other = tmp_path / "other-locales"
    result = run("memory", "import", tmx, "-l", "fa_AF", "--locales", other)
    assert result.exit_code == 0
    assert "imported 20 translation units" in result.output


def test_normalize_applies_dari_script_rules_to_stdin() -> None:
    result = run("normalize", "-l", "prs", stdin="كابل 2024")
    assert result.exit_code == 0
    assert result.output == "کابل ۲۰۲۴"


def test_models_list_says_what_each_package_serves(tmp_path: Path, demo_archives: dict[str, Path]) -> None:
    target = tmp_path / "models"
    assert run("models", "install", demo_archives["fa"], "--packages-dir", target).exit_code == 0
    result = run("models", "list", "--packages-dir", target)
    assert "Persian model, adapted to Dari (fa_AF)" in result.output
    assert run("models", "remove", "translate-en_fa-0_0_0+demo", "--packages-dir", target).exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["extract", "missing.txt"], "missing.txt: does not exist"),
    (["extract", "-l", "pbs", "EXISTING"], "Central Pame"),
    (["status", "-l", "klingon"], "unknown language 'klingon'"),
    (["approve", "no-such-story", "-l", "ps", "--by", "X"], "no Pashto catalog for 'no-such-story'"),
    (["publish", "no-such-story"], "no Dari catalog for 'no-such-story'"),
])
def test_bad_input_gets_a_one_line_error_and_exit_1(
    args: list[str], message: str, sample_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = [str(sample_article) if a == "EXISTING" else a for a in args]
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output
