"""Make text from the network safe to show in a terminal.

Removes ANSI/VT escape sequences (CSI, OSC, DCS ...), other C0 and C1 control characters
and bidirectional override/isolate characters. Newlines and tabs survive in multi-line text.
Rich/Textual markup is not interpreted here: the UI renders strings as plain Text.
"""

from __future__ import annotations

import re

# ESC-initiated sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] ... BEL or ST),
# and two-character escapes. Also their 8-bit C1 forms (0x9b CSI, 0x9d OSC ...).
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?            # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)  # OSC DCS SOS PM APC
  | \x1b[ -/]*[0-~]?                             # other escapes
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidi embeddings/overrides/isolates and other invisible format characters that reorder text.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean_text(text: str | None) -> str:
    """Multi-line text with escapes and controls removed (keeps newlines and tabs)."""
    if not text:
        return ""
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    return _BIDI.sub("", text)


def clean_line(text: str | None) -> str:
    """One line (a title, an author): controls removed, whitespace collapsed."""
    if not text:
        return ""
    text = _ESCAPES.sub("", text)
    text = _CONTROLS_ONE_LINE.sub(" ", text)
    text = _BIDI.sub("", text)
    return " ".join(text.split())
