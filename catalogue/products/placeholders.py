"""Lines a secretary still has to complete: the `# GANTI` ("replace") marks that
`python build.py new` writes after every value it could only guess (a price of 1, a generic
alt text). The validator reports each one as an error, so such a file never reaches the site;
`new` lists them as the next step.
"""

from __future__ import annotations

import re

MARK = "# GANTI"


def placeholder_lines(text: str) -> list[tuple[int, str]]:
    """(line number, field path) of every value the secretary still has to complete: lines
    with a `# GANTI` comment after the value, or after a `# GANTI` note, the block below it."""
    lines = text.splitlines()
    out, parents = [], {}
    pending_note = False
    for number, line in enumerate(lines, start=1):
        match = re.match(r"(\s*)(- )?([a-z_]+):", line)
        if match:
            depth = len(match.group(1)) + (2 if match.group(2) else 0)
            parents = {d: k for d, k in parents.items() if d < depth}
            if match.group(2):  # a list item: its parent key gets an index
                parents[depth - 1] = "[0]"
            parents[depth] = match.group(3)
            if pending_note and line.rstrip().endswith("|"):
                out.append((number + 1, _path(parents)))
                pending_note = False
        if "# GANTI" in line:
            if line.lstrip().startswith("#"):
                pending_note = True  # a note above a block: the block's first line is reported
            else:
                out.append((number, _path(parents)))
    return out


def _path(parents: dict[int, str]) -> str:
    return "".join(("" if i == 0 or part.startswith("[") else ".") + part for i, part in enumerate(parents[d] for d in sorted(parents)))
