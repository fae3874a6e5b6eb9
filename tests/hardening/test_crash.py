"""Crash safety: a localize run SIGKILLed at any moment loses no translation and leaves no
half-written file; the next run finishes the job.

The kill moments are random but seeded, and spread over the phases of a first, timed, full
run (interpreter start-up, extract, drafting, the moments catalogs are saved, the very end):
a polling thread records when each file appears or changes during that run.

After every kill:

* every catalog and template loads strictly (``load_catalog``) and passes
  ``msgfmt --check``;
* every unit a translator reviewed by hand before the kills is still reviewed, with the same
  text and the translator's comment;
* the articles are untouched, and the only hidden files besides the lock are the temporary
  files of a write the kill interrupted (``.<name>.<random>.tmp``), which localize ignores;
* (for one kill per phase) a rerun finishes the job, and the run after it calls no engine:
  it is given an empty packages folder, so an engine call would fail.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from localize.model import State

from .conftest import (
    FAST,
    TEMP_LEFTOVER,
    catalog_files,
    check_catalogs_sound,
    hidden_leftovers,
    review_by_hand,
    run_localize,
    snapshot,
    start_localize,
    units_by_state,
    untranslated,
    without_lock,
    write_variants,
)
from .newsgen import write_articles

pytestmark = pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs GNU gettext")

SEED = 20240611
LANGUAGES = ("fa_AF", "ps")
ARTICLES = 6
REVIEWED_PER_CATALOG = 3
TRANSLATE_KILLS = 22
MID_RUN_KILLS = 20
MAX_KILL_RUNS = 40
# Leftovers seen by the kill tests, printed at the end of each test (run with -s to see).
LEFTOVERS: list[str] = []


@dataclass
class Baseline:
    """A project where two articles were translated and some units reviewed by hand."""

    root: Path
    articles: list[Path]
    reviewed: dict[tuple[str, str, str], str]

    def copy_to(self, target: Path) -> Path:
        shutil.copytree(self.root, target, symlinks=True)
        return target


@dataclass
class Timeline:
    """When files appeared or changed during one full run, in seconds from its start."""

    end: float
    created: list[float] = field(default_factory=list)
    changed: list[float] = field(default_factory=list)
    stdout: str = ""

    @property
    def extract_start(self) -> float:
        return min(self.created)

    @property
    def extract_end(self) -> float:
        return max(self.created)

    @property
    def saves(self) -> list[float]:
        return [t for t in self.changed if t > self.extract_end]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, demo_models: Path) -> Baseline:
    root = tmp_path_factory.mktemp("crash-baseline")
    articles = write_variants(root / "articles", ARTICLES)
    done = run_localize("translate", articles[0], articles[1], "--locales", root / "locales",
                        *FAST, packages=demo_models)
    assert done.returncode == 0, done.stderr
    reviewed = {}
    for language in LANGUAGES:
        for article in articles[:2]:
            po = root / "locales" / language / "LC_MESSAGES" / f"{article.stem}.po"
            for source, text in review_by_hand(po, REVIEWED_PER_CATALOG, "hand").items():
                reviewed[(language, article.stem, source)] = text
    assert units_by_state(root / "locales", State.REVIEWED) == reviewed
    return Baseline(root, articles, reviewed)


def timed_run(command: list[str | Path], watch: list[Path], packages: Path | None) -> Timeline:
    """Run ``localize *command`` to the end, recording when files in the ``watch`` folders
    appear or change (a cheap ``scandir`` poll every few milliseconds)."""
    seen: dict[str, int] = {}

    def scan() -> list[tuple[str, int]]:
        found = []
        for folder in watch:
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if not entry.name.startswith(".") and entry.is_file():
                            found.append((entry.path, entry.stat().st_mtime_ns))
            except FileNotFoundError:
                continue
        return found

    seen.update(scan())
    events: list[tuple[float, bool]] = []
    stop = threading.Event()
    start = time.monotonic()

    def poll() -> None:
        while not stop.is_set():
            now = time.monotonic() - start
            for path, mtime in scan():
                if seen.get(path) != mtime:
                    events.append((now, path not in seen))
                    seen[path] = mtime
            time.sleep(0.005)

    process = start_localize(*command, packages=packages)
    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    stdout, stderr = process.communicate(timeout=300)
    end = time.monotonic() - start
    stop.set()
    thread.join()
    assert process.returncode == 0, stderr
    timeline = Timeline(end, [t for t, new in events if new], [t for t, new in events if not new],
                        stdout)
    assert timeline.created, "the timed run wrote no new file"
    return timeline


def locale_dirs(locales: Path) -> list[Path]:
    return [locales / "templates"] + [locales / lang / "LC_MESSAGES" for lang in LANGUAGES]


def kill_after(offset: float, command: list[str | Path], packages: Path | None
               ) -> tuple[int, float]:
    """Start ``localize *command`` and SIGKILL it ``offset`` seconds later, unless it ends
    first: ``(exit status, seconds it ran)``."""
    start = time.monotonic()
    process = start_localize(*command, packages=packages)
    try:
        process.wait(timeout=max(0.0, offset - (time.monotonic() - start)))
    except subprocess.TimeoutExpired:
        process.kill()
    process.communicate()
    return process.returncode, time.monotonic() - start


def translate_kill_plan(timeline: Timeline, rng: random.Random) -> list[tuple[str, float]]:
    """Kill moments over every phase of the timed run (phase name, seconds after start),
    then spare moments in the drafting phase, used when a run ends before its kill."""
    plan = [("startup", rng.uniform(0.05, timeline.extract_start)) for _ in range(2)]
    plan += [("extract", rng.uniform(timeline.extract_start - 0.02, timeline.extract_end + 0.01))
             for _ in range(4)]
    # A catalog is visible at its os.replace; the temp write and fsync come just before.
    saves = rng.sample(timeline.saves, min(5, len(timeline.saves)))
    plan += [("save", t - rng.uniform(0.0, 0.008)) for t in saves]
    plan += [("end", rng.uniform(timeline.end - 0.25, timeline.end)) for _ in range(2)]
    plan += [("draft", rng.uniform(timeline.extract_end, timeline.end))
             for _ in range(TRANSLATE_KILLS - len(plan))]
    return plan


def assert_no_loss(work: Path, baseline: Baseline, articles_before: dict[str, str],
                   what: str) -> None:
    locales = work / "locales"
    assert check_catalogs_sound(locales) == [], what
    reviewed_now = units_by_state(locales, State.REVIEWED)
    lost = {k: v for k, v in baseline.reviewed.items() if reviewed_now.get(k) != v}
    assert not lost, f"{what}: reviewed units changed or lost: {lost}"
    assert snapshot(work / "articles") == articles_before, f"{what}: an article was modified"
    for leftover in hidden_leftovers(locales):
        assert TEMP_LEFTOVER.match(leftover.name), f"{what}: unexpected file {leftover}"
        LEFTOVERS.append(f"{what}: {leftover.relative_to(work)} ({leftover.stat().st_size} B)")


def assert_rerun_finishes(work: Path, baseline: Baseline, demo_models: Path,
                          empty_models: Path, articles: list[Path], what: str) -> None:
    locales = work / "locales"
    command: list[str | Path] = ["translate", work / "articles", "--locales", locales, *FAST]
    finish = run_localize(*command, packages=demo_models)
    assert finish.returncode == 0, f"{what}: rerun failed: {finish.stderr}"
    assert untranslated(locales) == [], f"{what}: rerun left untranslated units"
    expected = {f"{lang}/LC_MESSAGES/{a.stem}.po" for lang in LANGUAGES for a in articles}
    found = {p.relative_to(locales).as_posix() for p in catalog_files(locales) if p.suffix == ".po"}
    assert found == expected
    assert_no_loss(work, baseline, snapshot(work / "articles"), what + " (after rerun)")
    before = without_lock(snapshot(work))
    again = run_localize(*command, packages=empty_models)  # an engine call would fail here
    assert again.returncode == 0, f"{what}: second rerun failed: {again.stderr}"
    for language in LANGUAGES:
        assert f"{language}: nothing to draft" in again.stdout, again.stdout
    assert "drafted" not in again.stdout
    assert without_lock(snapshot(work)) == before, f"{what}: second rerun changed files"


@pytest.mark.slow
def test_translate_killed_at_any_moment_loses_no_review_and_resumes(
    baseline: Baseline, demo_models: Path, empty_models: Path, tmp_path: Path
) -> None:
    articles_before = snapshot(baseline.root / "articles")
    timed = baseline.copy_to(tmp_path / "timed")
    command_for: Callable[[Path], list[str | Path]] = lambda work: [
        "translate", work / "articles", "--locales", work / "locales", *FAST]
    timeline = timed_run(command_for(timed), locale_dirs(timed / "locales"), demo_models)
    assert timeline.saves, "drafting saved nothing during the timed run"
    rng = random.Random(SEED)
    plan = translate_kill_plan(timeline, rng)
    resumed: set[str] = set()
    log: list[str] = []
    killed, fastest = 0, timeline.end
    LEFTOVERS.clear()
    for number in range(MAX_KILL_RUNS):
        if number < len(plan):
            phase, offset = plan[number]
        elif killed < MID_RUN_KILLS:  # runs ended before their kill: aim below the fastest
            phase, offset = "draft", rng.uniform(timeline.extract_end, 0.9 * fastest)
        else:
            break
        work = baseline.copy_to(tmp_path / f"kill-{number:02d}")
        status, ran = kill_after(offset, command_for(work), demo_models)
        killed += status == -9
        if status == 0:
            fastest = min(fastest, ran)
        what = f"kill {number} ({phase}, {offset:.3f} s of {timeline.end:.2f} s, exit {status})"
        log.append(what)
        assert status in (-9, 0), "\n".join(log)
        assert_no_loss(work, baseline, articles_before, what)
        if phase not in resumed and status == -9:
            resumed.add(phase)
            assert_rerun_finishes(work, baseline, demo_models, empty_models,
                                  baseline.articles, what)
        shutil.rmtree(work)
    assert killed >= MID_RUN_KILLS, "too few runs killed mid-run:\n" + "\n".join(log)
    assert {"startup", "extract", "save", "draft"} <= resumed, "\n".join(log)
    print(f"\n{len(log)} translate kills, {killed} mid-run; leftovers: {LEFTOVERS or 'none'}")


# -- extract -----------------------------------------------------------------------------------
def _normalized(path: Path) -> bytes:
    """File bytes without the header dates a later run rewrites."""
    lines = path.read_bytes().split(b"\n")
    return b"\n".join(ln for ln in lines
                      if not ln.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:')))


def _tree(locales: Path) -> dict[str, bytes]:
    return {p.relative_to(locales).as_posix(): _normalized(p) for p in locales.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def big_project(baseline: Baseline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The baseline with one reviewed article edited and 60 new generated articles."""
    root = baseline.copy_to(tmp_path_factory.mktemp("extract-project") / "project")
    for extra in baseline.articles[2:]:
        (root / "articles" / extra.name).unlink()
    edited = root / "articles" / baseline.articles[0].name
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("In Recent months", "In recent months")
                      + "\nThe talks will resume next week in Doha.\n", encoding="utf-8")
    write_articles(root / "articles", 60, seed=SEED, units=30, prefix="wire")
    return root


