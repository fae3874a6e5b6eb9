"""Installer: valid archives install atomically; every bad archive is refused, leaving no trace."""

from __future__ import annotations

import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from localize.engine import archive as archive_module
from localize.engine.packages import (
    install_package,
    list_packages,
    remove_package,
    validate_archive,
)
from localize.errors import PackageError

from .helpers import snapshot

Members = dict[str, bytes]


def read_members(path: Path) -> Members:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}


def write_zip(
    path: Path,
    members: Members,
    *,
    compression: int = zipfile.ZIP_DEFLATED,
    special: dict[str, int] | None = None,
) -> Path:
    """Write ``members``; ``special`` maps names to unix mode bits (symlinks, devices)."""
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = (special or {}).get(name, 0o100644) << 16
            info.compress_type = compression
            zf.writestr(info, data)
    return path


def top(members: Members) -> str:
    return next(iter(members)).split("/")[0]


def retarget(members: Members, folder: str) -> Members:
    old = top(members)
    return {folder + name[len(old) :]: data for name, data in members.items()}


def with_metadata(members: Members, metadata: object) -> Members:
    changed = dict(members)
    changed[f"{top(members)}/metadata.json"] = json.dumps(metadata).encode()
    return changed


def without(members: Members, *suffixes: str) -> Members:
    return {k: v for k, v in members.items() if not k.endswith(suffixes)}


def without_dir(members: Members, folder: str) -> Members:
    return {k: v for k, v in members.items() if f"/{folder}/" not in k}


# name -> (how to make the bad archive from the good members, words expected in the message)
BadMaker = Callable[[Members, Path], Path]


def _plain(change: Callable[[Members], Members]) -> BadMaker:
    return lambda members, path: write_zip(path, change(members))


def _zip_slip(m: Members, p: Path) -> Path:
    return write_zip(p, {**m, f"{top(m)}/../../evil.txt": b"x"})


def _absolute(m: Members, p: Path) -> Path:
    return write_zip(p, {**m, "/tmp/evil.txt": b"x"})


def _symlink(m: Members, p: Path) -> Path:
    name = f"{top(m)}/model/link"
    return write_zip(p, {**m, name: b"../../../etc/passwd"}, special={name: 0o120777})


def _device(m: Members, p: Path) -> Path:
    name = f"{top(m)}/model/dev"
    return write_zip(p, {**m, name: b""}, special={name: stat.S_IFCHR | 0o644})


def _ratio_bomb(m: Members, p: Path) -> Path:
    return write_zip(p, {**m, f"{top(m)}/model/padding.bin": bytes(30 << 20)})


def _two_tops(m: Members, p: Path) -> Path:
    return write_zip(p, {**m, "other-folder/file.txt": b"x"})


def _top_level_file(m: Members, p: Path) -> Path:
    return write_zip(p, {**m, "README.md": b"x"})


def _truncated(m: Members, p: Path) -> Path:
    data = write_zip(p, m).read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


def _not_zip(m: Members, p: Path) -> Path:
    p.write_text("this is not a zip archive\n")
    return p


def _crc(m: Members, p: Path) -> Path:
    # Stored (uncompressed), then flip one byte of model.bin's data: only the CRC can tell.
    write_zip(p, m, compression=zipfile.ZIP_STORED)
    data = bytearray(p.read_bytes())
    model = m[f"{top(m)}/model/model.bin"]
    offset = data.find(model[1000:1100]) + 50
    data[offset] ^= 0xFF
    p.write_bytes(bytes(data))
    return p


def _deflate_corrupt(m: Members, p: Path) -> Path:
    # Damage the compressed bytes of model.bin: zlib itself fails (not only the CRC).
    data = bytearray(write_zip(p, m).read_bytes())
    with zipfile.ZipFile(p) as zf:
        info = zf.getinfo(f"{top(m)}/model/model.bin")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 100, start + 140):
        data[offset] ^= 0xFF
    p.write_bytes(bytes(data))
    return p


def _duplicate(m: Members, p: Path) -> Path:
    write_zip(p, m)
    with pytest.warns(UserWarning), zipfile.ZipFile(p, "a") as zf:
        zf.writestr(f"{top(m)}/metadata.json", b"{}")
    return p


BAD: dict[str, tuple[BadMaker, str]] = {
    "zip_slip": (_zip_slip, ".."),
    "absolute_path": (_absolute, "absolute"),
    "symlink": (_symlink, "symbolic link"),
    "device_file": (_device, "device"),
    "missing_metadata": (_plain(lambda m: without(m, "metadata.json")), "metadata.json"),
    "metadata_without_codes": (
        _plain(lambda m: with_metadata(m, {"from_code": "en", "package_version": "1"})),
        "to_code",
    ),
    "metadata_empty": (_plain(lambda m: with_metadata(m, {})), "from_code"),
    "metadata_not_object": (_plain(lambda m: with_metadata(m, ["en", "prs"])), "object"),
    "metadata_not_json": (
        _plain(lambda m: {**m, f"{top(m)}/metadata.json": b"{not json"}),
        "JSON",
    ),
    "no_model": (_plain(lambda m: without_dir(m, "model")), "model"),
    "no_vocabulary": (_plain(lambda m: without(m, "vocabulary.json")), "vocabulary"),
    "no_tokenizer": (_plain(lambda m: without(m, "sentencepiece.model")), "sentencepiece"),
    "zip_bomb_ratio": (_ratio_bomb, "zip bomb"),
    "truncated": (_truncated, "truncated"),
    "not_a_zip": (_not_zip, "not a valid"),
    "crc_corrupt": (_crc, "corrupt"),
    "deflate_corrupt": (_deflate_corrupt, "corrupt"),
    "two_top_level_folders": (_two_tops, "exactly one top-level folder"),
    "file_at_top_level": (_top_level_file, "outside the package folder"),
    "duplicate_member": (_duplicate, "twice"),
}


