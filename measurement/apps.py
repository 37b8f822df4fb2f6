from django.apps import AppConfig


class MeasurementConfig(AppConfig):
    name = "measurement"
    verbose_name = "Measurement for improvement"

    def ready(self):
        from measurement import project_parts
        from projects import contributions

        contributions.add_section(project_parts.SECTION)
        contributions.add_portfolio_column(project_parts.COLUMN)