@pytest.mark.slow
def test_extract_killed_leaves_each_file_old_or_new_and_resumes(
    big_project: Path, baseline: Baseline, tmp_path: Path
) -> None:
    reference = tmp_path / "reference"
    shutil.copytree(big_project, reference)
    command_for: Callable[[Path], list[str | Path]] = lambda work: [
        "extract", work / "articles", "--locales", work / "locales"]
    timeline = timed_run(command_for(reference), locale_dirs(reference / "locales"), None)
    complete = _tree(reference / "locales")
    before = _tree(big_project / "locales")
    articles_before = snapshot(big_project / "articles")
    rng = random.Random(SEED + 1)
    offsets = sorted(rng.uniform(0.3, timeline.end) for _ in range(8))
    LEFTOVERS.clear()
    for number, offset in enumerate(offsets):
        work = tmp_path / f"kill-{number}"
        shutil.copytree(big_project, work)
        status, _ = kill_after(offset, command_for(work), None)
        what = f"extract kill {number} ({offset:.3f} s of {timeline.end:.2f} s, exit {status})"
        now = _tree(work / "locales")
        for name, data in now.items():
            assert data in (before.get(name), complete.get(name)), f"{what}: {name} is half-new"
        assert set(now) <= set(before) | set(complete)
        assert_no_loss(work, baseline, articles_before, what)
        if number in (0, len(offsets) - 1):
            rerun = run_localize(*command_for(work))
            assert rerun.returncode == 0, rerun.stderr
            assert _tree(work / "locales") == complete, f"{what}: rerun did not finish the job"
            still = without_lock(snapshot(work))
            again = run_localize(*command_for(work))
            assert again.returncode == 0 and "created" not in again.stdout
            assert "updated" not in again.stdout
            assert without_lock(snapshot(work)) == still, f"{what}: an up-to-date extract wrote"
        shutil.rmtree(work)
    print(f"\nextract kills: {len(offsets)}; leftovers: {LEFTOVERS or 'none'}")


