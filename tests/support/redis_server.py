"""A Redis server of the test's own on a free port, which the test may stop (never the machine's
Redis on 6379)."""

from __future__ import annotations

import shutil
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis

from tests.support.postgres import free_port


class OwnRedis:
    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("The test's own Redis did not start")

    def stop(self) -> None:
        if self.process:
            self.process.kill()
            self.process.wait(10)
            self.process = None


@contextmanager
def own_redis():
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    server = OwnRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()
