"""Errors reach Sentry when SENTRY_DSN is set, and nothing is sent when it is not. "Sentry" here
is a small HTTP server of the test's own that keeps what it is sent."""

import gzip
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import sentry_sdk

ROOT = Path(__file__).resolve().parents[2]

REPORT_AN_ERROR = """
import django, logging, sentry_sdk
django.setup()
try:
    {}["points"]
except KeyError:
    logging.getLogger("measurement.services.refresh").exception("Measure 7 could not be analysed")
sentry_sdk.flush(timeout=10)
"""


class KeepsEnvelopes(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        # The SDK compresses with Brotli when it is installed (WeasyPrint brings it), else gzip.
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "br":
            body = brotli.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_an_error_logged_by_the_service_is_reported_to_sentry_when_a_dsn_is_set():
    server = ThreadingHTTPServer(("127.0.0.1", 0), KeepsEnvelopes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "psc.settings",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42",
        }
        subprocess.run(
            [sys.executable, "-c", REPORT_AN_ERROR],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=60,
            stderr=subprocess.DEVNULL,  # the error's own log line
        )
    finally:
        server.shutdown()
        server.server_close()
    [(path, envelope)] = KeepsEnvelopes.received
    assert path == "/api/42/envelope/"
    assert b"Measure 7 could not be analysed" in envelope
    assert b"KeyError" in envelope  # with its traceback


def test_nothing_is_sent_without_a_dsn():
    assert not os.environ.get("SENTRY_DSN")
    assert not sentry_sdk.get_client().is_active()
