"""What the serving plugins ask of an ASGI request: its headers, and whether its cookies could change a page."""
from __future__ import annotations

# Cookies that cannot change a GET page of an immutable site: Datasette's CSRF token is written into forms
# that post (signing out, writable canned queries), which such a site shows no anonymous visitor.
NEUTRAL_COOKIES = frozenset({"ds_csrftoken"})


def header(scope, name: bytes) -> bytes | None:
    """The first value of a request header (name in lower case), or None."""
    for k, v in scope.get("headers", []):
        if k.lower() == name:
            return v
    return None


def neutral_cookies(scope) -> bool:
    """Does the request carry no cookie but those that cannot change a page?"""
    cookie = header(scope, b"cookie")
    if not cookie:
        return True
    names = {part.split("=", 1)[0].strip() for part in cookie.decode("latin-1").split(";") if part.strip()}
    return not names - NEUTRAL_COOKIES
