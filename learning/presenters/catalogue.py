"""Display values for the catalogue of changes: its list, an entry's page and its history."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html

from core.wording import long_date, plural
from learning.models import ADOPTING_STATUSES, Adoption, ChangeEntry, ChangeLink, ChangeResource
from projects.history import Change, FieldChange, changes_for
from projects.models import CareSetting, Project

STATUS_TAGS = {"draft": "nhsuk-tag--grey", "published": "nhsuk-tag--green"}


def optional_url(name: str, *args) -> str | None:
    """Another part's page, or None while it does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def status_tag(entry: ChangeEntry) -> dict:
    return {"text": entry.get_status_display(), "classes": STATUS_TAGS[entry.status]}


def with_list_columns(entries: QuerySet[ChangeEntry], projects: QuerySet[Project]):
    """Each entry with the number of (visible) projects testing it and of organisations adopting
    it today, in two subqueries whatever the number of rows."""
    testing = (
        ChangeLink.objects.filter(entry_id=OuterRef("pk"), change_idea__project__in=projects)
        .order_by()
        .values("entry_id")
        .annotate(n=Count("change_idea__project", distinct=True))
        .values("n")
    )
    adopting = (
        Adoption.objects.filter(
            entry_id=OuterRef("pk"),
            status__in=ADOPTING_STATUSES,
            adopted_on__lte=timezone.localdate(),
        )
        .order_by()
        .values("entry_id")
        .annotate(n=Count("organisation", distinct=True))
        .values("n")
    )
    return entries.select_related("owner_programme", "owner_region").annotate(
        project_count=Coalesce(Subquery(testing, output_field=IntegerField()), 0),
        adopting_count=Coalesce(Subquery(adopting, output_field=IntegerField()), 0),
    )


def filtered(entries: QuerySet[ChangeEntry], data: dict) -> QuerySet[ChangeEntry]:
    """The list's filters: topic, care setting (slug) and owner ('region-wessex')."""
    if data.get("topic"):
        entries = entries.filter(topic=data["topic"])
    if data.get("setting"):
        entries = entries.filter(care_settings__slug=data["setting"])
    kind, _, slug = (data.get("owner") or "").partition("-")
    if kind == "region":
        entries = entries.filter(owner_region__slug=slug)
    elif kind == "programme":
        entries = entries.filter(owner_programme__slug=slug)
    return entries.distinct() if data.get("setting") else entries


@dataclass(frozen=True)
class EntryRow:
    name: str
    href: str
    topic: str
    owner: str
    status: dict | None  # shown to those who see drafts
    testing: str
    adopting: str


def entry_row(entry: ChangeEntry, show_status: bool) -> EntryRow:
    return EntryRow(
        name=entry.name,
        href=entry.get_absolute_url(),
        topic=entry.get_topic_display(),
        owner=str(entry.owner),
        status=status_tag(entry) if show_status else None,
        testing=plural(entry.project_count, "project"),
        adopting=plural(entry.adopting_count, "organisation"),
    )


def owner_href(entry: ChangeEntry) -> str | None:
    if entry.owner_programme_id:
        return entry.owner_programme.get_absolute_url()
    return optional_url("regions:detail", entry.owner_region.slug)


def entry_summary_rows(entry: ChangeEntry, settings_names: list[str]) -> list[dict]:
    href = owner_href(entry)
    owner = (
        {"html": format_html('<a href="{}">{}</a>', href, entry.owner)}
        if href
        else {"text": str(entry.owner)}
    )
    rows = [
        ("Topic", {"text": entry.get_topic_display()}),
        ("Care settings", {"text": ", ".join(settings_names) or "Any"}),
        ("Owner", owner),
        ("Status", {"text": entry.get_status_display()}),
    ]
    if entry.published_on:
        rows.append(("Published", {"text": long_date(entry.published_on)}))
    return [{"key": {"text": key}, "value": value} for key, value in rows]


def resource_rows(entry: ChangeEntry) -> list[ChangeResource]:
    return list(entry.resources.all())


def adopting_count(entry: ChangeEntry) -> int:
    """Organisations adopting the entry today (learning.models.ADOPTING_STATUSES)."""
    return (
        Adoption.objects.filter(
            entry=entry, status__in=ADOPTING_STATUSES, adopted_on__lte=timezone.localdate()
        )
        .values("organisation")
        .distinct()
        .count()
    )


def _care_settings_changes(entry: ChangeEntry, changes: list[Change]) -> None:
    """Adds 'Care settings: Acute → Acute, Community' to the entry's changes: simple_history
    keeps each version's settings in a table of its own, read here in one query."""
    records = list(ChangeEntry.history.filter(id=entry.pk).order_by("history_date", "history_id"))
    through = ChangeEntry.history.model._meta.get_field(
        "historicalchangeentry_care_settings"
    ).related_model
    names = dict(CareSetting.objects.values_list("pk", "name"))
    kept: dict[int, set] = {}
    for history_id, setting_id in through._default_manager.filter(
        history__in=[r.history_id for r in records]
    ).values_list("history_id", "caresetting_id"):
        kept.setdefault(history_id, set()).add(names.get(setting_id, f"#{setting_id}"))
    previous: set = set()
    for record, change in zip(records, changes, strict=True):
        now = kept.get(record.history_id, set())
        if now != previous:
            old = ", ".join(sorted(previous)) or "–"
            change.fields.append(FieldChange("Care settings", old, ", ".join(sorted(now)) or "–"))
        previous = now


def entry_changes(entry: ChangeEntry) -> list[Change]:
    """Every recorded change to the entry, its resources and its links, newest first."""
    own = changes_for("Entry", ChangeEntry.history.filter(id=entry.pk))
    _care_settings_changes(entry, own)
    for change in own:
        change.what = "Catalogue entry"
    changes = own + [
        change
        for label, records in [
            ("Resource", ChangeResource.history.filter(entry_id=entry.pk)),
            ("Link", ChangeLink.history.filter(entry_id=entry.pk)),
        ]
        for change in changes_for(label, records)
    ]
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes


def entry_links(entry: ChangeEntry) -> dict:
    """Links to the other parts' pages about this entry, when they exist."""
    return {"spread": optional_url("learning:change_spread", entry.slug)}