@pytest.fixture
def good_members(demo_archives: dict[str, Path]) -> Members:
    return read_members(demo_archives["prs"])


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_archive_refused_and_dir_unchanged(
    case: str, good_members: Members, packages_dir: Path, tmp_path: Path
) -> None:
    make, words = BAD[case]
    bad = make(good_members, tmp_path / f"{case}.argosmodel")
    before = snapshot(packages_dir)
    with pytest.raises(PackageError) as validated:
        validate_archive(bad)
    with pytest.raises(PackageError) as installed:
        install_package(bad, packages_dir)
    for error in (validated.value, installed.value):
        assert bad.name in str(error)
        assert words.lower() in str(error).lower()
    assert snapshot(packages_dir) == before
    assert not list(tmp_path.rglob("evil*"))


def test_size_limit_refused(demo_archives: dict[str, Path], packages_dir: Path) -> None:
    before = snapshot(packages_dir)
    with pytest.raises(PackageError, match="more than 100000 bytes"):
        install_package(demo_archives["prs"], packages_dir, max_unpacked_bytes=100_000)
    with pytest.raises(PackageError, match="members"):
        validate_archive(demo_archives["prs"], max_members=3)
    assert snapshot(packages_dir) == before


def test_missing_archive(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="no such file"):
        validate_archive(tmp_path / "nope.argosmodel")


def test_valid_install(demo_archives: dict[str, Path], tmp_path: Path) -> None:
    directory = tmp_path / "new" / "packages"  # created on demand
    info = validate_archive(demo_archives["prs"])
    package = install_package(demo_archives["prs"], directory)
    assert package.name == info.folder == "translate-en_prs-0_0_0+demo"
    assert (package.from_code, package.to_code) == ("en", "prs")
    assert package.is_demo and "nonsense" in (package.readme() or "")
    assert package.size_bytes == info.unpacked_bytes
    assert [p.name for p in list_packages(directory).packages] == [package.name]
    assert sorted(p.name for p in directory.iterdir()) == [package.name]  # no temp leftovers


def test_conflicting_folder_refused_unless_replace(
    good_members: Members, packages_dir: Path, tmp_path: Path
) -> None:
    installed = list_packages(packages_dir).packages[0]
    other = retarget(good_members, installed.name)  # same folder name, different package
    bad = write_zip(tmp_path / "other.argosmodel", other)
    before = snapshot(packages_dir)
    with pytest.raises(PackageError, match="different package is installed") as error:
        install_package(bad, packages_dir)
    assert "other.argosmodel" in str(error.value)
    assert snapshot(packages_dir) == before
    replaced = install_package(bad, packages_dir, replace=True)
    assert replaced.to_code == "prs" and replaced.name == installed.name
    assert sorted(p.name for p in packages_dir.iterdir()) == [installed.name]


def test_reinstall_same_package_is_allowed(demo_archives: dict[str, Path], tmp_path: Path) -> None:
    directory = tmp_path / "packages"
    first = install_package(demo_archives["fa"], directory)
    (first.path / "model" / "model.bin").write_bytes(b"damaged")
    again = install_package(demo_archives["fa"], directory)  # repairs
    assert (again.path / "model" / "model.bin").stat().st_size > 1000
    assert sorted(p.name for p in directory.iterdir()) == [first.name]


def test_other_packages_untouched(demo_archives: dict[str, Path], packages_dir: Path) -> None:
    before = snapshot(packages_dir)
    new = install_package(demo_archives["prs"], packages_dir)
    after = snapshot(packages_dir)
    assert {k: v for k, v in after.items() if not k.startswith(new.name)} == before


def test_failure_during_extraction_leaves_nothing(
    good_members: Members, packages_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write_zip(tmp_path / "good.argosmodel", good_members)
    before = snapshot(packages_dir)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive_module, "_move_into_place", disk_full)
    with pytest.raises(PackageError, match="No space left.*nothing was installed"):
        install_package(good, packages_dir)
    assert snapshot(packages_dir) == before


def test_remove_package(demo_archives: dict[str, Path], packages_dir: Path) -> None:
    before = snapshot(packages_dir)
    new = install_package(demo_archives["fa"], packages_dir)
    remove_package(new.name, packages_dir)
    assert snapshot(packages_dir) == before
    with pytest.raises(PackageError, match="no such installed package.*translate-en_ps"):
        remove_package(new.name, packages_dir)
    for bad_name in ("..", "../x", "", ".hidden"):
        with pytest.raises(PackageError, match="not a package folder name"):
            remove_package(bad_name, packages_dir)
    assert snapshot(packages_dir) == before


def test_interrupted_leftovers_are_reported(packages_dir: Path) -> None:
    (packages_dir / ".localize-install-abc123").mkdir()
    (packages_dir / "junk").mkdir()
    (packages_dir / "a-file.txt").write_text("ignored")
    listing = list_packages(packages_dir)
    assert [p.name for p in listing.packages] == ["translate-en_ps-0_0_0+demo"]
    problems = {p.path.name: p.message for p in listing.problems}
    assert "interrupted" in problems[".localize-install-abc123"]
    assert "metadata.json" in problems["junk"]
