"""Lines of program code in an article are not prose, and names found in them are noise
("SELECT" as a place, "TypeError" as an organisation, one wrong hit then repeated at every
occurrence). Before tagging, code-like lines are blanked out (same length, so offsets hold).

A line is code when it has two or more marks of code (a statement ending in ";", braces,
"=>", "==", "&&", a call "name(...)", a keyword such as "def" or "return" at its start), a
SQL statement in capitals, or when symbols such as "{};=<>_$" make up a fifth of it.
"""

from __future__ import annotations

import re

_MARKS = (
    re.compile(r";[ \t]*$"),
    re.compile(r"[{}]"),
    re.compile(r"=>|->|==|!=|&&|\|\||::|\+=|</|/>"),
    re.compile(r"(?<![\w.])[A-Za-z_][\w.]*\([^()\n]{0,60}\)"),
    re.compile(
        r"^[ \t]*(?:def|class|import|from|return|function|var|let|const|if|for|while|"
        r"public|private|static|void|int|#include|#define)\b"
    ),
    re.compile(r"(?<![@\w])[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z]\w*\("),  # snake_case, camelCase(
    re.compile(r"(?<![\w-])[a-z]\w*\s=\s"),  # "x = 1"
)
_SQL = re.compile(
    r"^[ \t]*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b.*\b(?:FROM|INTO|SET|TABLE|WHERE)\b"
)
_SYMBOLS = frozenset("{};=<>_$\\|&*")


#: What every line of code has one of; most prose lines have none (a quick first test).
_ANY_MARK = re.compile(
    r"[{};=<>$\\|&*]|\w\(|[a-z]_[a-z]|^[ \t]*(?:def|class|import|from|return|function|var|"
    r"let|const|if|for|while|public|private|static|void|int|#include|#define|SELECT|INSERT|"
    r"UPDATE|DELETE|CREATE|ALTER|DROP)\b"
)


def is_code(line: str) -> bool:
    """True when ``line`` reads as a line of code rather than prose."""
    stripped = line.strip()
    if len(stripped) < 4 or not _ANY_MARK.search(line):
        return False
    if _SQL.match(stripped):
        return True
    if sum(bool(m.search(line)) for m in _MARKS) >= 2:
        return True
    chars = [c for c in stripped if not c.isspace()]
    return len(chars) >= 10 and sum(c in _SYMBOLS for c in chars) >= 0.2 * len(chars)


def mask_code(text: str) -> str:
    """``text`` with its code-like lines replaced by spaces (same length, same offsets)."""
    if not any(c in text for c in "{};=()"):
        return text
    lines = text.split("\n")
    masked = [" " * len(line) if is_code(line) else line for line in lines]
    return "\n".join(masked) if masked != lines else text
