"""The learning API: collaborative programmes with their teams, sessions and shared measures,
the catalogue of changes, and adoptions one at a time or in batches (/api/v1/programmes/,
/changes/, /adoptions/, /adoptions/bulk/)."""
