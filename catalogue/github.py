"""GitHub Actions output: workflow-command annotations and the job summary table.

GitHub shows at most 10 annotations of each kind per step, so the full list also goes to
$GITHUB_STEP_SUMMARY as a Markdown table.
Syntax: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

import os
import sys

from catalogue.products.problems import Problem


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, lang: str = "id") -> str:
    kind = "error" if problem.is_error else "warning"
    props = [f"file={escape_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    if problem.col:
        props.append(f"col={problem.col}")
    if problem.field:
        props.append(f"title={escape_property(problem.field)}")
    return f"::{kind} {','.join(props)}::{escape_data(problem.message(lang))}"


def write_annotations(problems: list[Problem], lang: str = "id", out=sys.stdout) -> None:
    for problem in problems:
        print(annotation(problem, lang), file=out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_table(problems: list[Problem], lang: str = "id") -> str:
    head = ("| | File | Baris | Kolom | Kolom data | Pesan |", "| | File | Line | Col | Field | Message |")[lang == "en"]
    rows = [head, "|---|---|---|---|---|---|"]
    for p in problems:
        mark = "❌" if p.is_error else "⚠️"
        rows.append(f"| {mark} | `{_cell(p.path)}` | {p.line} | {p.col} | `{_cell(p.field)}` | {_cell(p.message(lang))} |")
    errors = sum(p.is_error for p in problems)
    title = (f"### Pemeriksaan katalog: {errors} galat, {len(problems) - errors} peringatan", f"### Catalogue check: {errors} errors, {len(problems) - errors} warnings")[lang == "en"]
    return "\n".join([title, "", *rows]) + "\n" if problems else title + "\n"


def write_step_summary(problems: list[Problem], lang: str = "id") -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(summary_table(problems, lang))
