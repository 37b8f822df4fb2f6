"""Demo projects for `seed_demo`: the programme's published stories plus a generated portfolio."""

from projects.demo.generated import seed_generated_projects
from projects.demo.stories import seed_story_projects

__all__ = ["seed_generated_projects", "seed_story_projects"]
