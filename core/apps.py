from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared plumbing"

    def ready(self):
        from core import (
            lookups,  # noqa: F401  (registers `field__any`)
            request_id,  # connects the Celery signals carrying it into tasks
        )

        request_id.install_log_record_factory()
