"""Markdown to safe HTML: the one place descriptions are rendered and sanitised."""

import html

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> str:
    """Render Markdown, dropping anything not allowed (scripts, styles, events)."""
    html = _md.render(text or "")
    # Headings in descriptions start at h2: the page's h1 is the dataset title.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def markdown_to_text(text: str) -> str:
    """Markdown as plain text on one line, for excerpts and meta descriptions."""
    plain = nh3.clean(_md.render(text or ""), tags=set())
    return " ".join(html.unescape(plain).split())
