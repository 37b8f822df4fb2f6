"""The learning API: collaborative programmes with their teams, sessions and shared measures,
the catalogue of changes, and adoptions one at a time or in batches (/api/v1/programmes/,
/changes/, /adoptions/, /adoptions/bulk/); a project's learning, reported outcomes, impacts and
story workflow (/api/v1/projects/{id}/learning/, /outcomes/, /impacts/, /story/submit/,
/api/v1/outcomes/{id}/, /api/v1/stories/); and the public archive without a token
(/api/v1/public/stories/)."""
