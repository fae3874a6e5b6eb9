"""The demo package builder: genuine, labelled, deterministic."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from localize.engine.demo import build_demo_package
from localize.engine.packages import validate_archive


def test_labelled_as_demo(demo_archives: dict[str, Path]) -> None:
    info = validate_archive(demo_archives["nllb_prs"])
    meta = info.metadata
    assert meta["demo"] is True and meta["from_name"] == "English (demo)"
    assert "nonsense" in meta["to_name"] and meta["argos_version"] == "1.9.0"
    assert (meta["from_code"], meta["to_code"], meta["target_prefix"]) == ("en", "prs", "prs_Arab")
    assert info.folder == f"translate-en_prs-{meta['package_version'].replace('.', '_')}"
    with zipfile.ZipFile(demo_archives["nllb_prs"]) as zf:
        readme = zf.read(f"{info.folder}/README.md").decode()
        vocabulary = json.loads(zf.read(f"{info.folder}/model/shared_vocabulary.json"))
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
    assert "NOT a translation model" in readme
    assert vocabulary[-2:] == ["eng_Latn", "prs_Arab"] and "⟦31⟧" in vocabulary


def test_byte_identical_rebuild(demo_archives: dict[str, Path], tmp_path: Path) -> None:
    again = build_demo_package(tmp_path, to_code="ps")  # into a directory
    assert again.parent == tmp_path and again.name.startswith("translate-en_ps-")
    assert again.read_bytes() == demo_archives["ps"].read_bytes()
    assert build_demo_package(tmp_path / "s1.argosmodel", to_code="ps", seed=1).read_bytes() != (
        again.read_bytes()
    )
