"""Placeholder: filled in by the reuse part (issue 16)."""

urlpatterns = []
