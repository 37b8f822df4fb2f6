"""What the summary page shows around its rows: who the measures belong to in words, the
matrix with a link per non-empty cell, the sorting headings, a page of rows with their icons,
and the download links. Every link keeps the other filters."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.urls import reverse

from core.wording import plural
from learning.presenters.results_icons import icons_of
from projects.models import Topic
from reporting.mdc_summary.filters import cell_query, query, sort_of
from reporting.mdc_summary.matrix import Matrix, assurance_words, code_of, variation_words
from reporting.mdc_summary.sorting import headings
from reporting.mdc_summary.types import SummaryRow

ROWS_PER_PAGE = 50


def scope_words(chosen: dict[str, str], names: dict[str, str]) -> str:
    """'Wessex, falls': the scope chosen, in words; 'England' when nothing narrows it."""
    parts = [names[key] for key in ("region", "programme", "organisation") if key in names]
    if "topic" in chosen:
        parts.append(
            Topic(chosen["topic"]).label.lower() if parts else Topic(chosen["topic"]).label
        )
    if "variation" in chosen:
        parts.append(variation_words(code_of(chosen["variation"])).lower())
    if "assurance" in chosen:
        parts.append(assurance_words(code_of(chosen["assurance"])).lower())
    return ", ".join(parts) if parts else "England"


def matrix_table(matrix: Matrix, chosen: dict[str, str]) -> dict:
    base = reverse("dashboards:mdc_summary")
    return {
        "columns": [words for _, words in matrix.columns],
        "rows": [
            {
                "words": row.words,
                "cells": [
                    {
                        "count": cell.count,
                        "href": base + cell_query(chosen, cell.variation, cell.assurance)
                        if cell.count
                        else "",
                        "label": f"{plural(cell.count, 'measure')}: {row.words.lower()}, "
                        f"{assurance_words(cell.assurance).lower()}",
                    }
                    for cell in row.cells
                ],
                "total": row.total,
            }
            for row in matrix.rows
        ],
        "column_totals": matrix.column_totals,
        "total": matrix.total,
    }


def table_headings(chosen: dict[str, str]) -> list[dict]:
    base = reverse("dashboards:mdc_summary")
    return [
        {
            "label": heading.label,
            "href": base + query(chosen, sort=heading.sort, page="") + "#measures",
            "aria_sort": heading.aria_sort,
            "action": heading.action,
            "numeric": heading.numeric,
        }
        for heading in headings(sort_of(chosen))
    ]


def page_of(rows: list[SummaryRow], number) -> Page:
    return Paginator(rows, ROWS_PER_PAGE).get_page(number)


def shown_rows(rows) -> list[dict]:
    """Each row with its icons (decorative: the words beside them say the same)."""
    shown = []
    for row in rows:
        icons = icons_of(row.variation, row.assurance, row.improvement)
        svgs = {icon["key"]: icon["svg"] for icon in icons}
        shown.append(
            {
                "row": row,
                "variation_svg": svgs.get("Variation"),
                "assurance_svg": svgs.get("Assurance"),
            }
        )
    return shown


def download_links(chosen: dict[str, str]) -> list[dict]:
    return [
        {
            "text": text,
            "href": reverse("dashboards:mdc_summary_download", kwargs={"file_format": file_format})
            + query(chosen, page=""),
        }
        for file_format, text in (("csv", "CSV"), ("xlsx", "Excel (XLSX)"))
    ]
