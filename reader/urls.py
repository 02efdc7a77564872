"""URL helpers: normalised keys so one feed is not subscribed twice."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """A key equal for different spellings of the same URL.

    Ignores the scheme (http/https), case of the host, a leading ``www.``, default ports,
    the fragment, a trailing slash and the order of query parameters.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port and parts.port != _DEFAULT_PORTS.get(parts.scheme) else None
    netloc = f"{host}:{port}" if port else host
    path = parts.path.rstrip("/") or ""
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit(("", netloc, path, query, "")).lstrip("/")


def is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
