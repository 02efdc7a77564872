"""What readability leaves behind on news pages that is not the story.

Two passes. ``drop_element`` works on the article element while it is turned into blocks
(credits, share bars, newsletter boxes ... recognised by class and id, and only when they
are small). ``filter_blocks`` works on the finished lines, by their words: photo credits,
"Read more:" and "Related:" lines, share and newsletter lines, copyright lines, the headline
and the byline repeated in the text, date lines, lines repeated in a gallery.

Captions (``<figcaption>`` and small elements classed "caption", see ``mark_captions``)
become ``caption`` blocks. Their photo credit is cut off ("... in Paris. Photo: X / Getty
Images" -> "... in Paris.") and a caption is kept only when a descriptive sentence remains
(``MIN_CAPTION_WORDS``): a credit alone, "Getty Images" or "Photo: Jane Roe", goes.

Conservative by design: the first real paragraph of the story is never dropped by a text
rule, and class rules never remove an element holding a large part of the text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.models import Block, Link

# -- element rules ------------------------------------------------------------------------

# Class/id words of furniture inside articles. Matched against each class token split on
# "-", "_" and camelCase humps, so "image-caption" and "wp-caption-text" match "caption".
_FURNITURE_WORDS = frozenset(
    """caption captions credit credits byline bylines dateline timestamp share sharing
    social newsletter subscribe subscription signup promo related recommended outbrain
    taboola breadcrumb breadcrumbs tags tagline pagination disclaimer""".split()
)
_CAPTION_WORDS = frozenset(("caption", "captions", "credit", "credits"))
_CAPTION_ONLY = frozenset(("caption", "captions"))
_NEVER_CAPTION = frozenset(("html", "body", "article", "main", "figcaption"))
_SPLIT_CLASS = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
#: An element matched by class words is dropped only when its text is shorter than this.
MAX_FURNITURE_CHARS = 600


# "no-caption", "has-caption", "with-share": the class says what the element has, not is.
_QUALIFIERS = frozenset(("no", "has", "with", "without", "hide", "hidden"))


def _class_words(el) -> set[str]:
    words: set[str] = set()
    for token in f"{el.get('class') or ''} {el.get('id') or ''}".split():
        parts = [w.lower() for w in _SPLIT_CLASS.split(token) if w]
        if parts and parts[0] in _QUALIFIERS:
            continue
        words.update(parts)
    return words


def _is_caption_class(words: set[str]) -> bool:
    found = words & _FURNITURE_WORDS
    return bool(found) and found <= _CAPTION_ONLY


def mark_captions(root) -> None:
    """Retag small elements classed as captions ``<figcaption>``, so their lines become
    ``caption`` blocks that ``filter_blocks`` judges by their words (description or credit)."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _NEVER_CAPTION:
            continue
        if not _is_caption_class(_class_words(el)):
            continue
        if next(el.iterancestors("figcaption"), None) is not None:
            continue  # the text part of a figcaption: stays inline in its line
        if el.xpath(".//h1|.//h2|.//h3|.//h4") or len(el.text_content()) >= MAX_FURNITURE_CHARS:
            continue  # a caption has no section headings and is short: this is the story
        el.tag = "figcaption"


def drop_element(el) -> bool:
    """True for elements whose text is never story text (share bars, credits ...)."""
    tag = el.tag
    if tag in ("html", "body", "article", "main"):
        return False
    words = _class_words(el)
    if not words or not (words & _FURNITURE_WORDS):
        return False
    found = words & _FURNITURE_WORDS
    if found <= _CAPTION_ONLY:
        return False  # captions are kept or dropped by their words, in filter_blocks
    if found <= _CAPTION_WORDS and el.xpath(".//h1|.//h2|.//h3|.//h4"):
        return False  # a credit has no section headings: this is a block of the story
    # Class names lie sometimes ("post-share-content" around the whole story): only small
    # elements go.
    return len(el.text_content()) < MAX_FURNITURE_CHARS


# -- line rules ---------------------------------------------------------------------------

