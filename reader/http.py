"""Polite, defensive HTTP fetching for feeds and article pages (httpx).

``fetch`` (sync) and ``afetch`` (async) never raise for network or protocol problems: they
return a FetchResult whose ``error`` is a one-line reason. They:

- accept only http and https URLs; a redirect to any other scheme is an error;
- follow at most MAX_REDIRECTS redirects by hand, so permanent ones (301/308) are recorded
  and loops are caught;
- decompress gzip/deflate themselves with a bounded output per step, so the size cap applies
  to the decompressed bytes (a gzip bomb ends in an error, not in a full memory);
- give each request a total deadline (a server trickling bytes forever is cut off);
- send conditional-request headers when given validators.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import httpx

from reader import __version__

USER_AGENT = f"reader/{__version__} (+terminal news reader)"
MAX_REDIRECTS = 5
ACCEPT_ENCODING = "gzip, deflate"
FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9,"
    " application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
)
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchResult:
    """What one fetch returned. ``status`` is 0 when no HTTP response was received."""

    url: str  # the URL asked for
    status: int = 0
    final_url: str = ""  # the URL that answered (after redirects)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    content: bytes = b""  # decompressed body (empty on error)
    permanent_redirect: str | None = None  # where 301/308 chain from ``url`` ended
    error: str | None = None  # one line; None when the fetch succeeded (2xx or 304)
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.error is None

    @property
    def charset(self) -> str | None:
        """The charset the server declared in Content-Type, if any."""
        return charset_of(self.headers.get("content-type", ""))

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag") or None

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified") or None

    def retry_after(self, now: datetime | None = None) -> datetime | None:
        """When the server asked us to come back (Retry-After), as a UTC datetime."""
        return parse_retry_after(self.headers.get("retry-after"), now)


def charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset":
            value = value.strip().strip("\"'").strip()
            return value or None
    return None


def parse_retry_after(value: str | None, now: datetime | None = None) -> datetime | None:
    """Retry-After as seconds or an HTTP date -> UTC datetime (None if absent or invalid).

    Capped at 7 days so a silly value cannot silence a feed forever.
    """
    if not value:
        return None
    now = now or datetime.now(UTC)
    value = value.strip()
    when: datetime | None
    if value.isdigit():
        when = now + timedelta(seconds=int(value[:9]))
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        when = when.astimezone(UTC)
    return min(when, now + timedelta(days=7))


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text[:limit]


def describe_error(exc: BaseException) -> str:
    """A short, one-line description of a network exception."""
    if isinstance(exc, httpx.ConnectTimeout):
        return "timed out connecting"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        msg = str(exc)
        if "Name or service not known" in msg or "nodename nor servname" in msg:
            return "host not found"
        if "refused" in msg.lower() or "All connection attempts failed" in msg:
            return "connection refused"
        return _one_line(f"cannot connect: {msg}" if msg else "cannot connect")
    if isinstance(exc, httpx.RemoteProtocolError):
        return _one_line(f"bad HTTP response: {exc}" if str(exc) else "bad HTTP response")
    if isinstance(exc, httpx.HTTPError):
        return _one_line(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    return _one_line(f"{type(exc).__name__}: {exc}")


class TooLarge(Exception):
    pass


class _Decoder:
    """Decompresses a Content-Encoding chain with a bound on the output of every step."""

    def __init__(self, encodings: list[str], max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.total = 0
        self.steps: list[_Step] = [_Step(e) for e in reversed(encodings)]
        self.parts: list[bytes] = []

    def feed(self, data: bytes) -> None:
        chunks = [data]
        for step in self.steps:
            chunks = [out for c in chunks for out in step.decode(c, self.max_bytes - self.total)]
        for c in chunks:
            self._add(c)

    def finish(self) -> bytes:
        chunks: list[bytes] = []
        for i, step in enumerate(self.steps):
            # Flush this step, then push its tail through the following steps.
            tail = step.flush()
            for later in self.steps[i + 1 :]:
                tail = [o for c in tail for o in later.decode(c, self.max_bytes - self.total)]
            chunks.extend(tail)
        for c in chunks:
            self._add(c)
        return b"".join(self.parts)

    def _add(self, data: bytes) -> None:
        if not data:
            return
        self.total += len(data)
        if self.total > self.max_bytes:
            raise TooLarge
        self.parts.append(data)


class _Step:
    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        if encoding in ("gzip", "x-gzip"):
            self.obj = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.obj = None  # decided on the first bytes: zlib-wrapped or raw
        else:
            raise ValueError(encoding)
        self.pending = b""

    def decode(self, data: bytes, room: int) -> Iterable[bytes]:
        if self.obj is None:
            self.pending += data
            if len(self.pending) < 2:
                return []
            data, self.pending = self.pending, b""
            # A zlib header's first byte has compression method 8 and a valid check sum.
            zlib_wrapped = (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0
            self.obj = zlib.decompressobj(zlib.MAX_WBITS if zlib_wrapped else -zlib.MAX_WBITS)
        out = []
        # Never ask zlib for more than one byte beyond the room left: a bomb stops here.
        limit = max(room, 0) + 1
        while data:
            chunk = self.obj.decompress(data, min(limit, _CHUNK * 16))
            if chunk:
                out.append(chunk)
                limit -= len(chunk)
                if limit <= 0:
                    raise TooLarge
            data = self.obj.unconsumed_tail
            if self.obj.eof:
                break  # trailing garbage after the stream: ignore, as browsers do
            if not chunk and data:
                break
        return out

    def flush(self) -> list[bytes]:
        if self.obj is None:
            if not self.pending:
                return []
            out = list(self.decode(b"", 1 << 30))
            return out
        try:
            tail = self.obj.flush()
        except zlib.error:
            return []
        return [tail] if tail else []


def _encodings(headers: httpx.Headers) -> list[str] | str:
    """Content-Encoding as a list of steps, or an error string for unsupported ones."""
    value = headers.get("content-encoding", "")
    steps = [e.strip().lower() for e in value.split(",") if e.strip()]
    steps = [e for e in steps if e != "identity"]
    for e in steps:
        if e not in ("gzip", "x-gzip", "deflate"):
            return f"unsupported Content-Encoding {e!r}"
    return steps


def _fmt_size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n} bytes"


def _request_headers(
    etag: str | None, last_modified: str | None, accept: str | None
) -> dict[str, str]:
    headers = {"Accept-Encoding": ACCEPT_ENCODING}
    if accept:
        headers["Accept"] = accept
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _check_url(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return "not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme or '(none)'!r} (only http and https)"
    if not parts.hostname:
        return "URL has no host"
    return None


class _Hop:
    """Book-keeping for the redirect chain shared by the sync and async versions."""

    def __init__(self, url: str) -> None:
        self.start = url
        self.url = url
        self.seen = {url}
        self.permanent: str | None = None
        self.all_permanent = True
        self.count = 0

    def next(self, status: int, location: str | None) -> str | None:
        """Move to the redirect target; return an error string or None."""
        if not location:
            return f"HTTP {status} redirect without a Location"
        target = urljoin(self.url, location.strip())
        problem = _check_url(target)
        if problem:
            return f"redirected to a non-http URL ({_one_line(target, 80)})"
        self.count += 1
        if target in self.seen:
            return "redirect loop"
        if self.count > MAX_REDIRECTS:
            return f"too many redirects (more than {MAX_REDIRECTS})"
        self.seen.add(target)
        if status in _PERMANENT and self.all_permanent:
            self.permanent = target
        else:
            self.all_permanent = False
        self.url = target
        return None


#: What ``_Attempt.answer`` returns when the response's body is to be read.
_READ_BODY = object()


class _Attempt:
    """One fetch across its redirect hops: the state and the decisions that the sync and the
    async loops share (they differ only in how they send and read)."""

    def __init__(
        self,
        url: str,
        timeout: float,
        etag: str | None,
        last_modified: str | None,
        accept: str | None,
        started: float,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.started = started
        self.deadline = started + timeout
        self.hop = _Hop(url)
        self.headers = _request_headers(etag, last_modified, accept)

    def done(self, **kw) -> FetchResult:
        return FetchResult(
            self.url,
            final_url=self.hop.url,
            permanent_redirect=self.hop.permanent,
            elapsed=time.monotonic() - self.started,
            **kw,
        )

    def request(self, client: httpx.Client | httpx.AsyncClient) -> httpx.Request | FetchResult:
        """The next hop's request, or the timed-out result once the deadline has passed."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return self.done(error=f"timed out (no complete answer in {self.timeout:g} s)")
        return client.build_request(
            "GET", self.hop.url, headers=self.headers, timeout=_timeout(remaining, self.timeout)
        )

    def answer(self, response: httpx.Response) -> FetchResult | object | None:
        """From a response's head: None to follow a redirect, a result to stop with, or
        _READ_BODY when the body is to be read (then ``finish``)."""
        status = response.status_code
        if status in _REDIRECTS:
            err = self.hop.next(status, response.headers.get("location"))
            return self.done(status=status, error=err) if err else None
        if status == 304 or status >= 400 or status < 200:
            err = None if status == 304 else _http_error(status, response.reason_phrase)
            return self.done(status=status, headers=_headers_dict(response.headers), error=err)
        return _READ_BODY

    def finish(self, response: httpx.Response, body: bytes, err: str | None) -> FetchResult:
        headers = _headers_dict(response.headers)
        return self.done(status=response.status_code, headers=headers, content=body, error=err)


