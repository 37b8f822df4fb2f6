"""Writes to projects. Pages, API, commands and tasks all call these; each checks permission."""
