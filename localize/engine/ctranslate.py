"""The CTranslate2 translator: Argos packages (and NLLB-style ones) driven for throughput.

Unlike argostranslate's ``translate()``, which makes one ``translate_batch`` call per paragraph
with 32-token batches (one sentence each) and no decoding cap (ENGINE.md §1.5, §3), this
tokenizes every text up front, sorts by length, and sends large token-sized batches, yielding
results chunk by chunk. NLLB-style packages get their source tokens and target prefix right,
and the prefix token is dropped from each hypothesis before detokenizing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import BackendFailed, BackendUnavailable
from .base import BatchTranslator, EngineOptions
from .layout import ModelPackage

_NLLB_TAG = re.compile(r"[a-z]{3}_[A-Z][a-z]{3}")
NLLB_SOURCE_TOKEN = "eng_Latn"
_CT2_ERRORS = (RuntimeError, ValueError, MemoryError, IndexError)
#: Token batches per worker thread in one ``translate_batch`` call.
CHUNK_BATCHES = 1


def _vocabulary(model_dir: Path) -> set[str]:
    for name in ("shared_vocabulary", "source_vocabulary"):
        json_path = model_dir / f"{name}.json"
        if json_path.is_file():
            return set(json.loads(json_path.read_text(encoding="utf-8")))
        text_path = model_dir / f"{name}.txt"
        if text_path.is_file():
            return set(text_path.read_text(encoding="utf-8").splitlines())
    return set()


def _pick_device(options: EngineOptions, ctranslate2: Any) -> str:
    gpus = int(ctranslate2.get_cuda_device_count())
    if options.device == "auto":
        return "cuda" if gpus > 0 else "cpu"
    if options.device == "cuda" and gpus == 0:
        raise BackendUnavailable(
            "--device cuda was requested but CTranslate2 sees no CUDA device (no GPU, no "
            "driver, or a CPU-only ctranslate2 build); use --device cpu (or auto)"
        )
    if options.device == "cuda" and options.device_index >= gpus:
        raise BackendUnavailable(
            f"GPU {options.device_index} requested but CTranslate2 sees only {gpus} device(s)"
        )
    return options.device


def _pick_compute_type(options: EngineOptions, device: str, ctranslate2: Any) -> str:
    supported = set(ctranslate2.get_supported_compute_types(device, options.device_index))
    if options.compute_type is not None:
        if options.compute_type not in supported | {"auto", "default"}:
            raise BackendUnavailable(
                f"compute type {options.compute_type!r} is not supported on {device}; "
                f"supported: {', '.join(sorted(supported))}"
            )
        return options.compute_type
    preferred = ("int8", "int8_float32") if device == "cpu" else ("float16", "int8_float16")
    return next((ct for ct in preferred if ct in supported), "default")


class CTranslate2Translator(BatchTranslator):
    """Translate with one installed package's CTranslate2 model and SentencePiece tokenizer.

    The model and tokenizer are loaded once, here. ``translate_batches`` tokenizes all texts,
    sorts them by length (longest first) and sends chunks of ``inter_threads`` full
    ``batch_tokens`` batches per ``translate_batch`` call, so every CTranslate2 worker gets one
    batch per call; the next chunk is queued (``asynchronous=True``) before the current one is
    collected and yielded, so workers never idle between chunks.

    Args:
        package: An installed package (``bpe.model`` packages are not supported).
        options: Device, beam, batching and thread settings.

    Raises:
        BackendUnavailable: CUDA requested but absent, unsupported compute type, or a package
            this engine cannot drive.
        BackendFailed: CTranslate2 or SentencePiece could not load the model files.
    """

    def __init__(self, package: ModelPackage, options: EngineOptions | None = None) -> None:
        options = options or EngineOptions()
        if package.uses_bpe:
            raise BackendUnavailable(
                f"{package.path}: BPE (OPUS-MT style) packages are not supported by localize's "
                "engine; use a SentencePiece package"
            )
        import ctranslate2
        import sentencepiece

        self.package = package
        self.options = options
        self.name = package.argospm_name + ("-demo" if package.is_demo else "")
        self.version = package.version
        self.target_code = package.to_code
        self.device = _pick_device(options, ctranslate2)
        self.compute_type = _pick_compute_type(options, self.device, ctranslate2)
        prefix = package.target_prefix
        self._prefix: str | None = prefix or None
        try:
            vocabulary = _vocabulary(package.model_dir)
            self._nllb = bool(
                prefix and _NLLB_TAG.fullmatch(prefix) and NLLB_SOURCE_TOKEN in vocabulary
            )
            if self._prefix is not None and vocabulary and self._prefix not in vocabulary:
                raise BackendUnavailable(
                    f"{package.path}: target_prefix {prefix!r} is not in the model's vocabulary"
                )
            self._sp = sentencepiece.SentencePieceProcessor(model_file=str(package.tokenizer))
            self._translator = ctranslate2.Translator(
                str(package.model_dir),
                device=self.device,
                device_index=options.device_index,
                compute_type=self.compute_type,
                inter_threads=options.inter_threads,
                intra_threads=options.intra_threads,
            )
        except (OSError, *_CT2_ERRORS) as error:
            raise BackendFailed(
                f"{package.path}: could not load the model ({error}); reinstall the package"
            ) from error

    @property
    def nllb(self) -> bool:
        """True when the package is NLLB-style (``eng_Latn`` source token, language prefix)."""
        return self._nllb

    def _tokenize(self, texts: Sequence[str]) -> list[list[str]]:
        pieces: list[list[str]] = self._sp.encode(list(texts), out_type=str)
        if self._nllb:
            return [[NLLB_SOURCE_TOKEN, *p, "</s>"] for p in pieces]
        return pieces

    def _chunks(self, lengths: dict[int, int]) -> Iterator[list[int]]:
        # Longest first, each batch holding at most batch_tokens *padded* tokens (count x
        # longest): the split CTranslate2's rebatch_input makes inside a call. So each call
        # gets exactly ``inter_threads * CHUNK_BATCHES`` full batches, no small leftover one.
        per_chunk = self.options.inter_threads * CHUNK_BATCHES
        limit = self.options.batch_tokens
        chunk: list[int] = []
        batches = 0
        in_batch = 0
        longest = 0
        for index in sorted(lengths, key=lambda i: (-lengths[i], i)):
            if in_batch and (in_batch + 1) * longest > limit:
                batches += 1
                in_batch = 0
                if batches == per_chunk:
                    yield chunk
                    chunk, batches = [], 0
            if in_batch == 0:
                longest = lengths[index]
            chunk.append(index)
            in_batch += 1
        if chunk:
            yield chunk

    def translate_batches(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
        """Translate ``texts``; yield ``(index, translation)`` pairs per chunk.

        Blank texts translate to "" without reaching the engine. Output is NFC.
        """
        texts = list(texts)
        return self._translate(texts)

    def _translate(self, texts: list[str]) -> Iterator[list[tuple[int, str]]]:
        blank = [i for i, text in enumerate(texts) if not text.strip()]
        if blank:
            yield [(i, "") for i in blank]
        work = [i for i, text in enumerate(texts) if text.strip()]
        if not work:
            return
        try:
            tokenized = dict(zip(work, self._tokenize([texts[i] for i in work]), strict=True))
        except _CT2_ERRORS as error:
            raise BackendFailed(f"tokenizing failed ({error})") from error
        lengths = {i: max(1, len(tokens)) for i, tokens in tokenized.items()}
        # Keep one chunk queued behind the one being collected, so CTranslate2's workers
        # never wait for Python between chunks.
        pending: tuple[list[int], list[Any]] | None = None
        for chunk in self._chunks(lengths):
            submitted = (chunk, self._submit([tokenized[i] for i in chunk]))
            if pending is not None:
                yield self._collect(*pending)
            pending = submitted
        if pending is not None:
            yield self._collect(*pending)

    def _submit(self, batch: list[list[str]]) -> list[Any]:
        options = self.options
        longest = max(len(tokens) for tokens in batch)
        if options.max_input_length:
            longest = min(longest, options.max_input_length)
        cap = options.decoding_cap(longest) + (1 if self._prefix else 0)
        prefix = [[self._prefix] for _ in batch] if self._prefix else None
        try:
            results: list[Any] = self._translator.translate_batch(
                batch,
                target_prefix=prefix,
                max_batch_size=options.batch_tokens,
                batch_type="tokens",
                beam_size=options.beam_size,
                num_hypotheses=1,
                length_penalty=options.length_penalty,
                max_decoding_length=cap,
                max_input_length=options.max_input_length,
                replace_unknowns=True,
                return_scores=False,
                asynchronous=True,
            )
        except _CT2_ERRORS as error:
            raise BackendFailed(f"CTranslate2 failed on {self.package.name} ({error})") from error
        return results

    def _collect(self, chunk: list[int], futures: list[Any]) -> list[tuple[int, str]]:
        try:
            hypotheses = [future.result().hypotheses[0] for future in futures]
        except _CT2_ERRORS as error:
            raise BackendFailed(f"CTranslate2 failed on {self.package.name} ({error})") from error
        return list(zip(chunk, map(self._detokenize, hypotheses), strict=True))

    def _detokenize(self, tokens: list[str]) -> str:
        if self._prefix is not None and tokens and tokens[0] == self._prefix:
            tokens = tokens[1:]
        # sp.decode, not argostranslate's "_" -> " " replacement, which also eats real "_".
        text: str = self._sp.decode(tokens)
        return unicodedata.normalize("NFC", text.strip())