def _timeout(remaining: float, total: float) -> httpx.Timeout:
    r = max(min(remaining, total), 0.05)
    return httpx.Timeout(r, connect=min(r, 10.0), pool=r)


def _headers_dict(headers: httpx.Headers) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in headers.multi_items():
        out[k.lower()] = f"{out[k.lower()]}, {v}" if k.lower() in out else v
    return out


def _http_error(status: int, reason: str) -> str:
    return _one_line(f"HTTP {status} {reason}".strip())


def _client_options(timeout: float, max_connections: int) -> dict:
    """reader's client defaults: its User-Agent, keep-alive, no automatic redirects (fetch
    follows them itself, to check each hop)."""
    return {
        "headers": {"User-Agent": USER_AGENT},
        "follow_redirects": False,
        "timeout": timeout,
        "limits": httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        ),
    }


def make_client(*, timeout: float = 20.0, max_connections: int = 20) -> httpx.Client:
    """A sync client with reader's defaults (see _client_options)."""
    return httpx.Client(**_client_options(timeout, max_connections))


def make_async_client(*, timeout: float = 20.0, max_connections: int = 64) -> httpx.AsyncClient:
    """An async client with reader's defaults (see _client_options)."""
    return httpx.AsyncClient(**_client_options(timeout, max_connections))