_SOCIAL = frozenset(
    """share shares sharing tweet tweets facebook twitter whatsapp pinterest pint pin
    linkedin reddit email e-mail mail print copy link messenger telegram flipboard tumblr
    vk comments comment comentários like save baixar download this on via x""".split()
)
_CREDIT = re.compile(
    r"""^(?:photo|photos|photograph|picture|image|images|img|foto|fotos|bild|credit|credits|
    image\s+credit|photo\s+credit|source|fonte|quelle|illustration|video)s?\s*(?::|by\b|©)
    | ^image\s+copyright\b | ^©\s*\S | ^\(?copyright\b | ^\(c\)\s""",
    re.I | re.X,
)
_CREDIT_END = re.compile(
    r"""\((?:[^()]*\b(?:photo|image|foto|getty|shutterstock|afp|reuters|epa|ap\s+photo|
    credit|courtesy|file)\b[^()]*)\)\s*$""",
    re.I | re.X,
)
_LEAD_IN = re.compile(
    r"""^[\[(]?\s*(?:read\s+more|read\s+also|also\s+read|read|more|see\s+more|see\s+also|
    related|related\s+articles?|related\s+stories|recommended|also\s+on\s+\S+|watch|
    listen|don'?t\s+miss|must\s+read|trending|on\s+[\w.-]+\.(?:com|net|org|co\.uk)|
    leggi\s+anche(?:\s+su)?|lesen\s+sie\s+auch|mehr\s+zum\s+thema|lire\s+aussi|
    leia\s+tamb[ée]m|veja\s+tamb[ée]m)\s*[:|»>-]""",
    re.I | re.X,
)
# A call to subscribe to a newsletter or e-mail updates (not a story mentioning sign-ups).
_NEWSLETTER = re.compile(
    r"""(?:sign\s+up|subscribe|register|join)\b[^.!?]{0,60}\b(?:newsletters?|inbox|e-?mails?|
    alerts|briefing|bulletin)\b
    | \bnewsletters?\b[^.!?]{0,60}\b(?:sign\s+up|subscribe)\b
    | (?:delivered|straight|sent)\s+(?:straight\s+)?to\s+your\s+inbox
    | ^get\s+(?:the|our)\s+[^.!?]{0,40}newsletter""",
    re.I | re.X,
)
_RIGHTS = re.compile(
    r"""all\s+rights\s+reserved | may\s+not\s+be\s+(?:published|reproduced|redistributed)
    | subject\s+to\s+copyright | ^copyright\b | ^©""",
    re.I | re.X,
)
_FOLLOW = re.compile(
    r"""^(?:follow|like|find)\s+(?:us|him|her|them|@?\w+(?:\s+\w+)?)\s+on\s+
    (?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads|mastodon)""",
    re.I | re.X,
)
_BY = re.compile(r"^(?:by|von|par|por|di)\s+\S", re.I)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTHS})\b\.?|\b\d{{1,2}}:\d{{2}}\b|\b(?:19|20)\d{{2}}\b|\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b",
    re.I,
)
_DATE_LINE = re.compile(
    r"""^(?:updated|published|posted|last\s+updated|modified|created|date|on)?\s*:?\s*""",
    re.I,
)
_WORD = re.compile(r"\w+", re.UNICODE)
# A heading over a list of other stories ("More Great WIRED Stories", "Related coverage").
_MORE_HEADING = re.compile(
    r"""^(?:(?:more|related|recommended|popular|latest|top|other)\b.*\b(?:stories|articles|news|
    reads|coverage|posts|videos|links|headlines)
    | related | related\s+content | recommended | read\s+more | read\s+next
    | you\s+may\s+also\s+like | you\s+might\s+also\s+like | most\s+(?:popular|read|viewed)
    | trending | further\s+reading | what\s+to\s+read\s+next)\W*$""",
    re.I | re.X,
)

#: A line repeated this often is a gallery caption or a promo (twice can be the story's own).
MIN_REPEATS = 3
_KEEP_REPEATED = frozenset(("heading", "pre"))
#: Text rules apply to lines up to this long (captions and promos are short).
MAX_RULE_CHARS = 300


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _is_share_line(text: str) -> bool:
    words = _words(text)
    if not words or len(words) > 8:
        return False
    return sum(w in _SOCIAL for w in words) / len(words) >= 0.6


def _is_date_line(text: str) -> bool:
    """A short line that is only a date or time ("Updated 5:27 am CST, Nov. 20, 2019")."""
    if len(text) > 90:
        return False
    words = _words(text)
    dates = _DATE_WORDS.findall(text)
    if len(dates) < 2 and not (dates and len(words) <= 4):
        return False
    rest = _DATE_WORDS.sub(" ", _DATE_LINE.sub("", text))
    others = [w for w in _words(rest) if not w.isdigit()]
    return len(others) <= 6


