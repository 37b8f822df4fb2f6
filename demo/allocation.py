"""Splitting a total into whole parts that add up exactly. Pure: no Django."""

import random


def split(total: int, weights: list[float]) -> list[int]:
    """Whole numbers proportional to `weights` that sum to `total` (largest remainder)."""
    if total < 0 or not weights or sum(weights) <= 0:
        raise ValueError("split needs a non-negative total and positive weights")
    shares = [total * w / sum(weights) for w in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: shares[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def random_split(total: int, pieces: int, rng: random.Random) -> list[int]:
    """`pieces` whole parts of `total`, of random but not wild sizes."""
    return split(total, [rng.uniform(0.5, 1.5) for _ in range(pieces)])
