"""Bulk ingest through the API beside raw PostgreSQL COPY of the same rows, on the dataset being
measured (`api_ingest_bench.ingest_figures` adds its own project and measures, then removes
them)."""

from __future__ import annotations

from harness import RUNS, Row, Sizes, check, ratio


def ingest(sizes: Sizes) -> list[Row]:
    from api_ingest_bench import ingest_figures

    figures = ingest_figures(rounds=RUNS, rows=sizes.ingest_rows)
    fresh, resent, copy = (
        figures[key] for key in ("fresh_rows_per_s", "resent_rows_per_s", "copy_rows_per_s")
    )
    share = fresh / copy if copy else 0.0
    return [
        Row(
            f"API bulk ingest, rows/s, fresh ({sizes.ingest_rows:,} weekly values, requests of "
            "10,000; validated, permission-checked, with history)",
            f"{fresh:,.0f}",
            f"{copy:,.0f} (COPY)",
            ratio(fresh, copy) + f" ({share:.0%} of COPY)",
            "≥ 30,000 rows/s and ≥ 20% of COPY",
            check(fresh >= 30_000 and share >= 0.20),
        ),
        Row(
            "…the same rows re-sent unchanged (nothing written)",
            f"{resent:,.0f}",
            f"{copy:,.0f} (COPY)",
            ratio(resent, copy),
            "≥ 50,000 rows/s",
            check(resent >= 50_000),
        ),
    ]
