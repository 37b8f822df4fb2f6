"""Placeholder: filled in by the archive part (issue 16)."""

urlpatterns = []
