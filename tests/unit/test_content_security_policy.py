"""The Content-Security-Policy in settings: strict, and its one allowed inline script is the
one NHS.UK frontend's page template really has."""

import base64
import hashlib
import re
from pathlib import Path

import nhsuk_frontend_jinja
from django.conf import settings

NHSUK_BODY_SCRIPT = (
    "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype"
    " ? ' nhsuk-frontend-supported' : '');"
)
PAGE_TEMPLATE = (
    Path(nhsuk_frontend_jinja.__file__).parent / "templates" / "nhsuk" / "template.jinja"
)


def test_the_hash_allows_the_one_inline_script_of_the_nhs_page_template():
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", PAGE_TEMPLATE.read_text(), flags=re.S)
    assert scripts == [NHSUK_BODY_SCRIPT]  # a new version's script needs its hash in settings
    digest = base64.b64encode(hashlib.sha256(NHSUK_BODY_SCRIPT.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == settings.NHSUK_BODY_SCRIPT_HASH


def test_the_policy_allows_nothing_inline_and_no_eval():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    values = [value for sources in directives.values() for value in sources]
    assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values
    assert directives["script-src"] == ["'self'", settings.NHSUK_BODY_SCRIPT_HASH]
    assert directives["style-src"] == directives["img-src"] == ["'self'"]
    assert directives["object-src"] == directives["frame-ancestors"] == ["'none'"]
