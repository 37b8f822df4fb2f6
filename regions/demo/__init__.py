"""Demo data for `seed_demo`: organisations, people and regional activity."""

from regions.demo.activity import seed_activity
from regions.demo.people import seed_organisations, seed_people, seed_user

__all__ = ["seed_activity", "seed_organisations", "seed_people", "seed_user"]
