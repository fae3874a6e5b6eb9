"""Build a genuine, small ``.argosmodel`` offline: real format, random weights, nonsense output.

The package is a real Argos package (``metadata.json``, a CTranslate2 Transformer in
``model/``, a SentencePiece ``sentencepiece.model``), so everything around the engine (install,
list, argostranslate interop, batching, prefixes) can be exercised without a network or a
trained model. The SentencePiece model is trained on the spot on generated English and
Arabic-script text (Dari and Pashto letters, Persian digits, mask tokens ``⟦0⟧``..``⟦31⟧``); the
Transformer gets seeded random weights and an output-layer bias towards Arabic-script pieces
and ``</s>``, so it emits short Arabic-script nonsense. Metadata, names and a README inside the
package say so. The same seed gives a byte-identical archive.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_VERSION = "0.0.0"
MASK_TOKENS = tuple(f"⟦{i}⟧" for i in range(32))
NLLB_SOURCE_TOKEN = "eng_Latn"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_NAMES = {"prs": "Dari", "fa_AF": "Dari", "fa": "Persian", "ps": "Pashto", "pbt": "Pashto"}


@dataclass(frozen=True)
class _Size:
    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab: int
    sentences: int
    invented: float  # share of invented words, so large vocabularies have enough material
    eos_bias: float


_SIZES = {
    "tiny": _Size(2, 64, 4, 256, 600, 3000, 0.1, 3.0),
    "base": _Size(6, 512, 8, 2048, 32000, 40000, 0.7, 3.0),
}

_EN_WORDS_TEXT = (
    "the government said on monday that talks with officials in kabul would continue next "
    "week after a meeting of ministers in brussels where the secretary general spoke about "
    "security aid for women and girls schools health refugees border trade election province "
    "attack police army president minister council report million people percent year city "
    "taliban nato afghanistan united nations agreement ceasefire peace process humanitarian"
)
_EN_NAMES_TEXT = "NATO Kabul Brussels Taliban Herat Kandahar Mazar Jalalabad UN EU Monday"
_AR_WORDS_TEXT = (
    "دولت گفت که روز دوشنبه گفتگو با مقامات در کابل هفته آینده ادامه خواهد یافت پس از نشست "
    "وزیران ناتو امنیت کمک زنان مکاتب صحت مهاجرین سرحد تجارت انتخابات ولایت حمله پولیس اردو "
    "رئیس جمهور وزیر شورا گزارش میلیون مردم فیصد سال شهر حکومت وویل چې د دوشنبې په ورځ له "
    "چارواکو سره خبرې به راتلونکې اونۍ کې دوام ومومي ښځې ښوونځي روغتیا کډوال پوله سوداګري "
    "ټاکنې برید ژوند ځای څه ډېر ړوند ږغ ګډ ڼ"
)
_LATIN_SYLLABLES = [c + v for c in "bcdfghjklmnprstvwyz" for v in "aeiou"]
_ARABIC_SYLLABLES = [
    c + v for c in "بپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیټډړږښځڅګڼ" for v in ("", "ا", "و", "ی", "ې")
]
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


def _corpus(rng: random.Random, size: _Size) -> list[str]:
    def word(words: list[str], syllables: list[str], most: int) -> str:
        if rng.random() < size.invented:
            return "".join(rng.choice(syllables) for _ in range(rng.randint(1, most)))
        return rng.choice(words)

    english, names, arabic = _EN_WORDS_TEXT.split(), _EN_NAMES_TEXT.split(), _AR_WORDS_TEXT.split()
    lines = []
    for number in range(size.sentences):
        count = rng.randint(5, 24)
        if number % 2 == 0:
            words = [word(english, _LATIN_SYLLABLES, 4) for _ in range(count)]
            words.insert(rng.randrange(count), rng.choice(names))
            if rng.random() < 0.3:
                words.insert(rng.randrange(count), str(rng.randint(1, 2030)))
            if rng.random() < 0.2:
                words.insert(rng.randrange(count), rng.choice(MASK_TOKENS))
            lines.append(" ".join(words).capitalize() + rng.choice(".,?;:") + rng.choice(" \"'"))
        else:
            words = [word(arabic, _ARABIC_SYLLABLES, 3) for _ in range(count)]
            if rng.random() < 0.3:
                digits = "".join(rng.choice(_PERSIAN_DIGITS) for _ in range(rng.randint(1, 4)))
                words.insert(rng.randrange(count), digits)
            lines.append(" ".join(words) + rng.choice(("۔", ".", "؟", "،", "؛")))
    return lines


def _train_sentencepiece(lines: list[str], vocab: int, threads: int) -> bytes:
    import io

    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab,
        model_type="unigram",
        character_coverage=1.0,
        user_defined_symbols=list(MASK_TOKENS),
        hard_vocab_limit=False,
        num_threads=threads,
        minloglevel=2,
    )
    return model.getvalue()


def _is_arabic_piece(piece: str) -> bool:
    text = piece.lstrip("▁")
    return bool(text) and all("\u0600" <= ch <= "\u06ff" for ch in text)


def _output_bias(vocab: list[str], eos_bias: float, specials: set[str]) -> Any:
    import numpy as np

    bias = np.full(len(vocab), -4.0, dtype=np.float32)  # Latin and other pieces: unlikely
    for index, piece in enumerate(vocab):
        if _is_arabic_piece(piece):
            bias[index] = 1.0
        elif piece in specials or piece in ("<unk>", "<s>"):
            bias[index] = -30.0  # never generate language tags or <unk>
        elif piece == "</s>":
            bias[index] = eos_bias
    return bias


def _transformer(
    vocab: list[str], size: _Size, seed: int, eos_bias: float, specials: set[str]
) -> Any:
    import numpy as np
    from ctranslate2.specs import TransformerSpec

    rng = np.random.default_rng(seed)
    d = size.d_model

    def matrix(rows: int, cols: int) -> Any:
        return (rng.standard_normal((rows, cols), dtype=np.float32) / np.sqrt(cols)).astype(
            np.float32
        )

    def norm(layer: Any) -> None:
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = np.zeros(d, dtype=np.float32)

    spec = TransformerSpec.from_config((size.layers, size.layers), size.heads)
    embeddings = matrix(len(vocab), d)  # shared by source and target
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    spec.decoder.projection.weight = matrix(len(vocab), d)  # untied: tied weights repeat tokens
    spec.decoder.projection.bias = _output_bias(vocab, eos_bias, specials)
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    for layer in list(spec.encoder.layer) + list(spec.decoder.layer):
        norm(layer.self_attention.layer_norm)
        norm(layer.ffn.layer_norm)
        layer.self_attention.linear[0].weight = matrix(3 * d, d)
        layer.self_attention.linear[1].weight = matrix(d, d)
        layer.ffn.linear_0.weight = matrix(size.ffn, d)
        layer.ffn.linear_1.weight = matrix(d, size.ffn)
    for layer in spec.decoder.layer:
        norm(layer.attention.layer_norm)
        layer.attention.linear[0].weight = matrix(d, d)
        layer.attention.linear[1].weight = matrix(2 * d, d)
        layer.attention.linear[2].weight = matrix(d, d)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    return spec


def _readme(to_name: str, size: str, seed: int, target_prefix: str | None) -> str:
    prefix = (
        f"\nIt emulates an NLLB-style package (target prefix `{target_prefix}`)."
        if (target_prefix)
        else ""
    )
    return (
        f"# DEMO package: English -> {to_name} (nonsense output)\n\n"
        "This is NOT a translation model. Its weights are random: every output is meaningless\n"
        "Arabic-script text. It was built offline by `localize.engine.demo` "
        f"(size {size}, seed {seed})\nso the whole localize pipeline can be tried and tested "
        "without downloading a model.\nNever publish its output; install a real model for "
        f"real drafts.{prefix}\n"
    )


def _zip_folder(folder: Path, top: str, out: Path) -> None:
    temp = out.with_name(out.name + ".part")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for directory in [top] + sorted(
            {
                f"{top}/{p.parent.relative_to(folder).as_posix()}"
                for p in files
                if p.parent != folder
            }
        ):
            info = zipfile.ZipInfo(directory + "/", date_time=_ZIP_TIME)
            info.create_system = 3
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b"")
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", _ZIP_TIME)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    os.replace(temp, out)


def build_demo_package(
    out: Path,
    *,
    to_code: str = "prs",
    target_prefix: str | None = None,
    size: str = "tiny",
    seed: int = 0,
    eos_bias: float | None = None,
    threads: int = 1,
    extra_text: Sequence[str] = (),
) -> Path:
    """Build a demo ``.argosmodel`` (real format, random weights, nonsense output).

    Args:
        out: The archive to write, or an existing directory to write it into (named after its
            top-level folder, ``translate-en_<to>-0_0_0+demo...``).
        to_code: Target code in ``metadata.json`` (``prs``, ``ps``, ``fa``...).
        target_prefix: If set (e.g. ``prs_Arab``), emulate an NLLB package: the prefix and
            ``eng_Latn`` are CTranslate2 vocabulary tokens unknown to SentencePiece.
        size: ``"tiny"`` (2+2 layers, d_model 64, ~600 pieces, ~0.5 MB, ~1 s) or ``"base"``
            (Argos transformer-base shape: 6+6, 512, 8 heads, FFN 2048, 32k pieces, ~60 MB).
        seed: Seed for the generated text and the weights.
        eos_bias: Output-layer bias for ``</s>`` (higher stops sooner; default 3.0).
        threads: Threads for SentencePiece training (1 keeps the archive byte-identical).
        extra_text: More lines to train SentencePiece on (a benchmark passes its own English
            so it tokenizes about as compactly as with a real model's 50k vocabulary).

    Returns:
        The archive's path.
    """
    if size not in _SIZES:
        raise ValueError(f"size must be one of {', '.join(_SIZES)}, not {size!r}")
    spec_size = _SIZES[size]
    local = ["demo"] + (["nllb"] if target_prefix else []) + ([size] if size != "tiny" else [])
    version = f"{DEMO_VERSION}+{'.'.join(local)}"
    top = f"translate-en_{to_code}-{version.replace('.', '_')}"
    to_name = _NAMES.get(to_code, to_code)
    lines = _corpus(random.Random(seed), spec_size) + [t for t in extra_text if t.strip()]
    sp_model = _train_sentencepiece(lines, spec_size.vocab, threads)
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    specials = set()
    if target_prefix:
        specials = {NLLB_SOURCE_TOKEN, target_prefix}
        vocab += [NLLB_SOURCE_TOKEN, target_prefix]
    bias = spec_size.eos_bias if eos_bias is None else eos_bias
    spec = _transformer(vocab, spec_size, seed, bias, specials)
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": "en",
        "from_name": "English (demo)",
        "to_code": to_code,
        "to_name": f"{to_name} (demo, nonsense output)",
        "target_prefix": target_prefix or "",
        "type": "translate",
        "demo": True,
        "links": [],
    }
    out = Path(out)
    if out.is_dir():
        out = out / f"{top}.argosmodel"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="localize-demo-") as temp:
        folder = Path(temp) / top
        (folder / "model").mkdir(parents=True)
        spec.save(str(folder / "model"))
        (folder / "sentencepiece.model").write_bytes(sp_model)
        (folder / "metadata.json").write_text(
            json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (folder / "README.md").write_text(
            _readme(to_name, size, seed, target_prefix), encoding="utf-8"
        )
        _zip_folder(folder, top, out)
    return out
