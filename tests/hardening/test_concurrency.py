"""Concurrency: one writer per locales folder, readers never see half a file, and a translator
saving a catalog while a run drafts it keeps their work.

The lock is an ``flock`` on ``<locales>/.localize.lock`` held by every command that writes
to the folder (extract, translate, approve, check, memory import): a second writer stops at
once with exit 1 and a message naming the folder and the holder's pid, or queues with
``--wait``; the kernel releases the lock when the holder dies, even by SIGKILL.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import polib
import pytest

from localize.catalog import load_catalog
from localize.draft import draft_language
from localize.langs import LANGUAGES
from localize.model import State

from .conftest import (
    FAST,
    LOCK_NAME,
    check_catalogs_sound,
    run_localize,
    snapshot,
    start_localize,
    untranslated,
    write_variants,
)


def wait_for(condition: object, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def lock_held_by(locales: Path, pid: int) -> bool:
    try:
        return (locales / LOCK_NAME).read_text().strip() == str(pid)
    except FileNotFoundError:
        return False


@contextmanager
def holding_lock(locales: Path) -> Iterator[int]:
    """Hold the folder's lock the way a localize run does (this process plays the run)."""
    locales.mkdir(parents=True, exist_ok=True)
    fd = os.open(locales / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield os.getpid()
    finally:
        os.close(fd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_variants(tmp_path / "articles", 6)
    return tmp_path


# -- two runs ---------------------------------------------------------------------------------
def test_second_translate_stops_at_once_naming_the_lock_and_a_killed_holder_frees_it(
    project: Path, demo_models: Path
) -> None:
    locales = project / "locales"
    command: list[str | Path] = ["translate", project / "articles", "--locales", locales]
    first = start_localize(*command, packages=demo_models)  # default beam: a long run
    try:
        wait_for(lambda: lock_held_by(locales, first.pid), what="the first run to lock")
        second = run_localize(*command, *FAST, packages=demo_models, timeout=60)
        assert first.poll() is None, "the second run waited for the first instead of stopping"
        assert second.returncode == 1
        message = second.stderr.strip()
        assert message.count("\n") == 0, message
        assert str(locales) in message and f"pid {first.pid}" in message, message
        assert "--wait" in message
    finally:
        first.kill()
        first.communicate()
    assert first.returncode == -9
    third = run_localize(*command, *FAST, packages=demo_models)  # the kernel freed the lock
    assert third.returncode == 0, third.stderr
    assert untranslated(locales) == []
    assert check_catalogs_sound(locales) == []


def test_wait_queues_a_second_translate_behind_the_first(
    project: Path, demo_models: Path
) -> None:
    locales = project / "locales"
    command: list[str | Path] = ["translate", project / "articles", "--locales", locales,
                                 *FAST]
    first = start_localize(*command, packages=demo_models)
    wait_for(lambda: lock_held_by(locales, first.pid), what="the first run to lock")
    second = start_localize(*command, "--wait", packages=demo_models)
    first_out, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    second_out, second_err = second.communicate(timeout=300)
    assert second.returncode == 0, second_err
    assert "drafted" in first_out
    for language in ("fa_AF", "ps"):  # everything was done by the first run
        assert f"{language}: nothing to draft" in second_out, second_out


WRITERS = {
    "extract": lambda p: ["extract", p / "articles", "--locales", p / "locales"],
    "translate": lambda p: ["translate", p / "articles", "--locales", p / "locales"],
    "approve": lambda p: ["approve", "story-1", "-l", "ps", "--by", "Editor",
                          "--locales", p / "locales"],
    "check": lambda p: ["check", "--locales", p / "locales"],
    "memory-import": lambda p: ["memory", "import", p / "memory.tmx", "-l", "ps",
                                "--locales", p / "locales"],
}
READERS = {
    "status": lambda p: ["status", "--locales", p / "locales"],
    "extract-check": lambda p: ["extract", "--check", p / "articles", "--locales", p / "locales"],
    "publish": lambda p: ["publish", "story-1", "-l", "ps", "--locales", p / "locales",
                          "-o", p / "editions", "--allow-incomplete"],
}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("extracted")
    write_variants(root / "articles", 2)
    assert run_localize("extract", root / "articles", "--locales", root / "locales"
                        ).returncode == 0
    (root / "memory.tmx").write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="ps"><seg>سلام.</seg></tuv>'
        "</tu></body></tmx>\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("command", list(WRITERS), ids=list(WRITERS))
def test_every_writer_refuses_a_locked_folder_and_changes_nothing(
    command: str, extracted: Path, tmp_path: Path, demo_models: Path
) -> None:
    work = tmp_path / "p"
    shutil.copytree(extracted, work)
    with holding_lock(work / "locales") as pid:
        before = snapshot(work)
        started = time.monotonic()
        result = run_localize(*WRITERS[command](work), packages=demo_models, timeout=60)
        assert time.monotonic() - started < 30
        assert snapshot(work) == before
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"pid {pid}" in result.stderr and str(work / "locales") in result.stderr


@pytest.mark.parametrize("command", list(READERS), ids=list(READERS))
def test_readers_work_while_a_run_holds_the_lock(
    command: str, extracted: Path, tmp_path: Path
) -> None:
    work = tmp_path / "p"
    shutil.copytree(extracted, work)
    with holding_lock(work / "locales"):
        result = run_localize(*READERS[command](work), timeout=60)
    assert result.returncode == 0, result.stderr


# -- a translator saves while a run drafts -----------------------------------------------------
def save_like_an_editor(path: Path, po: polib.POFile) -> None:
    """Write the whole file to a temporary file and rename it, as Poedit and Lokalize do."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix="poedit-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(str(po))
    os.replace(temp, path)


def translator_edits(path: Path) -> dict[str, str]:
    """Review one draft (new text, fuzzy off, a comment) and translate one empty unit."""
    return translator_edits_counted(path)[0]


def translator_edits_counted(path: Path) -> tuple[dict[str, str], int]:
    """``translator_edits``, and how many drafts the file it saved holds."""
    po = polib.pofile(str(path), wrapwidth=79)
    draft = next(e for e in po if not e.obsolete and e.msgstr and "fuzzy" in e.flags)
    empty = next(e for e in po if not e.obsolete and e.msgid and not e.msgstr)
    draft.msgstr = "ویرایش مترجم: متن درست"
    draft.flags.remove("fuzzy")
    draft.tcomment = (draft.tcomment + "\n" if draft.tcomment else "") + "Laila: fixed the name"
    empty.msgstr = "ترجمهٔ خود مترجم"
    save_like_an_editor(path, po)
    drafts = sum(1 for e in po if not e.obsolete and e.msgstr and "fuzzy" in e.flags)
    return {draft.msgid: draft.msgstr, empty.msgid: empty.msgstr}, drafts


def test_translator_saving_while_a_run_drafts_the_catalog_keeps_their_edits(
    project: Path, demo_models: Path
) -> None:
    locales = project / "locales"
    assert run_localize("extract", project / "articles", "--locales", locales).returncode == 0
    folder = locales / "fa_AF" / "LC_MESSAGES"
    run = start_localize("translate", project / "articles", "--locales", locales, "-l", "fa_AF",
                         packages=demo_models)  # default beam: slow enough to edit meanwhile
    reader_errors: list[str] = []
    reads = 0
    target: Path | None = None
    edits: dict[str, str] = {}
    drafts_saved = 0
    while run.poll() is None:
        for path in sorted(folder.glob("*.po")):
            try:  # a reader (an editor, `status`) must never see a half-written catalog
                units = load_catalog(path, "fa_AF").units()
                reads += 1
            except Exception as exc:  # noqa: BLE001
                reader_errors.append(f"{path.name}: {exc}")
                continue
            drafted = sum(u.state is State.DRAFT for u in units)
            empty = sum(u.state is State.UNTRANSLATED for u in units)
            if target is None and drafted and empty >= 3:
                target = path
                edits, drafts_saved = translator_edits_counted(path)
        time.sleep(0.01)
    stdout, stderr = run.communicate()
    assert run.returncode == 0, stderr
    assert reader_errors == [] and reads > 0
    assert target is not None, "the run finished before a catalog could be edited mid-run"
    final = load_catalog(target, "fa_AF")
    for source, text in edits.items():
        unit = final.unit(source)
        assert (unit.state, unit.target) == (State.REVIEWED, text), source
    assert any("Laila: fixed the name" in u.notes for u in final.units())
    assert [u for u in final.units() if u.state is State.UNTRANSLATED] == []
    if sum(u.state is State.DRAFT for u in final.units()) > drafts_saved:
        assert "merged" in stdout, stdout  # the run saved after the edit: it had to merge
    assert check_catalogs_sound(locales) == []


class _SteppedEngine:
    """An engine yielding one draft per batch and calling ``between`` after the first."""

    name, version, target_code = "stepped", "1", "prs"

    def __init__(self, between: object) -> None:
        self.between = between

    def translate_batches(self, texts: Sequence[str]) -> Iterable[list[tuple[int, str]]]:
        for index, text in enumerate(texts):
            yield [(index, f"پیش‌نویس {index}")]
            if index == 0:
                self.between()  # type: ignore[operator]


class _Identity:
    def prepare(self, source: str) -> tuple[str, object]:
        return source, None

    def finish(self, source: str, output: str, state: object) -> tuple[str, list[str]]:
        return output, []


def test_drafting_merges_a_save_made_between_two_batches(tmp_path: Path) -> None:
    """The same guarantee without timing: the translator saves right after the first batch."""
    from localize.extract import plan_extract, write_extract
    from localize.project import Locales

    article = write_variants(tmp_path / "articles", 1)[0]
    locales = Locales(tmp_path / "locales")
    now = dt.datetime(2024, 6, 11, tzinfo=dt.timezone.utc)
    write_extract(plan_extract([article], [LANGUAGES["fa_AF"]], locales, now), locales)
    path = locales.catalog_path("fa_AF", article.stem)
    catalog = load_catalog(path, "fa_AF")
    edits: dict[str, str] = {}

    def translator_saves() -> None:  # after the first draft was flushed (flush_seconds=0)
        edits.update(translator_edits(path))

    report = draft_language([catalog], LANGUAGES["fa_AF"],
                            make_engine=lambda: _SteppedEngine(translator_saves),
                            postprocess=_Identity(), memory=None, now=now, flush_seconds=0)
    assert report.merged_concurrent_edits >= 1
    final = load_catalog(path, "fa_AF")
    for source, text in edits.items():
        assert (final.unit(source).state, final.unit(source).target) == (State.REVIEWED, text)
    assert [u for u in final.units() if u.state is State.UNTRANSLATED] == []
    assert sum(u.state is State.DRAFT for u in final.units()) == len(final.units()) - 2
