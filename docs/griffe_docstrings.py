"""Griffe extension: show the library's reST-flavoured docstrings as Markdown.

The docstrings are written for pydoc and doctest: examples are bare ``>>>`` lines, literal
blocks follow ``::``, and names are marked with Sphinx roles (``:class:`Period```).
mkdocstrings renders docstrings as Markdown, where a bare ``>>>`` line is a nested block
quote and ``[...][...]`` in an output line is a reference link. This extension, loaded by
``mkdocs.yml``, rewrites each docstring before it is rendered:

- a run of doctest lines (from a ``>>>`` line to the next blank line) is fenced as
  ``pycon`` code;
- a paragraph ending in ``::`` ends in ``:`` instead (the indented block after it is
  already a Markdown code block);
- a definition (an unindented line followed at once by an indented block, as reST writes
  one) becomes a bold line followed by its block, dedented;
- a Sphinx role becomes inline code: ``:meth:`~kpi_scorecard.Period.parse``` is
  ``Period.parse``.

The source files are not changed.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|exc|data|obj|const):`(~?)([^`]+)`")
_FENCE = re.compile(r"^\s*(```|~~~)")
_NOT_A_TERM = re.compile(r"^\s*(?:[-*+] |\d+[.)] |>>>|\.\.\.|$)|:\s*$")


def _role(found: re.Match[str]) -> str:
    """Write a role's target as code; ``~`` drops the module path, keeping Class.member."""
    short, name = found.group(1), found.group(2)
    if short:
        parts = name.split(".")
        first_class = next((n for n, part in enumerate(parts) if part[:1].isupper()), None)
        name = ".".join(parts[first_class:]) if first_class is not None else parts[-1]
    return f"`{name}`"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _definitions(lines: list[str]) -> list[str]:
    """Turn reST definitions (a term, then an indented body at once) into bold paragraphs."""
    out: list[str] = []
    in_fence = False
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _FENCE.match(line):
            in_fence = not in_fence
        elif (
            not in_fence
            and _indent(line) == 0  # an indented line may be part of a literal block
            and not _NOT_A_TERM.search(line)
            and (index == 0 or not lines[index - 1].strip())
            and following.strip()
            and _indent(following) > _indent(line)
        ):
            body = _indent(following)
            out += [f"**{line.strip()}**", ""]
            index += 1
            while index < len(lines) and (
                not lines[index].strip() or _indent(lines[index]) >= body
            ):
                kept = lines[index]
                out.append(kept[body:] if kept.strip() else "")
                index += 1
            continue
        out.append(line)
        index += 1
    return out


def markdown(text: str) -> str:
    """Return the docstring ``text`` rewritten as Markdown (see the module docstring)."""
    lines = _definitions(text.splitlines())
    out: list[str] = []
    in_fence = False
    in_doctest = False
    indent = ""
    for line in lines:
        if in_doctest:
            if line.strip():
                out.append(line)
                continue
            out.append(f"{indent}```")
            in_doctest = False
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        stripped = line.lstrip()
        if stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            if out and out[-1].strip():
                out.append("")
            out.append(f"{indent}```pycon")
            out.append(line)
            in_doctest = True
            continue
        text = _ROLE.sub(_role, line)
        if text.endswith("::") and not text.endswith(":::"):
            text = text[:-1]
        out.append(text)
    if in_doctest:
        out.append(f"{indent}```")
    return "\n".join(out)


class DocstringsAsMarkdown(griffe.Extension):
    """Rewrite every docstring of the loaded package as Markdown."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite one object's docstring (aliases share their target's)."""
        _rewrite(obj)

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite the package's own docstring, which ``on_object`` does not see."""
        _rewrite(pkg)


def _rewrite(obj: griffe.Object) -> None:
    # markdown() leaves its own output unchanged, so an object seen twice is harmless.
    if not obj.is_alias and obj.docstring is not None:
        obj.docstring.value = markdown(obj.docstring.value)
