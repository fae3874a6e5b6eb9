"""Which package serves Dari and Pashto."""

from __future__ import annotations

from pathlib import Path

import pytest

from localize.engine.packages import ModelPackage
from localize.engine.resolve import PackageChoice, choose_package
from localize.errors import BackendUnavailable
from localize.langs import DARI, PASHTO


def pkg(to: str, version: str = "1.0", prefix: str = "", source: str = "en") -> ModelPackage:
    name = f"translate-{source}_{to}-{version.replace('.', '_')}"
    return ModelPackage(name, Path(name), source, to, version, prefix, Path(name, "sp"), 1)


@pytest.mark.parametrize("to", ["prs", "fa_AF", "fa-AF", "prs_Arab"])
def test_dari_native_codes(to: str) -> None:
    choice = choose_package(DARI, [pkg("fa", "9.9"), pkg(to)])
    assert choice.package.to_code == to and choice.adapted_from is None and choice.native


def test_dari_via_nllb_target_prefix() -> None:
    nllb = pkg("prs", prefix="prs_Arab")
    other = pkg("xx", prefix="prs_Arab")  # a multilingual package named by its prefix
    assert choose_package(DARI, [pkg("fa"), other]).package is other
    assert choose_package(DARI, [nllb]).adapted_from is None


def test_dari_adapted_from_persian() -> None:
    choice = choose_package(DARI, [pkg("fa", "1.5"), pkg("ps"), pkg("de")])
    assert choice.package.to_code == "fa" and choice.adapted_from == "fa"
    assert choice.note(DARI) == "Persian model, adapted to Dari"
    assert PackageChoice(pkg("prs")).note(DARI) is None


@pytest.mark.parametrize("to", ["ps", "pbt", "pbu", "pbt_Arab"])
def test_pashto_codes(to: str) -> None:
    choice = choose_package(PASHTO, [pkg("prs"), pkg("fa"), pkg(to)])
    assert choice.package.to_code == to and choice.adapted_from is None


def test_pashto_never_adapted_from_persian_or_dari() -> None:
    with pytest.raises(BackendUnavailable):
        choose_package(PASHTO, [pkg("fa"), pkg("prs")])


def test_highest_version_wins_and_native_beats_version() -> None:
    versions = [pkg("prs", v) for v in ("1.9", "1.10", "0.0.0+demo", "1.2")]
    assert choose_package(DARI, versions).package.version == "1.10"
    assert choose_package(DARI, [pkg("fa", "5.0"), pkg("prs", "0.1")]).package.to_code == "prs"
    assert choose_package(DARI, [pkg("fa", "1.0"), pkg("fa", "1.5")]).package.version == "1.5"


def test_source_must_be_english() -> None:
    with pytest.raises(BackendUnavailable, match="translates into English, not from it"):
        choose_package(DARI, [ModelPackage("p", Path("p"), "prs", "en", "1", "", Path("s"), 1)])
    with pytest.raises(BackendUnavailable):
        choose_package(DARI, [pkg("prs", source="de")])


@pytest.mark.parametrize(
    ("language", "file"), [(DARI, "translate-en_prs"), (PASHTO, "translate-en_ps")]
)
def test_missing_message(language: object, file: str) -> None:
    with pytest.raises(BackendUnavailable) as error:
        choose_package(language, [pkg("de")])  # type: ignore[arg-type]
    message = str(error.value)
    assert f"localize models install PATH/TO/{file}.argosmodel" in message
    assert "NLLB" in message and "translate-en_de-1_0" in message
    assert language.name in message  # type: ignore[attr-defined]
