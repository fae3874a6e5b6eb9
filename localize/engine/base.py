"""The ``Translator`` protocol every engine implements, and the engine's options.

Engines translate a whole list of sentences and yield results batch by batch, as
``(index into texts, translation)`` pairs in whatever order the engine finishes them, so the
caller can save finished work as it arrives and lose little if a long run is interrupted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, runtime_checkable

from ..errors import BackendFailed

DEVICES = ("cpu", "cuda", "auto")


@runtime_checkable
class Translator(Protocol):
    """An English -> target translation engine.

    Attributes:
        name: Engine name for provenance, e.g. ``translate-en_prs``.
        version: The model's version.
        target_code: The code the model produces (``fa`` for a Persian model serving Dari).
    """

    name: str
    version: str
    target_code: str

    def translate_batches(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
        """Translate ``texts``; yield each engine batch's ``(index, translation)`` pairs.

        Every index in ``range(len(texts))`` is yielded exactly once; batches may come in
        any order. Nothing is yielded for an empty list; blank texts translate to "".
        """
        ...

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts``; one translation per text, in order."""
        ...


def collect(batches: Iterator[list[tuple[int, str]]], count: int) -> list[str]:
    """Put the pairs from ``translate_batches`` back in order.

    Args:
        batches: What ``translate_batches`` yielded.
        count: ``len(texts)``.

    Returns:
        The translations, in the order of the texts.

    Raises:
        BackendFailed: The engine skipped or repeated an index.
    """
    out: list[str | None] = [None] * count
    for batch in batches:
        for index, translation in batch:
            if not 0 <= index < count or out[index] is not None:
                raise BackendFailed(f"engine returned index {index} twice or out of range")
            out[index] = translation
    missing = [i for i, text in enumerate(out) if text is None]
    if missing:
        raise BackendFailed(f"engine returned no translation for {len(missing)} text(s)")
    return [text for text in out if text is not None]


class BatchTranslator:
    """Mixin: ``translate`` derived from ``translate_batches``."""

    name: str
    version: str
    target_code: str

    def translate_batches(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
        raise NotImplementedError

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts``; one translation per text, in order."""
        return collect(self.translate_batches(texts), len(texts))


@dataclass(frozen=True)
class EngineOptions:
    """How to run CTranslate2. Built by the CLI from its options; never reads the environment.

    The default beam is 4, argostranslate's: drafts go to human reviewers, whose time costs far
    more than the engine's, and greedy search is the likeliest to loop or drop clauses with a
    low-resource model. ``beam_size=1`` is about 2x faster (ENGINE.md §3) for quick drafts.

    Attributes:
        device: ``"cpu"``, ``"cuda"`` or ``"auto"`` (CUDA when CTranslate2 sees a GPU).
        beam_size: Beam width (1 = greedy).
        batch_tokens: Tokens per CTranslate2 batch (``max_batch_size``, ``batch_type="tokens"``).
        compute_type: CTranslate2 compute type; None = ``int8`` on CPU, ``float16`` on CUDA
            (the fastest in CTranslate2's published GPU figures), falling back to what the
            device supports.
        inter_threads: Batches translated in parallel (CPU: one per core for throughput).
        intra_threads: Threads per batch (0 = CTranslate2's default).
        device_index: Which GPU.
        max_decoding_length: Hard cap on output tokens per sentence.
        decoding_length_ratio: Per chunk of length-sorted sentences the cap is
            ``min(max_decoding_length, ratio * longest source + decoding_length_extra)``;
            None = always ``max_decoding_length``.
        decoding_length_extra: See ``decoding_length_ratio``.
        max_input_length: Source tokens kept per sentence (longer input is truncated by
            CTranslate2; 0 = no limit).
        length_penalty: Beam-search length penalty (0.2, as argostranslate uses).
    """

    device: str = "cpu"
    beam_size: int = 4
    batch_tokens: int = 1024
    compute_type: str | None = None
    inter_threads: int = 1
    intra_threads: int = 0
    device_index: int = 0
    max_decoding_length: int = 256
    decoding_length_ratio: float | None = 1.5
    decoding_length_extra: int = 10
    max_input_length: int = 1024
    length_penalty: float = 0.2

    def __post_init__(self) -> None:
        if self.device not in DEVICES:
            raise ValueError(f"device must be one of {', '.join(DEVICES)}, not {self.device!r}")
        for name in ("beam_size", "batch_tokens", "inter_threads", "max_decoding_length"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("intra_threads", "device_index", "max_input_length"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    @classmethod
    def for_cores(cls, cores: int, *, latency: bool = False, **overrides: Any) -> EngineOptions:
        """Options for a machine with ``cores`` CPU cores (the caller counts them).

        Args:
            cores: CPU cores to use.
            latency: Optimise one short text (one batch, all cores) instead of throughput
                (one batch per core, CTranslate2's advice for bulk work).
            **overrides: Any other field.

        Returns:
            The options.
        """
        cores = max(1, cores)
        threads = (
            {"inter_threads": 1, "intra_threads": cores}
            if latency
            else {
                "inter_threads": cores,
                "intra_threads": 1,
            }
        )
        return replace(cls(**overrides), **{**threads, **_only(overrides, threads)})

    def decoding_cap(self, longest_source: int) -> int:
        """The output-length cap for a chunk whose longest source has ``longest_source`` tokens.

        >>> EngineOptions().decoding_cap(20)
        40
        >>> EngineOptions().decoding_cap(400)
        256
        """
        if self.decoding_length_ratio is None:
            return self.max_decoding_length
        wanted = (
            int(self.decoding_length_ratio * longest_source + 0.999) + self.decoding_length_extra
        )
        return max(1, min(self.max_decoding_length, wanted))


def _only(overrides: dict[str, Any], keys: dict[str, int]) -> dict[str, Any]:
    return {key: value for key, value in overrides.items() if key in keys}
