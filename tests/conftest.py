"""Shared fixtures: an isolated environment, the sample article, a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLE = REPO / "examples" / "nato-sg-taliban-talks.txt"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the developer's localize/argos settings or writes under their $HOME."""
    for name in list(os.environ):
        if name.startswith(("LOCALIZE_", "ARGOS_")):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))


@pytest.fixture
def sample_article(tmp_path: Path) -> Path:
    """A private copy of the canonical sample article."""
    target = tmp_path / "articles" / SAMPLE_ARTICLE.name
    target.parent.mkdir()
    shutil.copyfile(SAMPLE_ARTICLE, target)
    return target


def have_tool(name: str) -> bool:
    return shutil.which(name) is not None


@pytest.fixture(scope="session")
def demo_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Genuine tiny .argosmodel packages (nonsense output), built once per test session."""
    from localize.engine.demo import build_demo_package

    out = tmp_path_factory.mktemp("demo-archives")
    specs = {"prs": ("prs", None), "ps": ("ps", None), "fa": ("fa", None),
             "nllb_prs": ("prs", "prs_Arab")}
    return {
        key: build_demo_package(out / f"{key}.argosmodel", to_code=to, target_prefix=prefix)
        for key, (to, prefix) in specs.items()
    }


@pytest.fixture
def models_dir(tmp_path: Path, demo_archives: dict[str, Path]) -> Path:
    """An Argos packages folder holding the Dari and Pashto demo packages."""
    from localize.engine.packages import install_package

    directory = tmp_path / "models"
    for key in ("prs", "ps"):
        install_package(demo_archives[key], directory)
    return directory
