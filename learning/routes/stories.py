"""Placeholder: filled in by the stories part (issue 16)."""

urlpatterns = []
