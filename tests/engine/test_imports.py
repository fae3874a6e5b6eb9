"""Importing the engine is free: no heavy modules, no environment reads, no disk writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "base",
    "ctranslate",
    "demo",
    "fake",
    "index",
    "layout",
    "archive",
    "packages",
    "resolve",
]
CODE = """
import json, os, sys
class Spy(dict):
    reads = []
    def __getitem__(self, key):
        Spy.reads.append(key); return super().__getitem__(key)
    def get(self, key, default=None):
        Spy.reads.append(key); return super().get(key, default)
    def __contains__(self, key):
        Spy.reads.append(key); return super().__contains__(key)
spy = Spy(os.environ)
os.environ = spy
for name in %r:
    __import__("localize.engine." + name)
reads = sorted(set(Spy.reads))
os.getenv("PROBE")  # proves the spy sees reads
heavy = sorted(m for m in ("ctranslate2", "sentencepiece", "numpy", "argostranslate")
               if m in sys.modules)
print(json.dumps({"heavy": heavy, "reads": reads, "probe": Spy.reads[-1:]}))
"""


def test_import_is_side_effect_free(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", CODE % MODULES],
        env=env,
        capture_output=True,
        check=False,
        text=True,
        timeout=60,
        cwd=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["heavy"] == []
    assert report["reads"] == [] and report["probe"] == ["PROBE"]
    assert list(home.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["home"]
