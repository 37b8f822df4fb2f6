"""Writes to measures and their data. Pages, API, CSV import and tasks all call these."""