def _is_byline(text: str, byline: str | None) -> bool:
    if len(text) > 120:
        return False
    if byline:
        names = [n.strip().lower() for n in re.split(r",| and ", byline) if n.strip()]
        low = text.lower()
        if names and all(n in low for n in names) and len(text) < len(byline) + 60:
            return True
    return bool(_BY.match(text)) and len(text.split()) <= 12 and not text.endswith(".")


def _line_reason(block: Block, *, near_top: bool, byline: str | None) -> str | None:
    """Why a line is furniture, or None."""
    text = block.text
    if block.kind == "pre" or len(text) > MAX_RULE_CHARS:
        return None
    if _CREDIT.match(text) or _CREDIT_END.search(text):
        return "credit"
    if _LEAD_IN.match(text):
        return "read-more"
    if _is_share_line(text):
        return "share"
    if _FOLLOW.match(text):
        return "follow"
    if _RIGHTS.search(text):
        return "copyright"
    if _NEWSLETTER.search(text) and len(text) < 250:
        return "newsletter"
    if near_top and _is_byline(text, byline):
        return "byline"
    if near_top and _is_date_line(text):
        return "date"
    return None


# -- captions ------------------------------------------------------------------------------

# Photo agencies and picture libraries: a caption segment naming one is a credit.
_AGENCIES = r"""getty(?:\s+images)?|reuters|afp|ap|epa(?:-efe)?|shutterstock|alamy|istock(?:photo)?|
    pa(?:\s+(?:wire|media|images))?|associated\s+press|press\s+association|xinhua|bloomberg|
    anadolu(?:\s+agency)?|sipa|dpa|efe|ansa|corbis|rex|rex\s+features|zuma(?:\s+press)?|
    nurphoto|sopa\s+images|tass|imago|picture\s+alliance|unsplash|pexels|wikimedia(?:\s+commons)?|
    flickr|pool|file|handout"""
# Where a credit starts inside a caption: "Photo: ...", "Photograph by ...", "Credit ...",
# "Image copyright ...", "© ...", "Courtesy of ...", to the end of the caption.
_CREDIT_TAIL = re.compile(
    r"""(?:^|(?<=[\s.!?|/–—-]))\s*(?:
        (?:photo|photograph|picture|image|img|foto|illustration|graphic|video|credit)s?
            (?:\s+(?:credit|copyright))?\s*(?::|by\b|©|\|)
        | (?:image|photo|picture)\s+(?:copyright|credit|courtesy)\b | credits?\s*: | ©
        | \(c\)\s | copyright\s*(?:©|\(c\)|\d{4}|:)
    ).*$""",
    re.I | re.X | re.S,
)
# A trailing parenthesis or segment after a sentence end / separator that names an agency:
# "... on Monday. (AP Photo/Jane Roe)", "... in Paris. Benoit Tessier/Reuters",
# "... in Paris | Getty Images".
_AGENCY_TAIL = re.compile(
    rf"""(?:\s*\([^()]*\b(?:{_AGENCIES}|photo|courtesy)\b[^()]*\)
        | (?:(?<=[.!?])\s+|\s*[|/–—]\s*)(?:[^.!?|]{{0,60}}[/|]\s*)?(?:via\s+)?(?:{_AGENCIES})\b
          [^.!?]{{0,40}}
    )\s*$""",
    re.I | re.X,
)
_ONLY_AGENCY = re.compile(
    rf"""^[\s(]*(?:(?:[\w.'-]+\s*){{1,4}}[/|]\s*)?(?:via\s+)?(?:{_AGENCIES})\b[^.!?]{{0,30}}$""",
    re.I | re.X,
)
#: A caption is kept only when, without its credit, it says this many words about the picture.
MIN_CAPTION_WORDS = 4


def strip_credit(text: str) -> str:
    """A caption without its photo credit ("... Paris. Photo: X / Getty Images" -> "... Paris.")."""
    if _ONLY_AGENCY.match(text):
        return ""
    for _ in range(3):  # "Desc. Photo: X (Reuters)": several credit parts at the end
        stripped = _AGENCY_TAIL.sub("", _CREDIT_TAIL.sub("", text)).rstrip(" |/–—-:,;")
        if stripped == text:
            break
        text = stripped
    return text.strip()


