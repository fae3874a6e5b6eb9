"""The offline translation engine: Argos model packages and CTranslate2.

Nothing here touches the network at translation time, and importing this package (or any
module in it) imports no heavy dependency, reads no environment variable and writes nothing:
``ctranslate2``, ``sentencepiece``, ``numpy`` and ``argostranslate`` are imported inside the
functions that need them.

* :mod:`localize.engine.packages`: the ``.argosmodel`` format and the packages directory
  (shared with ``argospm``): list, validate, install, remove (implemented in ``layout``,
  ``archive`` and ``index``).
* :mod:`localize.engine.resolve`: which installed package serves Dari or Pashto.
* :mod:`localize.engine.base`: the ``Translator`` protocol and ``EngineOptions``.
* :mod:`localize.engine.ctranslate`: the CTranslate2 translator.
* :mod:`localize.engine.fake`: a deterministic fake translator for tests.
* :mod:`localize.engine.demo`: builds a genuine (nonsense-producing) demo package offline.
"""

from __future__ import annotations
