"""A national-scale synthetic dataset for benchmarks: `python manage.py generate_scale_data`.

The row generators (`people`, `portfolio`, `diagrams`, `activity`, `plans`, `series`,
`readings`, `points`) are pure: the standard library and numpy, seeded, no Django. `writer`
puts rows in the database (COPY on PostgreSQL, executemany on SQLite) and `build` runs the lot.
"""
