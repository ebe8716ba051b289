"""Sphinx extension: mathematics as MathML, converted when the book is built.

Browsers draw MathML themselves (MathML Core), so a page with formulas needs no script:
MathJax, 2.1 MB of JavaScript parsed on every page with a formula, is not loaded at all.
The book's formulas are short (exponents, subscripts, fractions); ``latex2mathml``
converts them. A formula it cannot convert fails the build with the formula named.

Registered as Sphinx's ``html_math_renderer = "mathml"`` (book/_config.yml).
"""

from __future__ import annotations

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.writers.html5 import HTML5Translator


def to_mathml(latex: str, display: str) -> str:
    """The MathML of one LaTeX formula (``display`` is "inline" or "block").

    >>> "<msup><mi>k</mi><mn>2</mn></msup>" in to_mathml("k^2", "inline")
    True
    """
    try:
        return convert(latex.strip(), display=display)
    except Exception as error:  # latex2mathml raises its own and plain exceptions
        raise ExtensionError(f"mathml: cannot convert the formula {latex!r}: {error}") from error


def _visit_math(self: HTML5Translator, node: nodes.math) -> None:
    self.body.append(f'<span class="math">{to_mathml(node.astext(), "inline")}</span>')
    raise nodes.SkipNode


def _visit_math_block(self: HTML5Translator, node: nodes.math_block) -> None:
    if node.get("label"):
        self.body.append(f'<span class="eqno">({node["number"]})</span>')
    self.body.append(f'<div class="math">{to_mathml(node.astext(), "block")}</div>')
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    """Register the renderer."""
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_math_block, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
