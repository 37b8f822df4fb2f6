"""Celery tasks: one line each over a service. Time limits as in measurement/tasks.py: a
national full rebuild takes seconds, refreshing a night's stale measures first a few minutes."""

from celery import shared_task

from reporting.board_packs import service as board_pack_service
from reporting.rollups import scheduling, service


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def rollup_incremental() -> None:
    scheduling.run_starting()
    if service.rollup_incremental() is service.BUSY:
        scheduling.schedule_incremental_run()


@shared_task(acks_late=True, soft_time_limit=900, time_limit=1200)
def rollup_full() -> None:
    service.rollup_full()


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)  # status.TIME_LIMIT_SECONDS
def report_board_pack(pack_id: int) -> None:
    board_pack_service.board_pack_make(pack_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def report_board_packs_waiting() -> None:
    board_pack_service.board_packs_send_waiting()
