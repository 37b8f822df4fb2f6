"""Forms for the catalogue of changes. Errors name what to fix; the services re-check everything,
who may included."""

from django import forms

from learning import access
from learning.models import ChangeEntry, EntryStatus, Programme
from projects.models import CareSetting, Topic
from regions.models import Region, User
from regions.roles import is_national_admin, led_region_ids

ANY = [("", "Any")]


def owner_choices(user: User) -> list[tuple[str, str]]:
    """The programmes and regions `user` may make an entry's owner: 'region-3', 'programme-7'."""
    if is_national_admin(user):
        regions = Region.objects.all()
        programmes = Programme.objects.all()
    else:
        regions = Region.objects.filter(pk__in=led_region_ids(user))
        programmes = access.programmes_editable_by(user)
    return [(f"region-{r.pk}", r.name) for r in regions.order_by("name")] + [
        (f"programme-{p.pk}", f"{p.name} (programme)") for p in programmes.order_by("name")
    ]


def owner_value(entry: ChangeEntry) -> str:
    if entry.owner_programme_id:
        return f"programme-{entry.owner_programme_id}"
    return f"region-{entry.owner_region_id}"


def owner_from(value: str) -> dict:
    """'programme-7' -> {"owner_programme": <Programme 7>, "owner_region": None}."""
    kind, _, pk = value.partition("-")
    if kind == "programme":
        return {"owner_programme": Programme.objects.get(pk=pk), "owner_region": None}
    return {"owner_programme": None, "owner_region": Region.objects.get(pk=pk)}


class OwnerField(forms.ChoiceField):
    def __init__(self, user: User, **kwargs):
        super().__init__(
            label="Owner",
            choices=owner_choices(user),
            help_text="The programme or region that keeps this entry up to date.",
            error_messages={"required": "Select the programme or region that owns it"},
            **kwargs,
        )


class ChangeEntryForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the change's name"})
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the change is, and how a team makes it.",
        error_messages={"required": "Describe the change"},
    )
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows it works, and where.",
    )
    topic = forms.ChoiceField(
        choices=[("", "Choose a topic"), *Topic.choices],
        error_messages={"required": "Select the change's topic"},
    )
    care_settings = forms.ModelMultipleChoiceField(
        queryset=CareSetting.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Care settings",
    )
    status = forms.ChoiceField(
        choices=EntryStatus.choices,
        widget=forms.RadioSelect,
        initial=EntryStatus.DRAFT,
        help_text="Drafts are seen only by those who may edit them.",
    )

    def __init__(self, *args, user: User, entry: ChangeEntry | None = None, **kwargs):
        if entry is not None:
            kwargs.setdefault("initial", {}).update(
                name=entry.name,
                description=entry.description,
                evidence=entry.evidence,
                topic=entry.topic,
                care_settings=list(entry.care_settings.all()),
                status=entry.status,
                owner=owner_value(entry),
            )
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerField(user)
        if entry is not None and owner_value(entry) not in dict(self.fields["owner"].choices):
            # A lead of the owning programme may edit without leading its region (or vice
            # versa): the current owner stays a choice.
            self.fields["owner"].choices = [
                (owner_value(entry), str(entry.owner)),
                *self.fields["owner"].choices,
            ]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.update(owner_from(data.pop("owner")))
        return data


class ResourceForm(forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter the resource's title"}
    )
    url = forms.URLField(
        label="Link",
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": "Enter the link to the resource",
            "invalid": "Enter the link as a web address, like https://example.org/guide",
        },
    )


class ChangeFilterForm(forms.Form):
    q = forms.CharField(label="Search the catalogue", required=False)
    topic = forms.ChoiceField(choices=ANY + list(Topic.choices), required=False)
    setting = forms.ChoiceField(label="Care setting", required=False)
    owner = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["setting"].choices = ANY + [
            (s.slug, s.name) for s in CareSetting.objects.order_by("name")
        ]
        self.fields["owner"].choices = (
            ANY
            + [
                (f"region-{r.slug}", r.name)
                for r in Region.objects.filter(owned_changes__isnull=False)
                .distinct()
                .order_by("name")
            ]
            + [
                (f"programme-{p.slug}", p.name)
                for p in Programme.objects.filter(owned_changes__isnull=False)
                .distinct()
                .order_by("name")
            ]
        )


class WhereElseFilterForm(forms.Form):
    region = forms.ChoiceField(required=False)
    setting = forms.ChoiceField(label="Care setting", required=False)
    outcome = forms.ChoiceField(
        required=False,
        choices=ANY
        + [
            ("improving", "Improving"),
            ("concerning", "Concerning"),
            ("no_signal", "No signal yet"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = ANY + [
            (r.slug, r.name) for r in Region.objects.order_by("name")
        ]
        self.fields["setting"].choices = ANY + [
            (s.slug, s.name) for s in CareSetting.objects.order_by("name")
        ]


class LinkForm(forms.Form):
    entry = forms.ChoiceField(
        label="The catalogue entry this change idea tests",
        widget=forms.RadioSelect,
        help_text="Most alike first.",
        error_messages={"required": "Select the entry this change idea tests"},
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = {entry.slug: entry for entry in entries}
        self.fields["entry"].choices = [(e.slug, e.name) for e in entries]

    def clean_entry(self):
        return self.entries[self.cleaned_data["entry"]]


class PromoteForm(forms.Form):
    name = forms.CharField(
        label="Name of the new entry",
        max_length=200,
        error_messages={"required": "Enter the new entry's name"},
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Describe the change"},
    )
    status = forms.ChoiceField(
        choices=EntryStatus.choices, widget=forms.RadioSelect, initial=EntryStatus.DRAFT
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerField(user)

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.update(owner_from(data.pop("owner")))
        return data


class PackageAddForm(forms.Form):
    entry = forms.ChoiceField(
        label="Add a change from the catalogue",
        error_messages={"required": "Select the change to add"},
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = {entry.slug: entry for entry in entries}
        self.fields["entry"].choices = [("", "Choose a change")] + [
            (e.slug, e.name) for e in entries
        ]

    def clean_entry(self):
        return self.entries[self.cleaned_data["entry"]]
