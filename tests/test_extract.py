"""The cleaner: HTML -> blocks, metadata, boilerplate removal, encodings, robustness."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.extract import blocks_text, clean_html, html_to_blocks
from reader.extract.boilerplate import caption_text
from reader.extract.decode import decode_html
from reader.extract.meta import parse_datetime, strip_site_name
from reader.models import BLOCK_SEPARATOR, Block, CleanArticle
from tests.conftest import dataset

PAGES = Path(__file__).parent / "data" / "pages"


# -- html_to_blocks ---------------------------------------------------------------------------


def test_blocks_kinds_levels_and_one_line_per_block():
    html = (
        "<h2>Head</h2><p>One <b>bold</b>\n  word.</p><p>Two</p>"
        "<ul><li>a<ul><li>b</li></ul></li></ul><blockquote><p>q1</p><p>q2</p></blockquote>"
        "<pre>x = 1\n    y = 2</pre><table><tr><td>c1</td><td>c2</td></tr></table>"
    )
    blocks, links = html_to_blocks(html)
    assert blocks == (
        Block("heading", "Head", 2),
        Block("paragraph", "One bold word."),
        Block("paragraph", "Two"),
        Block("list_item", "a", 1),
        Block("list_item", "b", 2),
        Block("quote", "q1"),
        Block("quote", "q2"),
        Block("pre", "x = 1\n    y = 2"),
        Block("paragraph", "c1 | c2"),
    )
    assert links == ()


def test_paragraphs_are_not_glued_together():
    blocks, _ = html_to_blocks("<div><p>end.</p><p>Start</p>tail<div>inner</div></div>")
    assert [b.text for b in blocks] == ["end.", "Start", "tail", "inner"]
    assert blocks_text(blocks) == BLOCK_SEPARATOR.join(["end.", "Start", "tail", "inner"])


def test_links_become_numbered_references_with_absolute_urls():
    html = (
        '<p>See <a href="/a">the report</a> and <a href="https://x.org/b">this</a>,'
        ' again <a href="/a">the report</a>, <a href="#top">top</a>,'
        ' <a href="javascript:void(0)">js</a>, <a href="/img"><img src="i.png"></a>.</p>'
    )
    blocks, links = html_to_blocks(html, "https://news.example/story/1")
    assert blocks[0].text == ("See the report [1] and this [2], again the report [1], top, js, .")
    assert [(link.index, link.url, link.text) for link in links] == [
        (1, "https://news.example/a", "the report"),
        (2, "https://x.org/b", "this"),
    ]


def test_br_splits_lines_but_not_inside_pre():
    blocks, _ = html_to_blocks("<p>line one<br>line two</p><pre>a<br>b</pre>")
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "line one"),
        ("paragraph", "line two"),
        ("pre", "a\nb"),
    ]


def test_scripts_styles_forms_nav_hidden_and_comments_are_dropped():
    html = (
        "<p>keep<!-- a comment -->ing<script>bad()</script> this</p><style>p{}</style>"
        "<nav><a href='/'>Home</a></nav><form><label>Email</label><input></form>"
        "<p hidden>hidden</p><p style='display: none'>invisible</p><noscript>js</noscript>"
    )
    blocks, _ = html_to_blocks(html)
    assert [b.text for b in blocks] == ["keeping this"]


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "\x00\x01",
        "<<<>>>",
        "</p></div>",
        "<?xml version='1.0' encoding='utf-8'?>",
        b"\xff\xfe\xfa",
        "<p>unclosed <b>bold",
        "&#0;&#xD800;&bogus;",
    ],
)
def test_garbage_never_raises(garbage):
    blocks, links = html_to_blocks(garbage)
    assert isinstance(blocks, tuple) and isinstance(links, tuple)
    for block in blocks:
        assert block.text and "\x00" not in block.text


def test_fragments_bytes_and_xml_declaration():
    assert html_to_blocks("plain text")[0] == (Block("paragraph", "plain text"),)
    assert html_to_blocks(b"<p>caf\xc3\xa9</p>")[0] == (Block("paragraph", "café"),)
    xml = '<?xml version="1.0" encoding="utf-8"?><div><p>x</p></div>'
    assert html_to_blocks(xml)[0] == (Block("paragraph", "x"),)


def test_deeply_nested_markup_is_fine():
    html = "<div>" * 200 + "<p>deep</p>" + "</div>" * 200
    assert [b.text for b in html_to_blocks(html)[0]] == ["deep"]
    # Deeper than libxml2's limit: the text is lost, but nothing breaks.
    html_to_blocks("<div>" * 5000 + "<p>deeper</p>" + "</div>" * 5000)


def test_html_to_blocks_is_fast():
    paragraph = "<p>Some words <a href='/x'>a link</a> and <em>emphasis</em> here.</p>"
    html = paragraph * 2000  # ~150 KB
    started = time.perf_counter()
    blocks, _ = html_to_blocks(html, "https://e.com/")
    assert len(blocks) == 2000
    assert time.perf_counter() - started < 2.0


def test_plain_absolute_links_skip_urljoin_but_resolve_the_same():
    # The fast path must give exactly what urljoin gives, whatever the base.
    import random
    from urllib.parse import urljoin

    from reader.extract.blocks import _PLAIN_ABSOLUTE

    rnd = random.Random(7)
    alphabet = "aZ09./?#;:@%&=+-_~ \t\\[]!$'()*,é\x00"
    matched = 0
    for _ in range(20_000):
        tail = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        url = rnd.choice(["http://", "https://", "HTTP://"]) + tail
        if _PLAIN_ABSOLUTE.match(url):
            matched += 1
            for base in ("http://b.org/x/y", "https://b.org/", "ftp://z/"):
                assert urljoin(base, url) == url
    assert matched > 500


def test_comments_and_processing_instructions_keep_their_tails_in_any_tree():
    import lxml.html

    from reader.extract.blocks import element_to_blocks

    # lxml.html trees keep comments (the page path); their tails are text.
    root = lxml.html.document_fromstring(
        "<div><p>a<!-- c -->b<?pi x?>c <a href='/x'>l<!-- d -->k</a></p>"
        "<table><tr><td>1</td><!-- e --><td>2</td></tr></table></div>"
    )
    blocks, links = element_to_blocks(root, "https://e.com/")
    assert [b.text for b in blocks] == ["abc lk [1]", "1 | 2"]
    assert [link.url for link in links] == ["https://e.com/x"]


# -- metadata -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Story about things | Site", "", "Story about things"),
        ("Harbour bridge reopens - The Daily Example", "", "Harbour bridge reopens"),
        ("Harbour bridge reopens — Example News", "", "Harbour bridge reopens"),
        (
            "The Daily Example | Harbour bridge reopens",
            "The Daily Example",
            "Harbour bridge reopens",
        ),
        ("Brexit - what happens next", "", "Brexit - what happens next"),
        ("Plain title", "", "Plain title"),
        ("", "", ""),
    ],
)
def test_strip_site_name(title, site, expected):
    assert strip_site_name(title, site) == expected


def test_parse_datetime_gives_utc():
    assert parse_datetime("2024-03-05T08:30:00+01:00") == datetime(2024, 3, 5, 7, 30, tzinfo=UTC)
    assert parse_datetime("2024-03-05") == datetime(2024, 3, 5, tzinfo=UTC)
    assert parse_datetime("Tue, 05 Mar 2024 08:30:00 GMT") == datetime(
        2024, 3, 5, 8, 30, tzinfo=UTC
    )
    assert parse_datetime("not a date") is None
    assert parse_datetime(None) is None


# -- the whole cleaner on a page with typical boilerplate -----------------------------------


@pytest.fixture(scope="module")
def story() -> CleanArticle:
    html = (PAGES / "news_story.html").read_bytes()
    return clean_html(html, "https://daily.example/world/bridge")


def test_story_metadata(story):
    assert story.title == "Harbour bridge reopens after two-year repair"
    assert story.byline == "Jane Doe"
    assert story.published == datetime(2024, 3, 5, 7, 30, tzinfo=UTC)
    assert story.url == "https://daily.example/world/bridge"


def test_story_keeps_the_story(story):
    texts = [b.text for b in story.blocks]
    assert texts[0].startswith("The old harbour bridge reopened")  # first paragraph kept
    assert story.text == BLOCK_SEPARATOR.join(texts)
    assert Block("heading", "What changes for commuters", 2) in story.blocks
    assert Block("list_item", "Route 4 crosses the bridge again from Monday.", 1) in story.blocks
    assert Block("quote", "We waited a long time for this, but the work looks solid.") in (
        story.blocks
    )
    assert any(b.kind == "pre" and "06:00 - 23:00" in b.text for b in story.blocks)
    assert any(t.startswith("Cyclists get a separate lane") for t in texts)


def test_story_links_are_numbered_and_absolute(story):
    assert "according to the city transport office [1], about" in story.text
    assert story.links[0].index == 1
    assert story.links[0].url == "https://daily.example/transport/report"
    assert story.links[0].text == "city transport office"
    # Every marker in the text has its link and vice versa.
    for link in story.links:
        assert f"[{link.index}]" in story.text


@pytest.mark.parametrize(
    "furniture",
    [
        "Harbour bridge reopens after two-year repair",  # headline, shown apart
        "By Jane Doe",
        "Updated 8:30 am",
        "Photo: John Smith",
        "Example Agency",  # the caption's credit (its description is kept)
        "Sign up for our newsletter",
        "Read more",
        "City plans new tram line",
        "All rights reserved",
        "Facebook",
        "Related stories",
        "Tram plans unveiled",
        "We use cookies",
        "Most read",
        "window.tracking",
        "Subscribe",
        "Home",
    ],
)
def test_story_drops_furniture(story, furniture):
    assert furniture not in story.text


def test_feed_title_wins_over_page_title():
    html = (PAGES / "news_story.html").read_bytes()
    assert clean_html(html, feed_title="From the feed").title == "From the feed"


def test_first_paragraph_is_never_dropped_even_when_it_looks_like_furniture():
    html = (
        "<html><head><title>Newsletters return | Paper</title></head><body><article>"
        "<p>Subscribers to the town newsletter will receive it again from next week, the"
        " council said on Monday after a printing dispute was settled.</p>"
        "<p>The dispute had halted the newsletter for three months, leaving many older"
        " residents without news of local services, meetings and events in the area.</p>"
        "<p>Printing resumes on Thursday at the old works, which reopened last month after"
        " a long renovation that the council paid for out of its reserves.</p>"
        "</article></body></html>"
    )
    article = clean_html(html)
    assert article.blocks[0].text.startswith("Subscribers to the town newsletter")


def test_captions_and_credits_in_text_form_are_dropped():
    body = "".join(
        f"<p>Paragraph {i} of the story tells what happened in the town, with enough words"
        f" to count as real text for the extractor.</p>"
        for i in range(6)
    )
    html = (
        f"<html><body><article>{body}"
        "<p>Residents gather outside the town hall on Monday. (AP Photo/Jane Roe)</p>"
        "<p>Image copyright Getty Images</p><p>Share this on WhatsApp</p>"
        "<p>© 2024 Example Media</p>"
        f"{body}</article></body></html>"
    )
    article = clean_html(html)
    assert "AP Photo" not in article.text
    assert "Getty" not in article.text
    assert "WhatsApp" not in article.text
    assert "Example Media" not in article.text
    assert article.text.count("Paragraph 0 of the story") >= 1


def test_story_caption_is_kept_without_its_credit(story):
    assert Block("caption", "The bridge at dawn on Tuesday.") in story.blocks
    assert story.blocks[0].kind == "paragraph"  # a caption is never the first paragraph


@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        (
            "The bridge at dawn on Tuesday. (Photo: John Smith / Example Agency)",
            "The bridge at dawn on Tuesday.",
        ),
        (
            "Residents gather outside the town hall. (AP Photo/Jane Roe)",
            "Residents gather outside the town hall.",
        ),
        (
            "Protesters march in central Paris on Saturday. Benoit Tessier/Reuters",
            "Protesters march in central Paris on Saturday.",
        ),
        (
            "Protesters march in Paris. Photograph: Benoit Tessier/Reuters",
            "Protesters march in Paris.",
        ),
        ("Workers at the plant. Credit: Jane Roe for The Times", "Workers at the plant."),
        ("A view of the city from the hill | Getty Images", "A view of the city from the hill"),
        (
            "The credit card company's office in London",
            "The credit card company's office in London",
        ),
        ("Getty Images", None),
        ("AFP/Getty Images", None),
        ("Photo: John Smith", None),
        ("Photo by Joan Bardeletti", None),
        ("© 2024 Example Media", None),
        ("Jane Roe (Reuters)", None),  # a name and a credit: nothing about the picture
    ],
)
def test_caption_text_cuts_credits_and_keeps_descriptions(caption, kept):
    assert caption_text(caption) == kept


def test_captions_are_caption_blocks_and_credits_alone_go():
    body = "".join(
        f"<p>Paragraph {i} of the story tells what happened in the town, with enough words"
        f" to count as real text for the extractor.</p>"
        for i in range(6)
    )
    html = (
        f"<html><body><article>{body}"
        "<figure><img src='a.jpg'><figcaption>Firefighters at the scene on Monday night."
        " <span class='credit'>Jane Roe/Example Agency</span></figcaption></figure>"
        "<figure><img src='b.jpg'><figcaption>Getty Images</figcaption></figure>"
        "<div class='image-caption'>The old mill before the fire, in 1998 (Reuters)</div>"
        "<div class='photo-credit'>Photo: John Smith</div>"
        f"{body}</article></body></html>"
    )
    article = clean_html(html)
    captions = [b for b in article.blocks if b.kind == "caption"]
    assert captions == [
        Block("caption", "Firefighters at the scene on Monday night."),
        Block("caption", "The old mill before the fire, in 1998"),
    ]
    for credit in ("Example Agency", "Getty", "Reuters", "John Smith"):
        assert credit not in article.text
    assert article.text.count("Paragraph 0 of the story") == 2


def test_a_large_caption_classed_element_is_story_text():
    long = " ".join(["The council met again to discuss the budget for the coming year."] * 12)
    html = (
        "<html><body><article>"
        f"<div class='caption-wrapper'><p>{long}</p><p>{long}</p></div>"
        "</article></body></html>"
    )
    article = clean_html(html)
    assert all(b.kind == "paragraph" for b in article.blocks)
    assert "The council met again" in article.text


def test_embedded_tweets_survive_readability():
    body = "".join(
        f"<p>Paragraph {i} of a story about a debate in parliament, long enough to be"
        " picked by the extractor as the main content of the page.</p>"
        for i in range(5)
    )
    tweet = (
        '<blockquote class="twitter-tweet"><p>The senate resolves to act today.</p>'
        "&mdash; The Senate (@Senate) October 9, 2018</blockquote>"
    )
    html = f"<html><body><div class='post-body'>{body}{tweet}{body}</div></body></html>"
    article = clean_html(html)
    assert "The senate resolves to act today." in article.text


def test_encoding_from_meta_and_from_caller():
    data = (PAGES / "latin1_page.html").read_bytes()
    article = clean_html(data)
    assert article.title == "Café culture"
    assert "Le café du coin" in article.text
    # An explicit (HTTP) charset wins over <meta>.
    utf8 = "<html><head><meta charset='iso-8859-1'></head><body><p>naïve</p></body></html>"
    assert "naïve" in clean_html(utf8.encode("utf-8"), encoding="utf-8").text
    assert decode_html(b"\xef\xbb\xbf<p>BOM \xc3\xa9</p>") == "<p>BOM é</p>"
    assert decode_html(b"<p>\xe9</p>") == "<p>é</p>"  # not UTF-8: windows-1252


@pytest.mark.parametrize("garbage", ["", b"", "<html></html>", "\x00", b"\x89PNG\r\n\x1a\n"])
def test_clean_html_on_garbage(garbage):
    article = clean_html(garbage)
    assert isinstance(article, CleanArticle)
    assert article.text == blocks_text(article.blocks)


def test_relative_links_of_a_file_use_its_canonical_url():
    html = (
        '<html><head><link rel="canonical" href="https://site.example/news/x"></head><body>'
        "<article><p>A long enough paragraph that mentions <a href='/report'>a report</a> by"
        " the city, with plenty of words so that the extractor keeps it.</p>"
        "<p>Another paragraph, also long enough to be kept by the extractor as text.</p>"
        "</article></body></html>"
    )
    article = clean_html(html)
    assert article.links[0].url == "https://site.example/report"


# -- real pages (skipped without ../shared) ------------------------------------------------


def test_real_pages_clean_without_errors():
    folder = dataset("scrapinghub-article-extraction-benchmark")
    pages = sorted((folder / "html").glob("*.html.gz"))[:8]
    for page in pages:
        article = clean_html(gzip.decompress(page.read_bytes()))
        assert len(article.text) > 200, page.name
        assert article.text == blocks_text(article.blocks)


def test_gallery_captions_shown_once_without_toggle_labels() -> None:
    from reader.extract import clean_html

    caption = "Mayor Ana Ruiz opens the new bridge over the river in Seville on Tuesday"
    story = "".join(
        f"<p>The new bridge in Seville carries trams and bicycles, paragraph {i} of the story "
        "about the city's long-awaited crossing and what it means for commuters.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Bridge opens</title></head><body><article>"
        f"<figure><img src='a.jpg'><figcaption>{caption}. less</figcaption></figure>"
        f"<figure><img src='a.jpg'><figcaption>Mayor Ana Ruiz opens the new bridge ... more"
        f"</figcaption></figure>{story}</article></body></html>"
    )
    article = clean_html(html, "https://example.com/bridge")
    captions = [b.text for b in article.blocks if b.kind == "caption"]
    assert captions == [caption + "."]
