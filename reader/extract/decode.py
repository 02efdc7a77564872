"""Bytes of a web page -> text, deciding the encoding the way browsers mostly do."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers read "latin-1" / "ascii" pages as windows-1252 (WHATWG encoding standard).
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def decode_html(data: bytes | str, encoding: str | None = None) -> str:
    """Text of a page: a BOM wins, then the given (HTTP) charset, then <meta>, then UTF-8."""
    if isinstance(data, str):
        return data
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff")
    chosen = _codec(encoding)
    if chosen is None:
        match = _META_CHARSET.search(data[:4096])
        if match:
            chosen = _codec(match.group(1).decode("ascii", "replace"))
            # A <meta> that could be read at all was not UTF-16 (HTML standard says: UTF-8).
            if chosen and chosen.startswith("utf-16"):
                chosen = "utf-8"
    if chosen is None or chosen == "utf-8":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            if chosen == "utf-8":
                return data.decode("utf-8", errors="replace")
            return data.decode("cp1252", errors="replace")
    return data.decode(chosen, errors="replace")
