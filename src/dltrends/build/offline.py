"""Every way an HTML or CSS file can make the browser load something by itself.

The book must work offline: no page may load a script, style, font, image, frame or
connection from outside the site. :func:`external_loads` parses a page with the standard
library's HTML parser (quoted or unquoted attributes, any case) and returns each URL
outside the site that the browser would fetch or connect to without a click:

* ``src`` of script, img, iframe, frame, embed, audio, video, source, track, input;
* ``srcset`` of img and source (every candidate);
* ``href`` of link, whatever its rel loads (stylesheet, icon, preload, prefetch,
  preconnect, dns-prefetch, modulepreload, manifest, ...; not canonical or alternate);
* ``data`` of object, ``poster`` of video, ``background`` of body and table cells;
* ``href`` and ``xlink:href`` of SVG image, use and feImage;
* ``content`` of ``<meta http-equiv="refresh">``, ``href`` of ``<base>``;
* ``url(...)`` and ``@import`` in style attributes and ``<style>`` elements.

:func:`css_external_loads` does the same for a stylesheet file. An ordinary hyperlink
(``<a href>``) is followed only when the reader clicks it, so links to the cited papers
are allowed. A URL is outside the site when it has a scheme other than ``file``,
``data``, ``blob``, ``about``, ``javascript`` or ``mailto``, or starts with ``//``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "javascript:", "mailto:", "tel:")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

#: Link relations that only describe a relation and load nothing by themselves.
_PASSIVE_RELS = {
    "canonical",
    "alternate",
    "author",
    "license",
    "help",
    "bookmark",
    "next",
    "prev",
    "index",
    "top",
    "up",
    "first",
    "last",
    "contents",
    "glossary",
    "copyright",
    "external",
    "nofollow",
    "noopener",
    "noreferrer",
    "me",
    "tag",
}

_SRC_TAGS = {"script", "img", "iframe", "frame", "embed", "audio", "video", "source", "track", "input"}
_SVG_HREF_TAGS = {"image", "use", "feimage"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""", re.IGNORECASE)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)


def is_external(url: str) -> bool:
    """True when the browser would fetch ``url`` from outside the site."""
    url = url.strip()
    if not url or url.startswith("#"):
        return False
    if url.startswith(("//", "\\\\")):
        return True
    if url.lower().startswith(_LOCAL_SCHEMES):
        return False
    return bool(_SCHEME.match(url))


def css_external_loads(css: str) -> list[str]:
    """URLs outside the site that a stylesheet loads (``url(...)``, ``@import "..."``)."""
    found = [match.group(2) for match in _CSS_URL.finditer(css)]
    found += [match.group(2) for match in _CSS_IMPORT.finditer(css)]
    return [url.strip() for url in found if is_external(url)]


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def _add(self, where: str, urls: list[str]) -> None:
        self.found.extend(f"{url} ({where})" for url in urls if is_external(url))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        tag = tag.lower()
        if tag in _SRC_TAGS and "src" in attributes:
            self._add(f"<{tag} src>", [attributes["src"]])
        if tag in ("img", "source") and "srcset" in attributes:
            self._add(f"<{tag} srcset>", _srcset_urls(attributes["srcset"]))
        if tag == "link" and "href" in attributes:
            rels = set(attributes.get("rel", "").lower().split())
            if not rels or rels - _PASSIVE_RELS:
                self._add(f"<link rel={' '.join(sorted(rels)) or '?'}>", [attributes["href"]])
            if "imagesrcset" in attributes:
                self._add("<link imagesrcset>", _srcset_urls(attributes["imagesrcset"]))
        if tag == "object" and "data" in attributes:
            self._add("<object data>", [attributes["data"]])
        if tag == "video" and "poster" in attributes:
            self._add("<video poster>", [attributes["poster"]])
        if "background" in attributes and tag in ("body", "table", "td", "th", "tr"):
            self._add(f"<{tag} background>", [attributes["background"]])
        if tag in _SVG_HREF_TAGS:
            for name in ("href", "xlink:href"):
                if name in attributes:
                    self._add(f"<{tag} {name}>", [attributes[name]])
        if tag == "base" and "href" in attributes:
            self._add("<base href>", [attributes["href"]])
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.search(attributes.get("content", ""))
            if match:
                self._add("<meta refresh>", [match.group(1)])
        if "style" in attributes:
            self._add(f"<{tag} style>", css_external_loads(attributes["style"]))
        if tag == "style":
            self._in_style = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._add("<style>", css_external_loads(data))


def external_loads(html: str) -> list[str]:
    """Each URL outside the site that ``html`` makes the browser load, with its construct."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found
