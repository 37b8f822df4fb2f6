"""An invitation's token: random, sent once in the email's link; only its SHA-256 is stored."""

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """(the token for the link, its digest for the table)."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
