"""The form asking for a board pack: which quarter, and which of the region's projects to give
a page each (none: the pack chooses those with news)."""

from datetime import date

from django import forms

from core.fiscal import QUARTERS, quarter_of, quarters_between, year_named
from reporting.board_packs.contents import MOST_HIGHLIGHTED
from reporting.presenters import period_label


def quarter_choices(stored_years: list[str], today: date) -> list[tuple[str, str]]:
    """Every quarter from the first year with figures to today's, newest first, as
    ('2016-17:3', 'Q3 2016/17 (October to December 2016)')."""
    now = quarter_of(today)
    first = (min(stored_years), QUARTERS[0]) if stored_years else (now[0], QUARTERS[0])
    quarters = list(quarters_between(min(first, now), now))
    return [(f"{year}:{q}", period_label(year, q)) for year, q in reversed(quarters)]


def latest_ended(today: date) -> str:
    year, quarter = quarter_of(today)
    if quarter == QUARTERS[0]:
        return f"{year_named(int(year[:4]) - 1)}:4"
    return f"{year}:{quarter - 1}"


class BoardPackForm(forms.Form):
    period = forms.ChoiceField(label="Quarter")
    projects = forms.ModelMultipleChoiceField(
        label="Projects to highlight (optional)",
        help_text=(
            f"Each gets a page: its aim and its measures' charts in words. Choose up to "
            f"{MOST_HIGHLIGHTED}. With none chosen, the pack highlights the projects with new "
            f"signals or stories published in the quarter (at most {MOST_HIGHLIGHTED})."
        ),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, periods, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = periods
        self.fields["projects"].queryset = projects

    def clean_projects(self):
        chosen = self.cleaned_data["projects"]
        if len(chosen) > MOST_HIGHLIGHTED:
            raise forms.ValidationError(
                f"Choose up to {MOST_HIGHLIGHTED} projects to highlight (you chose {len(chosen)})."
            )
        return chosen

    def year_and_quarter(self) -> tuple[str, int]:
        year, quarter = self.cleaned_data["period"].split(":")
        return year, int(quarter)
