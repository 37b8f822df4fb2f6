"""A project's printable report: one PDF of its aim, team, driver diagram, measures with their
charts and impacts, PDSA ramps and learning (GET /projects/{id}/report.pdf)."""
