"""The GitHub workflows and contributor files: they parse, pass zizmor offline, keep least
privilege, and the pull-request scope check behaves as CONTRIBUTING.md promises."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from catalogue.products.taxonomy import CATEGORIES, REGENCIES

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true
    return {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) else on


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def step_named(workflow: dict, name: str) -> dict:
    return next(step for _, step in steps(workflow) if step.get("name") == name)


ALL = sorted(WORKFLOWS.glob("*.yml"))
PR = load(WORKFLOWS / "pull-request.yml")
PAGES = load(WORKFLOWS / "pages.yml")


def zizmor() -> str:
    found = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if not found:
        pytest.fail("zizmor is not installed: pip install -e '.[test]'")
    return found


def run_zizmor(target: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    return subprocess.run(
        [zizmor(), "--offline", "--strict-collection", "--no-progress", "--color=never", str(target)],
        capture_output=True, text=True, env=env, timeout=120,
    )


def test_workflows_exist():
    assert [p.name for p in ALL] == ["formulir.yml", "pages.yml", "pull-request.yml"]


def test_zizmor_finds_nothing():
    result = run_zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_would_catch_a_bad_workflow(tmp_path):
    """Proof that the lint above runs offline and is not a no-op."""
    bad = tmp_path / ".github" / "workflows"
    bad.mkdir(parents=True)
    (bad / "bad.yml").write_text(
        "on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: echo \"${{ github.event.pull_request.title }}\"\n",
        encoding="utf-8",
    )
    result = run_zizmor(bad)
    assert result.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert audit in result.stdout
    (bad / "bad.yml").write_text("on: push\njobs:\n  a:\n    runs_on: ubuntu-24.04\n", encoding="utf-8")
    assert run_zizmor(bad).returncode != 0  # not a valid workflow at all


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_least_privilege(path):
    workflow = load(path)
    assert "pull_request_target" not in triggers(workflow)
    assert workflow["permissions"] in ({}, {"contents": "read"})
    text = path.read_text(encoding="utf-8")
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        writes = {scope for scope, level in permissions.items() if level == "write"}
        deploys = any(step.get("uses", "").startswith("actions/deploy-pages@") for step in job.get("steps", []))
        # The form job pushes a branch, opens a pull request and comments: nothing else writes.
        forms = set(triggers(workflow)) == {"issues"}
        assert writes == ({"pages", "id-token"} if deploys else FORM_WRITES if forms else set()), name
        assert permissions.get("contents", "read") == ("write" if forms else "read"), name
    for name, step in steps(workflow):
        assert "${{" not in step.get("run", ""), f"{name}: pass GitHub context to scripts through env:"
        uses = step.get("uses")
        if uses:
            assert PINNED.match(uses), f"{name}: pin {uses} to a full commit SHA"
            assert re.search(re.escape(uses) + r" # v\d", text), f"{name}: name the version after the SHA"
        if uses and uses.startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, name


FORM_WRITES = {"contents", "pull-requests", "issues"}


def test_form_workflow_runs_main_and_hands_the_token_to_one_step():
    workflow = load(WORKFLOWS / "formulir.yml")
    assert triggers(workflow) == {"issues": {"types": ["opened", "edited"]}}
    (job,) = workflow["jobs"].values()
    assert "produk-baru" in job["if"] and "koreksi" in job["if"]
    checkout = next(step for _, step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    assert "ref" not in checkout["with"]  # main's code, never a ref named by the event
    with_token = [step["name"] for _, step in steps(workflow) if "GH_TOKEN" in (step.get("env") or {})]
    assert with_token == ["Pull request dan komentar"]
    runs = " ".join(step.get("run", "") for _, step in steps(workflow))
    assert '--event "$GITHUB_EVENT_PATH"' in runs and "github.event.issue.body" not in (WORKFLOWS / "formulir.yml").read_text(encoding="utf-8")


def test_pull_request_workflow():
    assert set(triggers(PR)) == {"pull_request"}
    assert "secrets." not in (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    runs = [step.get("run", "") for _, step in steps(PR)]
    assert "python build.py validate" in runs
    assert any("python build.py build" in run for run in runs)
    upload = step_named(PR, "Unggah pratinjau situs")
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "site/"
    cache = step_named(PR, "Ambil cache foto")
    assert cache["uses"].startswith("actions/cache/restore@"), "a pull request must not save caches"
    assert cache["with"]["path"] == ".cache/photos"
    assert any("pytest" in run for run in runs)


def test_pages_workflow():
    on = triggers(PAGES)
    assert on["push"] == {"branches": ["main"]}
    assert PAGES["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [step.get("uses", "").split("@")[0] for _, step in steps(PAGES)]
    for action in ("actions/configure-pages", "actions/cache", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    build = step_named(PAGES, "Bangun situs")
    assert build["run"] == "python build.py build"  # prints the size and writes it to the job summary
    assert build["env"]["OPOP_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert build["env"]["OPOP_PHOTO_BASE_URL"] == "${{ vars.OPOP_PHOTO_BASE_URL }}"
    assert step_named(PAGES, "Cache foto")["with"]["path"] == ".cache/photos"
    assert step_named(PAGES, "Unggah situs untuk Pages")["with"]["path"] == "site/"
    deploy = PAGES["jobs"]["deploy"]
    assert deploy["needs"] == ["build", "situs-foto"] and deploy["environment"]["name"] == "github-pages"
    assert "needs.build.result == 'success'" in deploy["if"] and "needs.situs-foto.result != 'failure'" in deploy["if"]


def job_steps(job: str) -> list[dict]:
    return PAGES["jobs"][job]["steps"]


def test_pages_workflow_renders_photos_on_several_machines():
    """rencana counts the missing photos; foto renders one share per machine and uploads only
    its new cache files; build merges them and builds even when a share failed."""
    jobs = PAGES["jobs"]
    assert list(jobs) == ["rencana", "foto", "build", "situs-foto", "deploy"]
    plan = jobs["rencana"]
    count = next(s for s in plan["steps"] if s.get("id") == "count")
    assert count["run"] == "python build.py photos --count"
    assert plan["outputs"] == {"shards": "${{ steps.count.outputs.shards }}", "matrix": "${{ steps.count.outputs.matrix }}"}

    shard = jobs["foto"]
    assert shard["needs"] == "rencana" and shard["if"] == "needs.rencana.outputs.shards != '0'"
    assert shard["strategy"] == {"fail-fast": False, "matrix": {"shard": "${{ fromJSON(needs.rencana.outputs.matrix) }}"}}
    render = next(s for s in shard["steps"] if "build.py photos" in s.get("run", ""))
    assert render["run"] == 'python build.py photos --shard "$SHARD" --export foto-baru'
    assert render["env"] == {"SHARD": "${{ matrix.shard }}/${{ needs.rencana.outputs.shards }}"}
    upload = shard["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["if"] == "${{ !cancelled() }}"
    assert upload["with"]["name"] == "foto-bagian-${{ matrix.shard }}" and upload["with"]["path"] == "foto-baru/"

    build = jobs["build"]
    assert build["needs"] == ["rencana", "foto"]
    assert build["if"] == "${{ !cancelled() && needs.rencana.result == 'success' }}"
    merge = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert merge["with"] == {"pattern": "foto-bagian-*", "path": ".cache/photos", "merge-multiple": True}
    names = [s["name"] for s in build["steps"]]
    assert names.index("Cache foto") < names.index("Gabungkan foto dari setiap bagian") < names.index("Bangun situs")
    # Only the build saves the cache (with the shares' files merged in); the others only read it.
    for name, job in jobs.items():
        caches = [s["uses"].split("@")[0] for s in job.get("steps", []) if s.get("uses", "").startswith("actions/cache")]
        assert caches == (["actions/cache"] if name == "build" else ["actions/cache/restore"] if name in ("rencana", "foto") else [])


def test_pages_workflow_publishes_the_photo_site_only_when_configured():
    job = PAGES["jobs"]["situs-foto"]
    assert job["needs"] == "build" and job["if"] == "vars.OPOP_PHOTO_BASE_URL != ''"
    assert job["environment"]["name"] == "situs-foto" and job.get("permissions") == {"contents": "read"}
    upload = step_named(PAGES, "Unggah situs foto")
    assert upload["if"] == "vars.OPOP_PHOTO_BASE_URL != ''" and upload["with"]["path"] == "site-foto/"
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    assert text.count("secrets.") == 1  # the deploy key, in the one step that pushes, in its environment
    push = step_named(PAGES, "Dorong ke gh-pages repositori foto")
    assert push["env"]["DEPLOY_KEY"] == "${{ secrets.FOTO_DEPLOY_KEY }}" and "StrictHostKeyChecking=yes" in push["run"]


# --- the scope check, run for real on a tiny repository -----------------------------------------


def scope(tmp_path: Path, changed: list[str], association: str) -> subprocess.CompletedProcess:
    repo = tmp_path / "repo"
    repo.mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "README.md").write_text("x\n")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    for name in changed:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("y\n")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "change"], check=True)
    script = step_named(PR, "Periksa folder yang diubah")["run"]
    env = {"PATH": os.environ["PATH"], "AUTHOR_ASSOCIATION": association}
    return subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True)


@pytest.mark.skipif(not shutil.which("git") or not shutil.which("openssl"), reason="needs git and openssl")
def test_scope_check(tmp_path):
    ok = scope(tmp_path / "a", ["products/kopi/product.yml", "products/kopi/foto-1.jpg"], "NONE")
    assert ok.returncode == 0 and "Semua perubahan ada di folder products/." in ok.stdout

    bad = scope(tmp_path / "b", ["products/kopi/product.yml", ".github/workflows/x.yml", "::warning::x"], "FIRST_TIME_CONTRIBUTOR")
    assert bad.returncode == 1
    assert "::error title=Di luar products/::Pull request dari koperasi hanya boleh mengubah folder products/." in bad.stdout
    listed = bad.stdout.split("::stop-commands::", 1)[1]
    assert "  .github/workflows/x.yml" in listed and "  ::warning::x" in listed  # printed with commands off

    member = scope(tmp_path / "c", [".github/workflows/x.yml"], "MEMBER")
    assert member.returncode == 0 and "::notice title=Di luar products/::" in member.stdout


# --- contributor files --------------------------------------------------------------------------


def test_pre_commit_runs_the_validator():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "katalog-validate")
    assert hook["entry"] == "python build.py validate" and hook["language"] == "system"
    assert hook["pass_filenames"] is False and hook["files"] == "^products/"


def test_vscode_maps_the_schema_to_product_files():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./catalogue/schema/product.schema.json": ["products/*/product.yml"]}
    assert (ROOT / "catalogue" / "schema" / "product.schema.json").is_file()
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


ISSUE_FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_forms_parse(path):
    form = load(path)
    if path.name == "config.yml":
        assert form["blank_issues_enabled"] is False
        return
    assert form["name"] and form["description"] and form["body"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
        assert item["type"] == "markdown" or item["attributes"]["label"]


def test_issue_form_lists_follow_the_taxonomy():
    form = load(ROOT / ".github" / "ISSUE_TEMPLATE" / "produk-baru.yml")
    options = {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}
    assert options["regency"] == [f"{code} — {label.id}" for code, label in REGENCIES.items()]
    assert options["category"] == [f"{key} — {label.id}" for key, label in CATEGORIES.items()]


def test_issue_forms_are_generated_from_the_declaration():
    """`python build.py forms` writes them; the labels the workflow parses are the form's."""
    from catalogue.products.issue_form_file import FORMS, form_text

    for name in FORMS:
        committed = (ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8")
        assert committed == form_text(name), f"{name} is out of date: run python build.py forms"


def test_contributor_docs_exist_and_link_each_other():
    contributing = (ROOT / ".github" / "CONTRIBUTING.md").read_text(encoding="utf-8")
    maintainers = (ROOT / ".github" / "MAINTAINERS.md").read_text(encoding="utf-8")
    assert "MAINTAINERS.md" in contributing and "CONTRIBUTING.md" in maintainers
    assert (ROOT / ".github" / "pull_request_template.md").is_file()
    assert (ROOT / ".github" / "CODEOWNERS").is_file()


def test_contributing_quotes_the_validator_messages_exactly():
    """Every message in CONTRIBUTING.md's error table is a message of catalogue.products.messages with
    example values filled in: a changed message must be changed there too."""
    from catalogue.products.messages import MESSAGES

    contributing = (ROOT / ".github" / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## 7.", 1)[1].split("\n## ", 1)[0]
    quoted = [line.split(" | ")[0][2:] for line in section.splitlines() if line.startswith("| ") and not line.startswith("| pesan")]
    patterns = {
        code: re.compile("".join(".+?" if part.startswith("{") else re.escape(part) for part in re.split(r"(\{\w+\})", texts[0])))
        for code, texts in MESSAGES.items()
    }
    assert len(quoted) >= 20
    for message in quoted:
        assert [code for code, pattern in patterns.items() if pattern.fullmatch(message)], message


def test_contributing_template_is_the_scaffold_template(monkeypatch):
    """The template secretaries copy from CONTRIBUTING.md is what `build.py new` writes."""
    import datetime

    from catalogue.products import scaffold

    contributing = (ROOT / ".github" / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = contributing.split("```yaml\n", 1)[1].split("\n```", 1)[0] + "\n"
    day = re.search(r"^updated: (\S+)$", block, re.MULTILINE).group(1)
    monkeypatch.setattr(scaffold, "today", lambda: datetime.date.fromisoformat(day))
    answers = scaffold.Answers("nama-produk-anda", "Pondok Pesantren Nama Anda", "63.03", "Nama Produk Anda", "makanan", "0811-5000-0001")
    assert block == scaffold.render_template(answers)
