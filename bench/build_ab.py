"""Build time of several versions of the code, side by side: `python bench/build_ab.py LABEL=BUILD_DIR ...`

Each version (a folder holding the `sichuan_edu` package, e.g. a `git archive` of a commit) builds the same
generated pages, runs interleaved (jieba alone, then each version, then again), so that all of them see the
same load on a shared machine; each build's time is divided by the jieba run just before it, both as wall
time (what `make bench` reports) and as CPU time (user + system, the build's processes together: on a
machine other processes share, far steadier than wall time, but blind to what a second worker gains).
Prints the median and the spread (min–max) of those ratios per version and worker count, and peak memory.

Environment: BENCH_SMALL (pages, at most 1000, default 1000), BENCH_RUNS (default 3), BENCH_WORKERS (default "1,2").
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the scale benchmark's helpers: corpus, subset, run, jieba_baseline)


def timed_run(*args: str) -> tuple[float, float, float]:
    """Run a command in a fresh process: (wall seconds, CPU seconds, peak RSS in MB) of it and its children."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        f"r = subprocess.run({list(args)!r}); dt = time.perf_counter() - t; "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(dt, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024); sys.exit(r.returncode)"
    )
    out = subprocess.run([bench.PY, "-c", code], capture_output=True, text=True, cwd=bench.ROOT)
    if out.returncode:
        raise SystemExit(f"failed: {' '.join(args)}\n{out.stderr[-2000:]}")
    wall, cpu, rss = map(float, out.stdout.split()[-3:])
    return wall, cpu, rss


def jieba_alone(folder: Path) -> tuple[float, float]:
    """bench.py's baseline (a fresh Tokenizer, lcut of each page's text, the dictionary load not counted):
    (wall seconds, CPU seconds)."""
    code = (
        "import glob, time, jieba; jieba.setLogLevel(60); t = jieba.Tokenizer(); t.initialize(); "
        f"texts = [open(f, encoding='utf-8').read() for f in sorted(glob.glob('{folder}/*.txt'))]; "
        "w, c = time.perf_counter(), time.process_time(); [t.lcut(x) for x in texts]; "
        "print(time.perf_counter() - w, time.process_time() - c)"
    )
    out = subprocess.run([bench.PY, "-c", code], capture_output=True, text=True, check=True)
    wall, cpu = map(float, out.stdout.split())
    return wall, cpu


def main() -> None:
    versions = dict(arg.split("=", 1) for arg in sys.argv[1:])
    workers = [int(w) for w in os.environ.get("BENCH_WORKERS", "1,2").split(",")]
    bench.WORK.mkdir(parents=True, exist_ok=True)
    # the first BENCH_SMALL pages of the 1000-page corpus `make bench` builds (generated once)
    small = bench.subset(bench.corpus(1000, extra=8), bench.SMALL, f"small{bench.SMALL}")
    runs: dict[tuple[str, int], list[tuple[float, float, float, float]]] = {}  # (wall, cpu, wall x, cpu x)
    memory: dict[tuple[str, int], float] = {}
    for run in range(bench.RUNS):
        for w in workers:
            for label, code in versions.items():
                jieba_wall, jieba_cpu = jieba_alone(small)
                os.environ["PYTHONPATH"] = str(Path(code).resolve())  # the build imports this version
                wall, cpu, rss = timed_run(bench.PY, "-m", "sichuan_edu", "build", "--seeds", str(small), "--db",
                                           str(bench.WORK / f"ab_{label}.db"), "--workers", str(w), "--full")
                runs.setdefault((label, w), []).append((wall, cpu, wall / jieba_wall, cpu / jieba_cpu))
                memory[(label, w)] = max(memory.get((label, w), 0.0), rss)
                print(f"run {run + 1} {label} {w} worker(s): wall {wall:.1f}s / jieba {jieba_wall:.1f}s = "
                      f"{wall / jieba_wall:.2f}×; CPU {cpu:.1f}s / {jieba_cpu:.1f}s = {cpu / jieba_cpu:.2f}×", flush=True)
    print(f"\n{bench.SMALL} pages, {bench.RUNS} runs: build / jieba alone, median (min–max)")
    for (label, w), r in runs.items():
        wx, cx = [x[2] for x in r], [x[3] for x in r]
        print(f"{label:10s} {w} worker(s): wall {statistics.median(wx):.2f}× ({min(wx):.2f}–{max(wx):.2f}), "
              f"{statistics.median(x[0] for x in r):.1f}s; CPU {statistics.median(cx):.2f}× ({min(cx):.2f}–{max(cx):.2f}), "
              f"{statistics.median(x[1] for x in r):.1f}s; peak {memory[(label, w)]:.0f} MB")


if __name__ == "__main__":
    main()
