"""Fixtures and helpers for the hardening suite: real subprocesses, real files, demo models.

Everything runs in ``tmp_path``; the demo models (genuine tiny CTranslate2 packages with
nonsense output) are built once per session and handed to subprocesses through
``ARGOS_PACKAGES_DIR``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from localize.catalog import load_catalog
from localize.model import State

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "nato-sg-taliban-talks.txt"
LOCK_NAME = ".localize.lock"
# What a write killed between mkstemp and os.replace leaves: ``.<name>.<random>.tmp``.
TEMP_LEFTOVER = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")
# Fast, deterministic drafting with the tiny demo model (it is bound by tokens per step).
FAST = ("--beam-size", "1", "--batch-size", "4096")


@pytest.fixture(scope="session")
def demo_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Dari (prs) and Pashto (ps) demo ``.argosmodel`` archives, built once."""
    from localize.engine.demo import build_demo_package

    out = tmp_path_factory.mktemp("hardening-archives")
    return {code: build_demo_package(out / f"demo-{code}.argosmodel", to_code=code)
            for code in ("prs", "ps")}


@pytest.fixture(scope="session")
def demo_models(demo_archives: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Argos packages folder with the Dari (prs) and Pashto (ps) demo packages (read-only
    for tests: copy it before installing or removing anything)."""
    from localize.engine.packages import install_package

    directory = tmp_path_factory.mktemp("hardening-models") / "packages"
    for archive in demo_archives.values():
        install_package(archive, directory)
    return directory


@pytest.fixture(scope="session", autouse=True)
def _hardening_home(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Session-wide isolation for module-scoped fixtures that run subprocesses before the
    root conftest's per-test isolation applies: no developer settings, no $HOME writes."""
    home = tmp_path_factory.mktemp("hardening-home")
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith(("LOCALIZE_", "ARGOS_")):
                patch.delenv(name)
        patch.setenv("HOME", str(home))
        for var, sub in (("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                         ("XDG_CACHE_HOME", ".cache")):
            patch.setenv(var, str(home / sub))
        yield None


@pytest.fixture(scope="session")
def empty_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A packages folder with nothing in it: any engine call made with it fails."""
    return tmp_path_factory.mktemp("no-models")


def cli_env(packages: Path | None = None) -> dict[str, str]:
    """The environment for a ``localize`` subprocess (already isolated by the root conftest)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOCALIZE_", "ARGOS_"))}
    env["PYTHONUNBUFFERED"] = "1"
    if packages is not None:
        env["ARGOS_PACKAGES_DIR"] = str(packages)
    return env


def localize_cmd(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "localize", *map(str, args)]


def run_localize(*args: str | Path, packages: Path | None = None, timeout: float = 120,
                 cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(localize_cmd(*args), capture_output=True, text=True,
                          env=cli_env(packages), timeout=timeout, cwd=cwd, check=False)


def start_localize(*args: str | Path, packages: Path | None = None,
                   cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(localize_cmd(*args), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli_env(packages), cwd=cwd)


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` (hidden ones too) with the SHA-256 of its bytes."""
    result: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            result[key] = "link:" + os.readlink(path)
        elif path.is_dir():
            result[key] = "dir"
        else:
            result[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def without_lock(snap: dict[str, str]) -> dict[str, str]:
    """A snapshot less the lock file, whose content (the holder's pid) changes on every run."""
    return {k: v for k, v in snap.items() if Path(k).name != LOCK_NAME}


def catalog_files(locales: Path) -> list[Path]:
    """The visible .po/.pot files of a locales folder (temp leftovers are hidden)."""
    return sorted(p for p in locales.rglob("*") if p.suffix in (".po", ".pot")
                  and not p.name.startswith("."))


def hidden_leftovers(root: Path) -> list[Path]:
    """Hidden files other than the lock file (what a killed write may leave behind)."""
    return sorted(p for p in root.rglob(".*") if p.is_file() and p.name != LOCK_NAME)


def msgfmt_check(path: Path) -> str | None:
    """``msgfmt --check``'s complaint about ``path``, or None if it passes."""
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)],
                            capture_output=True, text=True, check=False)
    return None if result.returncode == 0 else result.stderr.strip()


def language_of(path: Path) -> str | None:
    """``fa_AF``/``ps`` for ``<locales>/<lang>/LC_MESSAGES/x.po``, None for a template."""
    return path.parent.parent.name if path.suffix == ".po" else None


def check_catalogs_sound(locales: Path) -> list[str]:
    """Problems with any catalog: it must load strictly and pass ``msgfmt --check``."""
    problems = []
    for path in catalog_files(locales):
        try:
            load_catalog(path, language_of(path))
        except Exception as exc:  # noqa: BLE001 - any failure is a finding
            problems.append(f"{path}: does not load: {exc}")
        if shutil.which("msgfmt") and (complaint := msgfmt_check(path)):
            problems.append(f"{path}: msgfmt --check: {complaint}")
    return problems


def units_by_state(locales: Path, state: State) -> dict[tuple[str, str, str], str]:
    """``{(language, slug, source): translation}`` of every unit in ``state``."""
    found = {}
    for path in catalog_files(locales):
        if path.suffix != ".po":
            continue
        for unit in load_catalog(path, language_of(path)).units():
            if unit.state is state:
                found[(language_of(path) or "", path.stem, unit.source)] = unit.target
    return found


def untranslated(locales: Path) -> list[tuple[str, str]]:
    return [(str(path), unit.source)
            for path in catalog_files(locales) if path.suffix == ".po"
            for unit in load_catalog(path, language_of(path)).units()
            if unit.state is State.UNTRANSLATED]


def review_by_hand(po: Path, count: int, mark: str) -> dict[str, str]:
    """What a translator does in a text editor: on ``count`` drafted entries, delete the
    ``#, fuzzy`` line, replace the msgstr and add a comment. Returns ``{source: new text}``."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    reviewed: dict[str, str] = {}
    for number, block in enumerate(blocks):
        if len(reviewed) == count:
            break
        lines = block.split("\n")
        if "#, fuzzy" not in lines or any(ln.startswith("#|") for ln in lines):
            continue
        start = next(i for i, ln in enumerate(lines) if ln.startswith("msgstr "))
        text = f"{mark} {len(reviewed) + 1} ترجمهٔ بازبینی‌شده"
        lines = [f"# {mark}: checked by hand"] + [ln for ln in lines[:start] if ln != "#, fuzzy"]
        lines.append(f'msgstr "{text}"')
        blocks[number] = "\n".join(lines)
        source_lines = "\n".join(lines)
        reviewed[_msgid_of(source_lines)] = text
    assert len(reviewed) == count, f"{po} has fewer than {count} drafts to review"
    po.write_text("\n\n".join(blocks), encoding="utf-8")
    return reviewed


def _msgid_of(block: str) -> str:
    import polib

    return str(polib.pofile(block + "\n")[0].msgid)


def write_variants(folder: Path, count: int) -> list[Path]:
    """The sample article and ``count - 1`` variants whose names, places and numbers differ,
    so most of their sentences are new to the engine."""
    swaps = [
        {}, {"NATO": "the EU", "Stoltenberg": "Borrell", "2024": "2026", "Jens": "Josep"},
        {"Taliban": "insurgents", "Afghanistan": "the region", "July": "June"},
        {"Trump": "Biden", "Afghan": "national", "NATO": "the alliance", "SG": "chief"},
        {"Stoltenberg": "Guterres", "NATO": "the UN", "peace": "ceasefire", "Jens": "Antonio"},
        {"Taliban": "armed groups", "Security": "Police", "financial": "economic", "2024": "2027"},
    ]
    text = SAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        variant = text
        for old, new in swaps[number % len(swaps)].items():
            variant = variant.replace(old, new)
        if number >= len(swaps):
            variant = variant.replace("the", f"the {number}")
        path = folder / f"story-{number + 1}.txt"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths
