"""Helpers shared by the engine tests."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def snapshot(directory: Path) -> dict[str, str]:
    """Every file and folder under ``directory`` (hidden ones too), with file hashes."""
    result: dict[str, str] = {}
    if not directory.exists():
        return result
    for path in sorted(directory.rglob("*")):
        key = path.relative_to(directory).as_posix()
        if path.is_symlink():
            result[key] = "link:" + os.readlink(path)
        elif path.is_dir():
            result[key] = "dir"
        else:
            result[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result
