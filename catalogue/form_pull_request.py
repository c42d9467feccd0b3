"""`build.py form-pr`: a checked issue form → a branch, one pull request, one comment.

Runs after `build.py from-issue` in `.github/workflows/formulir.yml`, with the job's token in
GH_TOKEN. Only a valid form reaches a branch: `formulir/issue-<n>`, one commit on top of the
checked-out main holding just `products/<slug>/`, force-pushed on every edit of the issue, so
the issue's one open pull request always shows the form as it is now. A first-time author's
pull request starts as a draft. The workflow's comment on the issue is updated in place rather
than repeated. Everything from the issue reaches git and the API as data (argument lists and
JSON), never through a shell.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from catalogue.products.from_issue import MARKER, PULL_REQUEST
from catalogue.products.schema import SLUG_PATTERN

# author_association values of someone who has not contributed to the repository before.
NEWCOMERS = {"FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "NONE"}
BOT = {"name": "katalog-opop[bot]", "email": "41898282+github-actions[bot]@users.noreply.github.com"}


class Api:
    """The few GitHub REST calls the form workflow makes (GITHUB_API_URL, so a test can stand in)."""

    def __init__(self, base: str, repo: str, token: str):
        self.base, self.repo, self.token = base.rstrip("/"), repo, token

    def call(self, method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(
            f"{self.base}/repos/{self.repo}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Accept": "application/vnd.github+json", "Authorization": f"Bearer {self.token}",
                     "X-GitHub-Api-Version": "2022-11-28", "Content-Type": "application/json",
                     "User-Agent": "katalog-opop-form"})
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text else None


def git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"git {args[0]} failed: {done.stderr.strip()[:300]}")
    return done.stdout


def push_branch(folder: str, branch: str, message: str, author: str, token: str) -> None:
    """Commit `folder` alone on `branch` (made anew from HEAD) and force-push it to origin."""
    git("checkout", "-B", branch)
    git("add", "--all", "--", folder)
    git("-c", f"user.name={BOT['name']}", "-c", f"user.email={BOT['email']}",
        "commit", "--quiet", "--author", author, "-m", message)
    remote = git("remote", "get-url", "origin").strip()
    auth = []
    if token and remote.startswith("https://"):  # actions/checkout ran with persist-credentials: false
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        auth = ["-c", f"http.extraheader=AUTHORIZATION: basic {basic}"]
    git(*auth, "push", "--force", "--quiet", "origin", f"HEAD:refs/heads/{branch}")


def upsert_comment(api: Api, number: int, body: str) -> None:
    """Edit the workflow's earlier comment on the issue, or write the first one."""
    for existing in api.call("GET", f"/issues/{number}/comments?per_page=100") or []:
        if MARKER in (existing.get("body") or "") and (existing.get("user") or {}).get("type") == "Bot":
            api.call("PATCH", f"/issues/comments/{existing['id']}", {"body": body})
            return
    api.call("POST", f"/issues/{number}/comments", {"body": body})


def owner_note(api: Api, slug: str, author: str) -> str:
    """For a correction: say so when someone other than who added the product filled the form."""
    commits = api.call("GET", f"/commits?path=products/{slug}/product.yml&per_page=100") or []
    if not commits:
        return ""
    first = (commits[-1].get("author") or {}).get("login") or ""
    if not first or first.lower() == author.lower():
        return ""
    return (f"\n> **Catatan untuk pengelola:** formulir ini diisi oleh `{author}`, sedangkan produk ini ditambahkan "
            f"oleh `{first}`. Pastikan pengisi berhak mengubah data koperasi ini sebelum menggabungkan.\n")


def publish(event_path: Path, result_path: Path, comment_path: Path) -> int:
    issue = json.loads(Path(event_path).read_text(encoding="utf-8"))["issue"]
    result = json.loads(Path(result_path).read_text(encoding="utf-8"))
    body = Path(comment_path).read_text(encoding="utf-8")
    number, author = int(issue["number"]), str((issue.get("user") or {}).get("login") or "")
    slug, branch = str(result["slug"]), f"formulir/issue-{number}"
    if not re.fullmatch(SLUG_PATTERN, slug) or result.get("folder") != f"products/{slug}":
        print(f"form-pr: refusing folder {result.get('folder')!r}", file=sys.stderr)
        return 2
    token = os.environ.get("GH_TOKEN") or os.environ.get("GITHUB_TOKEN") or ""
    api = Api(os.environ.get("GITHUB_API_URL", "https://api.github.com"), os.environ["GITHUB_REPOSITORY"], token)
    note = owner_note(api, slug, author) if result["kind"] == "koreksi" and result.get("valid") else ""
    link = ""
    if result.get("valid") and (result["kind"] == "produk-baru" or result.get("changed")):
        owner = os.environ["GITHUB_REPOSITORY"].split("/")[0]
        who = f"{author} <{author}@users.noreply.github.com>" if re.fullmatch(r"[A-Za-z0-9-]{1,39}", author) else f"{BOT['name']} <{BOT['email']}>"
        push_branch(result["folder"], branch, f"{result['title']} (#{number})", who, token)
        found = api.call("GET", f"/pulls?state=open&head={owner}:{branch}") or []
        if found:
            pull = found[0]
        else:
            pull = api.call("POST", "/pulls", {
                "title": result["title"], "head": branch, "base": os.environ.get("OPOP_BASE_BRANCH", "main"),
                "draft": issue.get("author_association") in NEWCOMERS,
                "body": (f"Dibuat otomatis dari formulir #{number} oleh `{author}`.\n\n"
                         f"Closes #{number}\n\n"
                         f"Pemeriksaan `build.py from-issue` dan pembangunan situs sudah lulus di alur kerja formulir. "
                         f"Pemeriksaan pull request biasa tidak berjalan sendiri untuk pull request yang dibuat alur kerja "
                         f"(lihat .github/MAINTAINERS.md, bagian Formulir)."),
            })
        link = pull["html_url"]
        print(f"form-pr: {branch} → {link}")
    upsert_comment(api, number, body.replace(PULL_REQUEST, link) + note)
    return 0
