"""catalogue.parallel: forked workers give exactly what one process gives, in the same order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue import parallel
from catalogue.products import validate
from catalogue.parallel import chunks, run_all

REPO = Path(__file__).resolve().parents[1]


def test_chunks_keep_order_and_cover_everything():
    for n_items in range(0, 12):
        items = list(range(n_items))
        for n in range(1, 5):
            runs = chunks(items, n)
            assert [x for run in runs for x in run] == items
            assert len(runs) <= max(1, n) and max(map(len, runs), default=0) - min(map(len, runs), default=0) <= 1


SCRIPT = """
import os, sys
from catalogue import parallel
def work(v):
    return os.getpid(), v * 2
results = parallel.run_all([lambda v=v: work(v) for v in range(3)])
assert [v for _, v in results] == [0, 2, 4], results
pids = {pid for pid, _ in results}
# The first call runs here, the others in workers (either worker may take both).
others = {pid for pid, _ in results[1:]}
print("forked" if results[0][0] == os.getpid() and os.getpid() not in others else "serial", parallel.can_fork())
"""


def test_run_all_forks_workers_and_keeps_order():
    """In a fresh process (one thread; the test process runs browser and server threads, and
    there run_all must stay serial): the first call here, the others in workers, in order."""
    run = lambda **env: subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True,  # noqa: E731
                                       env={**os.environ, "PYTHONPATH": str(REPO), **env}, check=True).stdout.split()
    if (os.cpu_count() or 1) > 1:
        assert run() == ["forked", "True"]
    assert run(OPOP_SERIAL="1") == ["serial", "False"]


def test_run_all_is_serial_while_other_threads_run():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        assert {pid for pid in run_all([os.getpid, os.getpid])} == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def test_an_error_in_a_worker_is_raised_here():
    def boom():
        raise ValueError("in a worker")
    with pytest.raises(ValueError, match="in a worker"):
        run_all([lambda: 1, boom])


def test_validation_in_parallel_equals_serial(tmp_path, monkeypatch):
    """Enough folders to split (the samples copied under other names, so pesantren repeat:
    the cross-file rule must still name the same first product)."""
    products = tmp_path / "products"
    samples = sorted(p for p in (REPO / "products").iterdir() if (p / "product.yml").is_file())
    for i in range(validate.PARALLEL_FROM // len(samples) + 1):
        for sample in samples:
            shutil.copytree(sample, products / f"{sample.name}-{i:02d}")
    monkeypatch.chdir(tmp_path)
    parallel_result = validate.check_catalogue(Path("products"))
    monkeypatch.setenv("OPOP_SERIAL", "1")
    serial_result = validate.check_catalogue(Path("products"))
    assert [p.format() for p in parallel_result.problems] == [p.format() for p in serial_result.problems]
    assert any(p.code == "pesantren_twice" for p in serial_result.problems)
