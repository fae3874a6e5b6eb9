"""The locales folder's lock, and the temporary files killed writes leave that it clears."""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path

import pytest

from localize.catalog import write_atomic
from localize.errors import LockedError
from localize.project import LOCK_NAME, locked

LEFTOVERS = [  # (folder, prefix) as write_atomic and the TMX writer name their temp files
    ("fa_AF/LC_MESSAGES", ".story.po."),
    ("templates", ".story.pot."),
    ("ps/LC_MESSAGES", ".story.mo."),
    ("ps", ".glossary.tsv."),
    ("ps", ".imported-memory.tmx."),
]
LOOKALIKES = [  # a translator's or another tool's files: never removed
    "fa_AF/LC_MESSAGES/notes.tmp",
    "fa_AF/LC_MESSAGES/story.po~",
    "fa_AF/LC_MESSAGES/.story.po~",
    "fa_AF/LC_MESSAGES/poedit-x1y2z3.tmp",
    "fa_AF/LC_MESSAGES/.story.po.tmp",
    "fa_AF/LC_MESSAGES/.story.po.swp",
    "fa_AF/.notes.txt.abcd1234.tmp",
    "templates/.story.pot.ABCD1234.tmp",
]


def make_leftovers(root: Path) -> list[Path]:
    made = []
    for folder, prefix in LEFTOVERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=root / folder)
        os.write(fd, b"half a file")
        os.close(fd)
        made.append(Path(name))
    for name in LOOKALIKES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("keep me\n", encoding="utf-8")
    return made


def test_the_next_locked_run_removes_leftovers_and_keeps_lookalikes(tmp_path: Path) -> None:
    root = tmp_path / "locales"
    leftovers = make_leftovers(root)
    with locked(root):
        assert not any(path.exists() for path in leftovers)
        write_atomic(root / "ps" / "LC_MESSAGES" / "story.po", b"x")  # writing still works
    assert all((root / name).read_text(encoding="utf-8") == "keep me\n" for name in LOOKALIKES)
    assert (root / LOCK_NAME).exists()


def test_a_run_refused_by_the_lock_removes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "locales"
    leftovers = make_leftovers(root)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another run holds it: its temp files are live
        with pytest.raises(LockedError), locked(root):
            pass
        assert all(path.exists() for path in leftovers)
    finally:
        os.close(fd)


def test_a_killed_write_leaves_exactly_the_pattern_that_is_cleared(tmp_path: Path) -> None:
    target = tmp_path / "locales" / "ps" / "LC_MESSAGES" / "story.po"
    target.parent.mkdir(parents=True)

    class Killed(BaseException):
        pass

    def die(*_: object) -> None:  # the moment between mkstemp and os.replace
        stray = sorted(target.parent.iterdir())
        (target.parent / "seen").write_text("\n".join(p.name for p in stray), encoding="utf-8")
        raise Killed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", die)
        with pytest.raises(Killed):
            write_atomic(target, b"data")
    name = (target.parent / "seen").read_text(encoding="utf-8")
    (target.parent / "seen").unlink()
    (target.parent / name).write_bytes(b"data")  # a SIGKILL would not have cleaned it up
    with locked(tmp_path / "locales"):
        assert list(target.parent.iterdir()) == []