#: Gallery widgets' expand/collapse labels left at the end of a caption ("... more", "less").
_TOGGLE_TAIL = re.compile(r"(?:\s*(?:\.\.\.|…))?\s+(?:more|less)\s*$", re.I)


def caption_text(text: str) -> str | None:
    """The descriptive part of a caption, or None when it is only a credit (or too short)."""
    text = strip_credit(_TOGGLE_TAIL.sub("", text))
    if not text or len(_words(text)) < MIN_CAPTION_WORDS:
        return None
    return text


def _is_more_heading(block: Block) -> bool:
    text = block.text
    return len(text) <= 60 and not text.endswith(".") and bool(_MORE_HEADING.match(text))


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and _words(a) == _words(b)


def _is_body_paragraph(block: Block) -> bool:
    return block.kind == "paragraph" and len(block.text) >= 80 and len(_words(block.text)) >= 12


def filter_blocks(
    blocks: tuple[Block, ...], links: tuple[Link, ...], meta, *, title: str = ""
) -> tuple[tuple[Block, ...], tuple[Link, ...]]:
    """Drop lines that are clearly not story text; keep the links the kept lines cite."""
    if not blocks:
        return blocks, links
    titles = [t for t in (title, getattr(meta, "title", "")) if t]
    byline = getattr(meta, "byline", None)
    first_body = next((i for i, b in enumerate(blocks) if _is_body_paragraph(b)), None)
    counts: dict[str, int] = {}
    for block in blocks:
        key = " ".join(_words(block.text))
        counts[key] = counts.get(key, 0) + 1

    kept: list[Block] = []
    captions_seen: list[list[str]] = []
    in_more_list = False
    for i, block in enumerate(blocks):
        if in_more_list and block.kind == "list_item":
            continue
        in_more_list = False
        if i == first_body:
            kept.append(block)
            continue
        if _is_more_heading(block) and i + 1 < len(blocks) and blocks[i + 1].kind == "list_item":
            in_more_list = True
            continue
        if block.kind == "caption":
            text = caption_text(block.text)
            if text is None:
                continue
            words = _words(text)
            if any(words[: len(s)] == s or s[: len(words)] == words for s in captions_seen):
                continue  # the same caption again (a gallery shows it short and long)
            captions_seen.append(words)
            block = replace(block, text=text)
        near_top = first_body is None or i < first_body or i < 3
        if any(_same(block.text, t) for t in titles) and (near_top or block.kind == "heading"):
            continue  # the headline: shown apart from the text
        key = " ".join(_words(block.text))
        repeated = counts.get(key, 0) >= MIN_REPEATS and len(key) >= 20
        if repeated and block.kind not in _KEEP_REPEATED:
            continue  # a caption or promo repeated through a gallery
        if _line_reason(block, near_top=near_top, byline=byline):
            continue
        kept.append(block)
    cited = _cited_links(kept, links)  # renumbers the markers in ``kept``
    return tuple(kept), cited


_REF = re.compile(r" \[(\d+)\]")


def _cited_links(blocks: list[Block], links: tuple[Link, ...]) -> tuple[Link, ...]:
    """The links still cited by the kept blocks, renumbered 1..n in order."""
    if not links:
        return links
    by_number = {link.index: link for link in links}
    cited: list[int] = []
    for block in blocks:
        for m in _REF.finditer(block.text):
            n = int(m.group(1))
            if n in by_number and n not in cited:
                cited.append(n)
    if not cited:
        # No markers at all (link_refs=False): keep the list as it is.
        return links if not any(_REF.search(b.text) for b in blocks) else ()
    new_number = {old: i + 1 for i, old in enumerate(cited)}
    if all(old == new for old, new in new_number.items()) and len(cited) == len(links):
        return links

    def renumber(m: re.Match) -> str:
        old = int(m.group(1))
        return f" [{new_number[old]}]" if old in new_number else m.group(0)

    renumbered = []
    for block in blocks:
        renumbered.append(replace(block, text=_REF.sub(renumber, block.text)))
    blocks[:] = renumbered
    return tuple(replace(by_number[old], index=new_number[old]) for old in cited)