def fetch(
    url: str,
    *,
    timeout: float = 20,
    max_bytes: int = 10_000_000,
    etag: str | None = None,
    last_modified: str | None = None,
    client: httpx.Client | None = None,
    accept: str | None = None,
) -> FetchResult:
    """GET ``url`` politely; never raises for network problems (see the module docstring)."""
    own = client is None
    if own:
        client = make_client(timeout=timeout)
    try:
        return _fetch_sync(client, url, timeout, max_bytes, etag, last_modified, accept)
    finally:
        if own:
            client.close()


def _fetch_sync(
    client: httpx.Client,
    url: str,
    timeout: float,
    max_bytes: int,
    etag: str | None,
    last_modified: str | None,
    accept: str | None,
) -> FetchResult:
    problem = _check_url(url)
    if problem:
        return FetchResult(url, error=problem)
    attempt = _Attempt(url, timeout, etag, last_modified, accept, time.monotonic())
    try:
        while True:
            request = attempt.request(client)
            if isinstance(request, FetchResult):
                return request
            response = client.send(request, stream=True)
            try:
                answer = attempt.answer(response)
                if answer is _READ_BODY:
                    body, err = _read_sync(response, max_bytes, attempt.deadline, timeout)
                    return attempt.finish(response, body, err)
                if answer is not None:
                    return answer
            finally:
                response.close()
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
        return attempt.done(error=describe_error(exc))


