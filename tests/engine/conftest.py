"""Fixtures for the engine tests: demo packages built once per session, isolated env."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from localize.engine.packages import ModelPackage, install_package

# The session demo archives (prs, ps, fa, nllb_prs) come from tests/conftest.py.


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may see or touch the real ~/.local/share, ~/.config or argos settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in list(os.environ):
        if name.startswith(("ARGOS_", "LOCALIZE_", "XDG_", "SNAP")):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def demo_packages(
    demo_archives: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, ModelPackage]:
    """The demo archives installed into one session packages dir (read-only for tests)."""
    directory = tmp_path_factory.mktemp("session-packages")
    return {key: install_package(path, directory) for key, path in demo_archives.items()}


@pytest.fixture
def packages_dir(tmp_path: Path, demo_archives: dict[str, Path]) -> Iterator[Path]:
    """A packages dir that already holds the Pashto demo package."""
    directory = tmp_path / "packages"
    install_package(demo_archives["ps"], directory)
    yield directory
