"""What a batch of adoption rows names, looked up in one query each, and who may record each
row, decided for the whole batch from a few more (learning.adoption_rows checks the rows)."""

from dataclasses import dataclass

from django.db.models import Q

from learning import access
from learning.models import ChangeEntry, PackageItem, Programme
from projects.access import projects_visible_to
from regions.access import organisations_visible_to
from regions.models import Organisation, User
from regions.roles import is_national_admin, led_region_ids
from regions.validators import normalise_ods_code


def text_of(row: dict, name: str) -> str:
    value = row.get(name)
    return "" if value is None else str(value).strip()


def id_of(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None


@dataclass
class Lookups:
    organisations_by_code: dict[str, Organisation]
    organisations_by_id: dict[int, Organisation]
    entries: dict[str, ChangeEntry]
    programmes: dict[str, Programme]
    projects: dict[int, object]

    def organisation(self, text: str) -> Organisation | None:
        found = self.organisations_by_code.get(normalise_ods_code(text))
        if found is None and id_of(text) is not None:
            found = self.organisations_by_id.get(id_of(text))
        return found


def lookups(by: User, rows: list[dict]) -> Lookups:
    names = [text_of(row, "organisation") for row in rows]
    codes = {normalise_ods_code(name) for name in names if name}
    ids = {id_of(name) for name in names} - {None}
    organisations = list(organisations_visible_to(by).filter(Q(ods_code__in=codes) | Q(id__in=ids)))
    entry_slugs = {text_of(row, "change") for row in rows} - {""}
    programme_slugs = {text_of(row, n) for row in rows for n in ("package", "source_programme")}
    project_ids = {id_of(text_of(row, "source_project")) for row in rows} - {None}
    return Lookups(
        organisations_by_code={o.ods_code: o for o in organisations if o.ods_code},
        organisations_by_id={o.pk: o for o in organisations},
        entries={e.slug: e for e in access.changes_visible_to(by).filter(slug__in=entry_slugs)},
        programmes={
            p.slug: p
            for p in access.programmes_visible_to(by).filter(slug__in=programme_slugs - {""})
        },
        projects={p.pk: p for p in projects_visible_to(by).filter(pk__in=project_ids)},
    )


# Who may record each row, decided for the whole batch -------------------------------------


class Recorders:
    """`access.can_record_adoption` for many rows at once: national admins any row; leads of
    the organisation's region; leads of a programme concerned (the package's, the source's,
    one whose package holds the entry, or the entry's owner)."""

    def __init__(self, by: User, entries):
        self.everything = is_national_admin(by)
        self.regions = led_region_ids(by) if by.is_authenticated else set()
        self.programmes = (
            set(Programme.objects.filter(leads=by).values_list("id", flat=True))
            if by.is_authenticated and not self.everything
            else set()
        )
        self.packaged = set()
        if self.programmes:
            self.packaged = set(
                PackageItem.objects.filter(
                    entry__in=list(entries), programme__in=self.programmes
                ).values_list("entry_id", flat=True)
            )

    def may_record(self, values: dict) -> bool:
        if self.everything or values["organisation"].region_id in self.regions:
            return True
        entry, package, source = (
            values.get("entry"),
            values.get("package_of"),
            values.get("source_programme"),
        )
        concerned = {p.pk for p in (package, source) if p is not None}
        if entry is not None:
            concerned.add(entry.owner_programme_id)
            if entry.pk in self.packaged:
                return True
        return bool(concerned & self.programmes)
