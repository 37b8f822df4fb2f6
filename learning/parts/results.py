"""Placeholder: filled in by the results part (issue 16)."""
