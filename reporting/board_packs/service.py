"""Asking for a board pack, trying again, and the worker's making of it.

A request stores the pack as waiting and sends the task after the commit; if the broker does
not take it the request still succeeds (core.queueing logs it), the beat sends it again a few
minutes later, and the page offers to try again. The worker writes its progress as it goes
(outside any transaction, so the page sees it), then the PDF's bytes, or the error in words.
"""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from core.queueing import enqueue
from core.wording import long_date
from projects.models import Project
from regions.models import Region, User
from reporting import access
from reporting.board_packs import contents, document
from reporting.board_packs.status import TIME_LIMIT_SECONDS, WAITING_SECONDS, may_try_again
from reporting.models import BoardPack

logger = logging.getLogger(__name__)
State = BoardPack.State


def check_may_make_board_pack(by: User, region: Region) -> None:
    if not access.can_make_board_pack(by, region):
        raise PermissionDenied(
            f"Only {region.name}'s regional leads and national users can make and download "
            f"{region.name}'s board packs."
        )


def _send(pack_id: int) -> None:
    from reporting import tasks

    enqueue(tasks.report_board_pack, pack_id)


@transaction.atomic
def board_pack_request(
    *,
    by: User,
    region: Region,
    financial_year: str,
    quarter: int,
    highlighted: list[Project] | tuple = (),
) -> BoardPack:
    """A new pack for `region`'s quarter, waiting for a worker."""
    check_may_make_board_pack(by, region)
    if len(highlighted) > contents.MOST_HIGHLIGHTED:
        raise ValueError(f"A pack highlights at most {contents.MOST_HIGHLIGHTED} projects.")
    pack = BoardPack.objects.create(
        region=region, financial_year=financial_year, quarter=quarter, requested_by=by
    )
    pack.highlighted_projects.set(highlighted)
    transaction.on_commit(lambda: _send(pack.pk))
    return pack


@transaction.atomic
def board_pack_try_again(*, by: User, pack: BoardPack) -> BoardPack:
    """A failed pack (or one stuck, or never sent) made again from the start."""
    check_may_make_board_pack(by, pack.region)
    if not may_try_again(pack, timezone.now()):
        raise ValueError("Only a pack that failed or never started can be tried again.")
    BoardPack.objects.filter(pk=pack.pk).update(
        state=State.QUEUED,
        progress=0,
        step="",
        error="",
        started_at=None,
        finished_at=None,
        requested_at=timezone.now(),
    )
    transaction.on_commit(lambda: _send(pack.pk))
    pack.refresh_from_db()
    return pack


def board_packs_send_waiting(now=None) -> int:
    """Sends again the packs still waiting a while after they were asked for (their message
    lost while the broker was down), up to a day old; the beat runs this every few minutes."""
    now = now or timezone.now()
    waiting = BoardPack.objects.filter(
        state=State.QUEUED,
        requested_at__lt=now - timedelta(seconds=WAITING_SECONDS),
        requested_at__gte=now - timedelta(days=1),
    )
    ids = list(waiting.values_list("id", flat=True))
    for pack_id in ids:
        _send(pack_id)
    return len(ids)


def _write(pack_id: int, **fields) -> None:
    BoardPack.objects.filter(pk=pack_id).update(**fields)


def _fail(pack_id: int, words: str) -> None:
    _write(pack_id, state=State.FAILED, error=words, finished_at=timezone.now())


def board_pack_make(pack_id: int) -> None:
    """The worker's part: gathers the contents, draws the PDF and keeps it. A pack already made
    (a message delivered twice) is left as it is."""
    pack = BoardPack.objects.select_related("region", "requested_by").filter(pk=pack_id).first()
    if pack is None or pack.state == State.DONE:
        return
    _write(pack_id, state=State.RUNNING, started_at=timezone.now(), progress=5, step="Starting")
    try:
        _make(pack)
    except PermissionDenied as refused:
        _fail(pack_id, str(refused))
    except SoftTimeLimitExceeded:
        minutes = TIME_LIMIT_SECONDS // 60
        _fail(pack_id, f"It took longer than the {minutes} minutes a pack may take.")
    except Exception as error:  # the page must say it failed, whatever went wrong
        logger.exception("Board pack %s failed", pack_id)
        _fail(pack_id, f"Something went wrong while making it ({type(error).__name__}).")


def _make(pack: BoardPack) -> None:
    by = pack.requested_by
    if by is None:
        raise PermissionDenied("The person who asked for it no longer has an account.")
    check_may_make_board_pack(by, pack.region)
    gathered = contents.gather(
        user=by,
        region=pack.region,
        year=pack.financial_year,
        quarter=pack.quarter,
        chosen_ids=list(pack.highlighted_projects.values_list("id", flat=True)),
        step=lambda progress, words: _write(pack.pk, progress=progress, step=words),
    )
    _write(pack.pk, progress=85, step="Drawing the PDF")
    data = document.pdf(gathered, made_on=long_date(timezone.localdate()))
    _write(
        pack.pk,
        state=State.DONE,
        progress=100,
        step="Ready",
        pdf=data,
        finished_at=timezone.now(),
    )
