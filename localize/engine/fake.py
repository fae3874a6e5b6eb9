"""A deterministic fake translator for testing the logic around the engine.

It "translates" by transliterating ASCII letters to distinct Arabic-script letters, digits to
Persian digits and ``, ? ;`` to ``، ؟ ؛``; mask tokens such as ``⟦0⟧`` and all other text pass
through unchanged. For ASCII input the mapping is reversible (:func:`untranslate`), so tests
can check which source produced which output. It records every call, so tests can assert that
nothing (or how much) was sent to the engine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from ..errors import BackendFailed
from .base import BatchTranslator

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_UPPER = _LOWER.upper()
# 52 distinct Arabic-script letters (Arabic, Persian and Pashto), all NFC and precomposed.
_ARABIC = (
    "ابپتثجچحخدذرزژسشصضطظعغفقکگ"  # a..z
    "لمنوهیټډړږښځڅېۍګڼءئؤآأإةكي"  # A..Z
)
_TABLE = {ord(src): dst for src, dst in zip(_LOWER + _UPPER, _ARABIC, strict=True)}
_TABLE.update({ord(str(d)): chr(0x06F0 + d) for d in range(10)})
_TABLE.update({ord(","): "،", ord("?"): "؟", ord(";"): "؛"})
_REVERSE = {ord(dst): chr(src) for src, dst in _TABLE.items()}
_MASK = re.compile(r"⟦\d+⟧")


def pseudo_translate(text: str) -> str:
    """The fake translation of one text (mask tokens kept verbatim), NFC.

    >>> pseudo_translate("Kabul 2024, ⟦0⟧ ok?")
    'ښابعر ۲۰۲۴، ⟦0⟧ سذ؟'
    """
    parts: list[str] = []
    position = 0
    for match in _MASK.finditer(text):
        parts.append(text[position : match.start()].translate(_TABLE))
        parts.append(match.group())
        position = match.end()
    parts.append(text[position:].translate(_TABLE))
    return unicodedata.normalize("NFC", "".join(parts))


def untranslate(text: str) -> str:
    """Invert :func:`pseudo_translate` (exact for ASCII sources).

    >>> untranslate(pseudo_translate("NATO met 3 times, ⟦12⟧."))
    'NATO met 3 times, ⟦12⟧.'
    """
    parts: list[str] = []
    position = 0
    for match in _MASK.finditer(text):
        parts.append(text[position : match.start()].translate(_REVERSE))
        parts.append(match.group())
        position = match.end()
    parts.append(text[position:].translate(_REVERSE))
    return "".join(parts)


class FakeTranslator(BatchTranslator):
    """Deterministic stand-in for :class:`CTranslate2Translator`.

    Like the real engine it sorts texts by length, yields one list of ``(index, translation)``
    pairs per batch (so batches arrive out of input order) and translates blank texts to "".

    Args:
        target_code: What ``target_code`` reports (``prs``, ``ps``, ``fa``...).
        batch_size: Texts per yielded batch.
        fail_on_batch: If set, raise ``BackendFailed`` instead of yielding this batch
            (0-based), to test that finished batches were saved.
        name: Engine name for provenance.
        version: Engine version for provenance.

    Attributes:
        calls: Number of texts in each ``translate_batches`` call, in call order.
        batches: Number of texts in each yielded batch.
    """

    def __init__(
        self,
        target_code: str = "prs",
        *,
        batch_size: int = 8,
        fail_on_batch: int | None = None,
        name: str = "fake",
        version: str = "0",
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.name = name
        self.version = version
        self.target_code = target_code
        self.batch_size = batch_size
        self.fail_on_batch = fail_on_batch
        self.calls: list[int] = []
        self.batches: list[int] = []

    @property
    def texts_sent(self) -> int:
        """Total number of texts sent to this engine."""
        return sum(self.calls)

    def translate_batches(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
        """Translate ``texts``; yield ``(index, translation)`` pairs per batch."""
        texts = list(texts)
        self.calls.append(len(texts))
        return self._batches(texts)

    def _batches(self, texts: list[str]) -> Iterator[list[tuple[int, str]]]:
        order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
        for number, start in enumerate(range(0, len(order), self.batch_size)):
            if number == self.fail_on_batch:
                raise BackendFailed(f"fake engine failure on batch {number}")
            chunk = order[start : start + self.batch_size]
            self.batches.append(len(chunk))
            yield [(i, pseudo_translate(texts[i]) if texts[i].strip() else "") for i in chunk]