# -- publish -----------------------------------------------------------------------------------
@pytest.mark.slow
def test_publish_killed_never_leaves_a_half_written_edition(
    big_project: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(big_project, project)
    assert run_localize("extract", project / "articles", "--locales", project / "locales"
                        ).returncode == 0
    slugs = sorted(p.stem for p in (project / "articles").glob("*.txt"))

    def command(output: Path, date: str) -> list[str | Path]:
        return ["publish", *slugs, "--locales", project / "locales", "-o", output,
                "--allow-incomplete", "--min-state", "draft", "--date", date]

    old = tmp_path / "old"
    assert run_localize(*command(old, "2024-01-01")).returncode == 0
    new = tmp_path / "new"
    timeline = timed_run(command(new, "2024-02-02"), [new], None)
    old_files = {p.name: p.read_bytes() for p in old.iterdir()}
    new_files = {p.name: p.read_bytes() for p in new.iterdir()}
    assert len(new_files) == 2 * len(slugs)
    rng = random.Random(SEED + 2)
    LEFTOVERS.clear()
    for number in range(8):
        offset = rng.uniform(0.3, timeline.end)
        editions = tmp_path / f"editions-{number}"
        if number % 2:  # over a folder of earlier editions, or into a new folder
            shutil.copytree(old, editions)
        status, _ = kill_after(offset, command(editions, "2024-02-02"), None)
        what = f"publish kill {number} ({offset:.3f} s of {timeline.end:.2f} s, exit {status})"
        for path in editions.iterdir() if editions.exists() else []:
            if path.name.startswith("."):
                assert TEMP_LEFTOVER.match(path.name), f"{what}: {path.name}"
                LEFTOVERS.append(f"{what}: {path.name} ({path.stat().st_size} B)")
                continue
            data = path.read_bytes()
            assert data.rstrip().endswith(b"</html>"), f"{what}: {path.name} is half-written"
            assert data in (old_files.get(path.name), new_files[path.name]), what
        shutil.rmtree(editions, ignore_errors=True)
    print(f"\npublish kills: 8; leftovers: {LEFTOVERS or 'none'}")


# -- seeding the starter data -------------------------------------------------------------------
def test_a_run_killed_while_seeding_the_glossary_leaves_no_partial_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The starter glossary is copied into a new language folder on the first extract; a kill
    in the middle of that copy must not leave a truncated glossary that the next runs keep
    (they only copy when the file is missing)."""
    import datetime as dt

    from localize.extract import plan_extract, write_extract
    from localize.langs import LANGUAGES as TABLE
    from localize.language.glossary import load_glossary, starter_path
    from localize.project import Locales

    article = write_variants(tmp_path / "articles", 1)[0]
    locales = Locales(tmp_path / "locales")
    now = dt.datetime(2024, 6, 11, tzinfo=dt.timezone.utc)
    import localize.catalog as catalog_module

    real_replace = catalog_module.os.replace

    def killed_before_rename(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith("glossary.tsv"):
            raise KeyboardInterrupt  # the process died with the glossary only in a temp file
        real_replace(src, dst)

    monkeypatch.setattr(catalog_module.os, "replace", killed_before_rename)
    with pytest.raises(KeyboardInterrupt):
        write_extract(plan_extract([article], [TABLE["ps"]], locales, now), locales)
    monkeypatch.setattr(catalog_module.os, "replace", real_replace)
    write_extract(plan_extract([article], [TABLE["ps"]], locales, now), locales)  # the rerun
    glossary = locales.language_dir("ps") / "glossary.tsv"
    assert glossary.read_bytes() == starter_path("ps", "glossary.tsv").read_bytes(), (
        "a truncated starter glossary survived the rerun (seed_language_data copies in place)")
    assert len(load_glossary(glossary)) > 0
