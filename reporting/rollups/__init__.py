"""National and regional rollups: pending marks, computation, storage and reading.

See docs/adr/0003-rollups.md for the design.
"""
