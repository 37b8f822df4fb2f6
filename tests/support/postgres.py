"""PostgreSQL clusters of a test's own, in a scratch folder on ports of their own: a primary
and, from it, a streaming replica (`pg_basebackup -R`). The machine's own PostgreSQL is never
touched. As root, the clusters run as the `postgres` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL's {name} is needed: CI installs PostgreSQL")
        pytest.skip(f"needs PostgreSQL's server programs ({name})")
    return found[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str], **kwargs) -> None:
    subprocess.run(_as_owner(command), check=True, capture_output=True, text=True, **kwargs)


class Cluster:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder.parent} "
            "-c wal_level=replica -c max_wal_senders=4 -c fsync=off"
        )
        # The server's output goes to a log file: it would hold our pipes open otherwise.
        log = self.folder.parent / f"{self.folder.name}.log"
        command = [_bin("pg_ctl"), "-D", str(self.folder), "-o", options, "-l", str(log), "-w"]
        _run([*command, "-t", "60", "start"])

    def stop(self) -> None:
        subprocess.run(
            _as_owner([_bin("pg_ctl"), "-D", str(self.folder), "-m", "immediate", "stop"]),
            capture_output=True,
        )

    def sql(self, statement: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [_bin("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d",
             database, "-tAc", statement],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return result.stdout.strip()


@contextmanager
def primary_and_replica():
    """(primary, replica), both running, the replica streaming from the primary."""
    scratch = Path(tempfile.mkdtemp(prefix="psc-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(scratch, owner.pw_uid, owner.pw_gid)
    primary = Cluster(scratch / "primary", free_port())
    replica = Cluster(scratch / "replica", free_port())
    started = []
    try:
        _run([_bin("initdb"), "-D", str(primary.folder), "-U", "postgres", "--auth=trust"])
        primary.start()
        started.append(primary)
        _run([_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U",
              "postgres", "-D", str(replica.folder), "-R", "-X", "stream"])  # fmt: skip
        replica.start()
        started.append(replica)
        yield primary, replica
    finally:
        for cluster in reversed(started):
            cluster.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def wait_until(condition, seconds: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.1)
