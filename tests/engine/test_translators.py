"""Translator contract (Fake and CTranslate2), plus CTranslate2-specific behaviour."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from localize.engine.base import EngineOptions, Translator
from localize.engine.ctranslate import CTranslate2Translator
from localize.engine.fake import FakeTranslator, untranslate
from localize.engine.packages import ModelPackage, read_package
from localize.errors import BackendFailed, BackendUnavailable

NEWS = [
    "NATO Secretary General Jens Stoltenberg said on Monday that the talks would continue.",
    "Kabul, Afghanistan (PMG):",
    "The Taliban have accelerated their war against Afghan security forces.",
    "“We are in Afghanistan to send a clear message,” he said.",
    "There is still much to be done before we have a peace deal in place.",
    "Report: Shershah Nawabi",
    "In 2019, 3,804 civilians were killed, according to the UN.",
    "Women’s schools remain closed ⟦0⟧ in ⟦1⟧ provinces.",
]
UNICODE = [
    "Café naïve résumé",
    "e\u0301 (combining accent)",
    "کابل ۲۰۲۴ پښتو",
    "emoji 🙂 ok",
    "tab\tand\nnewline",
]


class TranslatorContract:
    """Tests every engine must pass; subclasses provide ``make``."""

    def make(self) -> Translator:
        raise NotImplementedError

    @pytest.fixture
    def engine(self) -> Translator:
        return self.make()

    def test_is_a_translator(self, engine: Translator) -> None:
        assert isinstance(engine, Translator)
        assert engine.name and isinstance(engine.version, str) and engine.target_code

    def test_same_number_out_as_in(self, engine: Translator) -> None:
        out = engine.translate(NEWS)
        assert len(out) == len(NEWS)
        assert all(isinstance(text, str) for text in out)

    def test_empty_list(self, engine: Translator) -> None:
        assert engine.translate([]) == []
        assert list(engine.translate_batches([])) == []

    def test_deterministic(self, engine: Translator) -> None:
        assert engine.translate(NEWS) == engine.translate(NEWS) == self.make().translate(NEWS)

    def test_order_preserved(self, engine: Translator) -> None:
        forward = engine.translate(NEWS)
        backward = engine.translate(NEWS[::-1])
        assert backward == forward[::-1]
        doubled = engine.translate([NEWS[0], NEWS[2], NEWS[0], NEWS[2]])
        assert doubled[0] == doubled[2] and doubled[1] == doubled[3]

    def test_unicode_and_nfc(self, engine: Translator) -> None:
        out = engine.translate(UNICODE + NEWS)
        assert len(out) == len(UNICODE) + len(NEWS)
        for text in out:
            assert text == unicodedata.normalize("NFC", text)

    def test_blank_texts(self, engine: Translator) -> None:
        out = engine.translate(["", "   ", NEWS[0]])
        assert out[:2] == ["", ""] and len(out) == 3

    def test_every_text_yielded_exactly_once(self, engine: Translator) -> None:
        texts = NEWS * 6 + ["", "x"]
        batches = list(engine.translate_batches(texts))
        indexes = [index for batch in batches for index, _ in batch]
        assert sorted(indexes) == list(range(len(texts)))
        assert len(batches) > 1
        by_index = {index: text for batch in batches for index, text in batch}
        assert [by_index[i] for i in range(len(texts))] == engine.translate(texts)


class TestFake(TranslatorContract):
    def make(self) -> Translator:
        return FakeTranslator("prs", batch_size=4)

    def test_reversible_and_masks_kept(self) -> None:
        out = FakeTranslator().translate(NEWS)
        for source, target in zip(NEWS, out):
            assert untranslate(target) == source
            assert not any("a" <= ch.lower() <= "z" for ch in target)
        assert "⟦0⟧" in out[-1] and "⟦1⟧" in out[-1]

    def test_records_calls(self) -> None:
        fake = FakeTranslator(batch_size=3)
        assert fake.texts_sent == 0 and fake.calls == []
        fake.translate(NEWS)
        fake.translate([])
        assert fake.calls == [len(NEWS), 0] and fake.texts_sent == len(NEWS)
        assert fake.batches == [3, 3, 2]

    def test_failure_after_some_batches(self) -> None:
        fake = FakeTranslator(batch_size=2, fail_on_batch=2)
        saved: dict[int, str] = {}
        with pytest.raises(BackendFailed):
            for batch in fake.translate_batches(NEWS):
                saved.update(batch)
        assert len(saved) == 4


SMALL_BATCHES = EngineOptions(beam_size=2, batch_tokens=64, inter_threads=1, intra_threads=1)


class TestCTranslate2(TranslatorContract):
    key = "prs"

    @pytest.fixture(autouse=True)
    def _package(self, demo_packages: dict[str, ModelPackage]) -> None:
        self.package = demo_packages[self.key]

    def make(self) -> Translator:
        return CTranslate2Translator(self.package, SMALL_BATCHES)

    def test_output_is_arabic_script(self, engine: Translator) -> None:
        out = engine.translate(NEWS)
        letters = [ch for text in out for ch in text if ch.isalpha()]
        assert letters and all("\u0600" <= ch <= "\u06ff" for ch in letters)


class TestCTranslate2Nllb(TestCTranslate2):
    key = "nllb_prs"

    def test_prefix_stripped_and_source_tokens(self) -> None:
        engine = CTranslate2Translator(self.package, SMALL_BATCHES)
        spy = Spy(engine)
        out = engine.translate(NEWS + UNICODE)
        assert engine.nllb
        for text in out:
            assert "prs_Arab" not in text and "prs Arab" not in text
            assert "eng_Latn" not in text and "eng Latn" not in text
        for call in spy.calls:
            assert call["target_prefix"] == [["prs_Arab"]] * len(call["source"])
            for tokens in call["source"]:
                assert tokens[0] == "eng_Latn" and tokens[-1] == "</s>"


class Spy:
    """Wraps a translator's ``ctranslate2.Translator`` and records ``translate_batch`` calls."""

    def __init__(self, engine: CTranslate2Translator, fail: Exception | None = None) -> None:
        self.inner = engine._translator
        self.calls: list[dict[str, Any]] = []
        self.fail = fail
        engine._translator = self

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> Any:
        self.calls.append({"source": source, **kwargs})
        if self.fail is not None:
            raise self.fail
        return self.inner.translate_batch(source, **kwargs)