def _begin(response: httpx.Response, max_bytes: int) -> tuple[_Decoder | None, str | None]:
    encodings = _encodings(response.headers)
    if isinstance(encodings, str):
        return None, encodings
    length = response.headers.get("content-length", "")
    if length.isdigit() and not encodings and int(length) > max_bytes:
        return None, f"too large ({_fmt_size(int(length))}; the limit is {_fmt_size(max_bytes)})"
    return _Decoder(encodings, max_bytes), None


def _too_large(max_bytes: int) -> str:
    return f"too large (more than {_fmt_size(max_bytes)})"


def _read_sync(
    response: httpx.Response, max_bytes: int, deadline: float, timeout: float
) -> tuple[bytes, str | None]:
    decoder, err = _begin(response, max_bytes)
    if decoder is None:
        return b"", err
    try:
        # Unbuffered (no chunk size): a trickling server must not hide the deadline.
        for raw in response.iter_raw():
            decoder.feed(raw)
            if time.monotonic() > deadline:
                return b"", f"timed out (body not complete in {timeout:g} s)"
        return decoder.finish(), None
    except TooLarge:
        return b"", _too_large(max_bytes)
    except zlib.error as exc:
        return b"", _one_line(f"bad compressed data: {exc}")


async def afetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    timeout: float = 20,
    max_bytes: int = 10_000_000,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str | None = None,
    limiter: HostLimiter | None = None,
) -> FetchResult:
    """The async counterpart of ``fetch``; ``limiter`` bounds requests per host.

    The deadline starts once the host's slot is free: waiting for our own per-host limit is
    not the server being slow. (Redirect hops to other hosts share the first host's slot.)
    """
    host = ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        pass
    async with limiter.slot(host) if limiter else _null():
        started = time.monotonic()
        try:
            async with asyncio.timeout(timeout + 1.0):
                return await _fetch_async(
                    client, url, timeout, max_bytes, etag, last_modified, accept, started
                )
        except TimeoutError:
            return _timed_out(url, timeout, started)


def _timed_out(url: str, timeout: float, started: float) -> FetchResult:
    return FetchResult(
        url,
        final_url=url,
        error=f"timed out (no complete answer in {timeout:g} s)",
        elapsed=time.monotonic() - started,
    )


async def _fetch_async(
    client: httpx.AsyncClient,
    url: str,
    timeout: float,
    max_bytes: int,
    etag: str | None,
    last_modified: str | None,
    accept: str | None,
    started: float,
) -> FetchResult:
    problem = _check_url(url)
    if problem:
        return FetchResult(url, error=problem)
    attempt = _Attempt(url, timeout, etag, last_modified, accept, started)
    try:
        while True:
            request = attempt.request(client)
            if isinstance(request, FetchResult):
                return request
            response = await client.send(request, stream=True)
            try:
                answer = attempt.answer(response)
                if answer is _READ_BODY:
                    body, err = await _read_async(response, max_bytes, attempt.deadline, timeout)
                    return attempt.finish(response, body, err)
                if answer is not None:
                    return answer
            finally:
                await response.aclose()
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
        return attempt.done(error=describe_error(exc))


async def _read_async(
    response: httpx.Response, max_bytes: int, deadline: float, timeout: float
) -> tuple[bytes, str | None]:
    decoder, err = _begin(response, max_bytes)
    if decoder is None:
        return b"", err
    try:
        async for raw in response.aiter_raw():
            decoder.feed(raw)
            if time.monotonic() > deadline:
                return b"", f"timed out (body not complete in {timeout:g} s)"
        return decoder.finish(), None
    except TooLarge:
        return b"", _too_large(max_bytes)
    except zlib.error as exc:
        return b"", _one_line(f"bad compressed data: {exc}")


class _null:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None


class HostLimiter:
    """At most ``per_host`` requests in flight to one host (asyncio)."""

    def __init__(self, per_host: int = 4) -> None:
        self.per_host = max(1, per_host)
        self._sems: dict[str, asyncio.Semaphore] = {}

    def slot(self, host: str) -> asyncio.Semaphore:
        sem = self._sems.get(host)
        if sem is None:
            sem = self._sems[host] = asyncio.Semaphore(self.per_host)
        return sem
