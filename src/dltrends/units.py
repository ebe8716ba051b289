"""Units: FLOPs and MACs, SI prefixes, efficiency, bytes.

The book follows Desislavov et al. (2023, appendix "FLOPs vs FLOPS"): a FLOP is one
floating-point operation, *FLOPs* is an amount of computation and *FLOPS* a rate
(FLOP per second). A fused multiply-add (one MAC) counts as **2 FLOPs**, as NVIDIA
counts it; most CV papers, fvcore and ptflops count it as 1. Every conversion between
the two conventions goes through :func:`macs_to_flops` and :func:`flops_to_macs`.
"""

from __future__ import annotations

from numbers import Integral

from dltrends.checks import InputError, finite_result

from . import checks

#: Decimal SI prefixes used in this book (FLOPs, FLOPS, watts, bytes in GB).
SI_PREFIXES: dict[str, float] = {
    "": 1.0,
    "k": 1e3,
    "M": 1e6,
    "G": 1e9,
    "T": 1e12,
    "P": 1e15,
    "E": 1e18,
}

#: FLOPs per multiply-accumulate in the paper's and NVIDIA's convention.
FLOPS_PER_MAC = 2

BYTES_PER_GB = 10**9
BYTES_PER_GIB = 2**30
BYTES_PER_TB = 10**12


def _check_non_negative(value: float, name: str) -> float:
    return checks.number(value, name)


def _check_positive(value: float, name: str) -> float:
    return checks.number(value, name, positive=True)


@finite_result
def macs_to_flops(macs: float, flops_per_mac: int = FLOPS_PER_MAC) -> float:
    """Convert multiply-accumulates to FLOPs.

    ``macs`` and the result share one SI prefix (GMACs in, GFLOPs out). With the
    default ``flops_per_mac=2`` this is the paper's convention; ``flops_per_mac=1``
    is the convention of most CV papers, fvcore and ptflops.

    >>> macs_to_flops(0.71)
    1.42
    """
    if isinstance(flops_per_mac, bool) or flops_per_mac not in (1, 2):
        raise InputError(f"flops_per_mac must be 1 or 2, got {flops_per_mac!r}")
    return _check_non_negative(macs, "macs") * flops_per_mac


@finite_result
def flops_to_macs(flops: float, flops_per_mac: int = FLOPS_PER_MAC) -> float:
    """Convert FLOPs to multiply-accumulates (inverse of :func:`macs_to_flops`).

    >>> flops_to_macs(1.42)
    0.71
    """
    if isinstance(flops_per_mac, bool) or flops_per_mac not in (1, 2):
        raise InputError(f"flops_per_mac must be 1 or 2, got {flops_per_mac!r}")
    return _check_non_negative(flops, "flops") / flops_per_mac


@finite_result
def rescale(value: float, from_prefix: str, to_prefix: str) -> float:
    """Change the SI prefix of a magnitude (>= 0), e.g. TFLOPS to GFLOPS.

    >>> rescale(15.7, "T", "G")
    15700.0
    """
    for prefix in (from_prefix, to_prefix):
        if prefix not in SI_PREFIXES:
            raise InputError(f"unknown SI prefix {prefix!r}; known: {sorted(SI_PREFIXES)}")
    return _check_non_negative(value, "value") * SI_PREFIXES[from_prefix] / SI_PREFIXES[to_prefix]


@finite_result
def gflops_per_watt_to_flop_per_joule(gflops_per_watt: float) -> float:
    """GFLOPS/W to FLOP/J (the paper's Eq. 1: FLOPS/W = (FLOP/s)/(J/s) = FLOP/J).

    >>> gflops_per_watt_to_flop_per_joule(52.33)
    52330000000.0
    """
    return _check_positive(gflops_per_watt, "gflops_per_watt") * SI_PREFIXES["G"]


@finite_result
def bytes_to_gb(n_bytes: float) -> float:
    """Bytes to decimal gigabytes (1 GB = 10^9 bytes)."""
    return _check_non_negative(n_bytes, "n_bytes") / BYTES_PER_GB


@finite_result
def bytes_to_gib(n_bytes: float) -> float:
    """Bytes to binary gibibytes (1 GiB = 2^30 bytes)."""
    return _check_non_negative(n_bytes, "n_bytes") / BYTES_PER_GIB


@finite_result
def gb_to_bytes(gb: float) -> float:
    """Decimal gigabytes to bytes."""
    return _check_non_negative(gb, "gb") * BYTES_PER_GB


@finite_result
def gib_to_bytes(gib: float) -> float:
    """Binary gibibytes to bytes."""
    return _check_non_negative(gib, "gib") * BYTES_PER_GIB


def format_bytes(n_bytes: float, binary: bool = False, digits: int = 2) -> str:
    """Format a byte count for display: ``1.25 GB`` (decimal) or ``1.16 GiB`` (binary).

    >>> format_bytes(1_248_776_192)
    '1.25 GB'
    >>> format_bytes(1_248_776_192, binary=True)
    '1.16 GiB'
    """
    n = _check_non_negative(n_bytes, "n_bytes")
    if isinstance(digits, bool) or not isinstance(digits, Integral) or not 0 <= digits <= 15:
        raise InputError(f"digits must be a whole number from 0 to 15, got {digits!r}")
    if binary:
        units = [("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)]
    else:
        units = [("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("kB", 10**3)]
    for name, size in units:
        if n >= size:
            return f"{n / size:.{digits}f} {name}"
    return f"{n:.0f} B"


#: Joules in one kilowatt-hour (1 kW x 3600 s).
KWH_IN_JOULES = 3.6e6
