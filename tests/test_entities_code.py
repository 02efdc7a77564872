"""Program code in an article is not searched for names (reader/entities/code.py)."""

from __future__ import annotations

import pytest

from reader.entities.code import is_code, mask_code


@pytest.mark.parametrize(
    "line",
    [
        'console.log("Fetch failed!", e);',
        "SELECT full_text FROM standard WHERE type = 'disclaimer';",
        "if (res.ok) {",
        "w = get_next_work()",
        "return this.name + target;",
    ],
)
def test_lines_of_code(line):
    assert is_code(line)


@pytest.mark.parametrize(
    "line",
    [
        "Barack Obama (D) said on Tuesday that the talks (in Geneva) were useful.",
        "[ PC World ]",
        "GDP (PPP)",
        "@testflight_app: Don't worry guys, we process apps in proportion to earnings.",
        "The price is $70/year, or $7/month; that is what Apple said.",
    ],
)
def test_prose_is_not_code(line):
    assert not is_code(line)


def test_masking_keeps_offsets_and_prose():
    text = "Google said so.\nvar x = new Request(req);\nReuters reported it."
    masked = mask_code(text)
    assert len(masked) == len(text)
    assert masked.split("\n")[0] == "Google said so."
    assert masked.split("\n")[1].strip() == ""
    assert masked.split("\n")[2] == "Reuters reported it."
