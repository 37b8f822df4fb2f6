from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Collaborative programmes, the shared catalogue of changes, and the spread of what works."""

    name = "learning"
    verbose_name = "Learning system"

    def ready(self):
        # Each part registers what it adds to the pages of the apps below (projects.contributions).
        from learning import contributions  # noqa: F401