def greedy_batches(lengths: list[int], limit: int) -> int:
    """How many batches CTranslate2's rebatch_input makes (longest first, padded size)."""
    count, size, longest = 0, 0, 0
    for length in sorted(lengths, reverse=True):
        if size and (size + 1) * longest > limit:
            count, size = count + 1, 0
        if size == 0:
            longest = length
        size += 1
    return count + (1 if size else 0)


def test_batching_and_decoding_cap(demo_packages: dict[str, ModelPackage]) -> None:
    options = EngineOptions(batch_tokens=40, inter_threads=2, intra_threads=1, beam_size=1)
    engine = CTranslate2Translator(demo_packages["prs"], options)
    spy = Spy(engine)
    engine.translate(NEWS * 3)
    assert len(spy.calls) > 1
    counts = [greedy_batches([len(t) for t in call["source"]], 40) for call in spy.calls]
    assert all(count == 2 for count in counts[:-1])  # full calls: one batch per worker
    previous = 10**9
    for call in spy.calls:
        lengths = [len(tokens) for tokens in call["source"]]
        # one length-sorted stream, longest first (as CTranslate2 batches internally)
        assert lengths == sorted(lengths, reverse=True) and lengths[0] <= previous
        previous = lengths[-1]
        assert greedy_batches(lengths, 40) <= 2  # inter_threads full batches per call
        assert call["max_decoding_length"] == options.decoding_cap(max(lengths))
        assert call["batch_type"] == "tokens" and call["max_batch_size"] == 40
        assert call["target_prefix"] is None and call["return_scores"] is False
        assert call["replace_unknowns"] is True and call["beam_size"] == 1
        assert call["asynchronous"] is True


def test_ct2_error_becomes_backend_failed(demo_packages: dict[str, ModelPackage]) -> None:
    engine = CTranslate2Translator(demo_packages["ps"], SMALL_BATCHES)
    Spy(engine, fail=RuntimeError("out of memory"))
    with pytest.raises(BackendFailed, match="out of memory"):
        engine.translate(NEWS)


def test_cuda_without_cuda(
    demo_packages: dict[str, ModelPackage], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(BackendUnavailable, match="--device cuda.*no CUDA device"):
        CTranslate2Translator(demo_packages["prs"], EngineOptions(device="cuda"))
    auto = CTranslate2Translator(demo_packages["prs"], EngineOptions(device="auto"))
    assert auto.device == "cpu" and auto.compute_type.startswith("int8")


def test_broken_model_file(demo_packages: dict[str, ModelPackage], tmp_path: Path) -> None:
    copy = tmp_path / demo_packages["prs"].name
    shutil.copytree(demo_packages["prs"].path, copy)
    (copy / "model" / "model.bin").write_bytes(b"\0" * 64)
    with pytest.raises(BackendFailed, match="could not load the model"):
        CTranslate2Translator(read_package(copy))


def test_prefix_missing_from_vocabulary(
    demo_packages: dict[str, ModelPackage], tmp_path: Path
) -> None:
    copy = tmp_path / "translate-en_prs-x"
    shutil.copytree(demo_packages["prs"].path, copy)
    metadata = (
        (copy / "metadata.json")
        .read_text()
        .replace('"target_prefix": ""', '"target_prefix": "prs_Arab"')
    )
    (copy / "metadata.json").write_text(metadata)
    with pytest.raises(BackendUnavailable, match="not in the model's vocabulary"):
        CTranslate2Translator(read_package(copy))


def test_provenance_fields(demo_packages: dict[str, ModelPackage]) -> None:
    engine = CTranslate2Translator(demo_packages["fa"], SMALL_BATCHES)
    assert (engine.name, engine.version, engine.target_code) == (
        "translate-en_fa-demo",
        "0.0.0+demo",
        "fa",
    )


def _iterate(batches: Iterator[list[tuple[int, str]]]) -> list[tuple[int, str]]:
    return [pair for batch in batches for pair in batch]


def test_generator_is_lazy(demo_packages: dict[str, ModelPackage]) -> None:
    engine = CTranslate2Translator(demo_packages["prs"], SMALL_BATCHES)
    spy = Spy(engine)
    batches = engine.translate_batches(NEWS * 4)
    assert spy.calls == []  # nothing happens until iteration
    first = next(batches)
    assert first and len(spy.calls) == 2  # the chunk yielded, plus one queued behind it
    rest: Sequence[tuple[int, str]] = _iterate(batches)
    assert len(spy.calls) > 2 and len(first) + len(rest) == len(NEWS) * 4


class _FailingFuture:
    def result(self) -> Any:
        raise RuntimeError("CUDA out of memory")


def test_ct2_async_error_becomes_backend_failed(demo_packages: dict[str, ModelPackage]) -> None:
    engine = CTranslate2Translator(demo_packages["ps"], SMALL_BATCHES)
    spy = Spy(engine)
    spy.translate_batch = lambda source, **kwargs: [_FailingFuture() for _ in source]  # type: ignore[method-assign]
    with pytest.raises(BackendFailed, match="out of memory"):
        engine.translate(NEWS)
