from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "National figures and dashboards"

    def ready(self):
        from reporting.project_reports import section  # noqa: F401 (the project page's link)
        from reporting.rollups import spread_triggers, stories_triggers, triggers

        triggers.connect()
        spread_triggers.connect()
        stories_triggers.connect()
