"""EngineOptions: defaults, validation, thread presets, decoding cap."""

from __future__ import annotations

import pytest

from localize.engine.base import EngineOptions


def test_defaults() -> None:
    options = EngineOptions()
    assert (options.device, options.beam_size, options.batch_tokens) == ("cpu", 4, 1024)
    assert options.compute_type is None and options.inter_threads == 1


def test_for_cores() -> None:
    throughput = EngineOptions.for_cores(8)
    assert (throughput.inter_threads, throughput.intra_threads) == (8, 1)
    latency = EngineOptions.for_cores(8, latency=True, beam_size=1)
    assert (latency.inter_threads, latency.intra_threads, latency.beam_size) == (1, 8, 1)
    assert EngineOptions.for_cores(0).inter_threads == 1
    assert EngineOptions.for_cores(4, inter_threads=2).inter_threads == 2


@pytest.mark.parametrize(("longest", "cap"), [(1, 12), (20, 40), (30, 55), (164, 256), (1000, 256)])
def test_decoding_cap(longest: int, cap: int) -> None:
    assert EngineOptions().decoding_cap(longest) == cap


def test_fixed_decoding_cap() -> None:
    assert EngineOptions(decoding_length_ratio=None, max_decoding_length=48).decoding_cap(5) == 48


@pytest.mark.parametrize(
    "bad",
    [{"device": "gpu"}, {"beam_size": 0}, {"batch_tokens": 0}, {"intra_threads": -1}],
)
def test_invalid(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        EngineOptions(**bad)  # type: ignore[arg-type]
