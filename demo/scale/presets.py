"""How big a dataset is: the presets and the overrides the command accepts. Pure: no Django."""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Scale:
    projects: int
    organisations: int
    weeks: int  # weekly values per measure, ending at the dataset's last week
    measures_per_project: int = 3

    @property
    def measures(self) -> int:
        return self.projects * self.measures_per_project


PRESETS = {
    # A CI smoke run: about 90,000 points, seconds on SQLite.
    "small": Scale(projects=300, organisations=150, weeks=104),
    # The national figures: 20,000 projects, 60,000 measures, five years of weeks.
    "national": Scale(projects=20_000, organisations=2_500, weeks=260),
}


def resolve(
    preset: str,
    *,
    projects: int | None = None,
    organisations: int | None = None,
    weeks: int | None = None,
    measures_per_project: int | None = None,
) -> Scale:
    """The preset with any overrides; fewer projects than the preset bring proportionally
    fewer organisations (at least one per region) unless organisations are given too."""
    scale = PRESETS[preset]
    if projects is not None and organisations is None:
        organisations = max(15, round(scale.organisations * projects / scale.projects))
    return replace(
        scale,
        projects=projects if projects is not None else scale.projects,
        organisations=organisations if organisations is not None else scale.organisations,
        weeks=weeks if weeks is not None else scale.weeks,
        measures_per_project=measures_per_project or scale.measures_per_project,
    )
