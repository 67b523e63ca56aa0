#!/usr/bin/python3
"""lote's performance benchmark: workloads W1-W5 against anchors measured in the same run.

Absolute times drift on a shared machine, so every figure that matters is a ratio between two
commands timed in the same round: each round runs every case once, one after another, and the
ratios are taken per round. The table shows medians over rounds and the spread (min-max).

Normally started by bench/run.sh, which installs the tools and builds lote and the codec floor.
Standard library only (Debian's python3).
"""
import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workloads as wl  # noqa: E402
from cases import Case, build_cases  # noqa: E402
from proc_sampler import TreeMemorySampler  # noqa: E402
from targets import evaluate_targets  # noqa: E402

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
DATA = os.path.join(BENCH, "data")
RESULTS = os.path.join(BENCH, "results")
PHOTOS = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "photos"))
QUICK_PHOTOS = 4  # --quick: this many of the sample photos, the smallest first
QUICK_LARGE = 3


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=None,
                   help="rounds of every case (default 3; 1 with --quick)")
    p.add_argument("--quick", action="store_true",
                   help=f"1 round, {QUICK_PHOTOS} photos, {QUICK_LARGE} large ones")
    p.add_argument("--lote", default=os.path.join(REPO, "build", "lote"))
    p.add_argument("--floor", default=os.path.join(REPO, "build", "bench_codec_floor"))
    p.add_argument("--node", default="/usr/bin/node", help="node for the sharp anchor")
    p.add_argument("--workloads", default="W1,W2,W3,W4,W5", help="comma-separated subset")
    p.add_argument("--skip", default="", help="comma-separated tools to leave out "
                   "(lote, floor, pillow, vips, magick, sharp, vipsthumbnail)")
    p.add_argument("--json", default=os.path.join(RESULTS, "latest.json"))
    args = p.parse_args()
    if args.runs is None:
        args.runs = 1 if args.quick else 3
    args.workloads = {w.strip().upper() for w in args.workloads.split(",") if w.strip()}
    args.skip = {t.strip() for t in args.skip.split(",") if t.strip()}
    return args


def prepare_inputs(args):
    photos = wl.list_images(PHOTOS)
    if not photos:
        sys.exit(f"bench: no photos in {PHOTOS}")
    if args.quick:
        photos = sorted(photos, key=lambda p: wl.pixels(p))[:QUICK_PHOTOS]
        photos = wl.link_subset(sorted(photos), os.path.join(DATA, "quick"))
    large_all = wl.make_large(wl.list_images(PHOTOS), os.path.join(DATA, "large"))
    large = large_all
    if args.quick:
        large = wl.link_subset(large_all[:QUICK_LARGE], os.path.join(DATA, "quick_large"))
    copies_dir = os.path.join(DATA, "copies_quick" if args.quick else "copies")
    copies = wl.make_copies(photos, copies_dir)
    one = wl.link_subset(large_all[:1], os.path.join(DATA, "one"))
    return {"photos": photos, "large": large, "copies": copies, "one": one}


def count_images(folder):
    n = 0
    for _root, _dirs, files in os.walk(folder):
        n += sum(1 for f in files if f.lower().endswith(wl.IMAGE_EXTENSIONS))
    return n


def run_case(case: Case, log):
    """One timed run in a fresh output folder; returns (seconds, cpu seconds, peaks or None,
    error), where peaks = (peak summed PSS, peak summed RSS) of the process tree, in bytes, and
    cpu is the user + system time of the tree (every process reaped by its parent): on a busy
    machine wall times stretch with the other work, CPU times much less."""
    shutil.rmtree(case.out, ignore_errors=True)
    os.makedirs(case.out)
    case.prepare()
    log.write(f"\n=== {case.id}: {' '.join(case.argv)}\n")
    log.flush()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(case.argv, stdout=log, stderr=log, env=case.env, cwd=REPO)
    peaks = None
    if case.memory:
        with TreeMemorySampler(proc.pid) as sampler:
            proc.wait()
        peaks = (sampler.peak_pss, sampler.peak_rss)
    else:
        proc.wait()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    error = None
    if proc.returncode != 0:
        error = f"exit status {proc.returncode}"
    else:
        made = count_images(case.out)
        if made != case.expected:
            error = f"{made} outputs, expected {case.expected}"
    shutil.rmtree(case.out, ignore_errors=True)
    return seconds, cpu, peaks, error


def run_rounds(cases, runs, log):
    # "peaks": summed RSS, "pss_peaks": summed PSS (see proc_sampler.py), one per round.
    results = {c.id: {"times": [], "cpu": [], "peaks": [], "pss_peaks": [], "errors": []}
               for c in cases}
    for r in range(runs):
        for case in cases:
            seconds, cpu, peaks, error = run_case(case, log)
            entry = results[case.id]
            entry["times"].append(seconds)
            entry["cpu"].append(cpu)
            mem = ""
            if peaks is not None:
                entry["pss_peaks"].append(peaks[0])
                entry["peaks"].append(peaks[1])
                mem = f"  peak PSS {peaks[0] / 2**20:5.0f} MB, RSS {peaks[1] / 2**20:5.0f} MB"
            if error:
                entry["errors"].append(error)
            status = f"  FAILED: {error}" if error else ""
            print(f"  round {r + 1}/{runs}  {case.id:<24} {seconds:8.2f} s  cpu {cpu:7.2f} s{mem}"
                  f"{status}",
                  flush=True)
    return results


def summarize(cases, results):
    for case in cases:
        entry = results[case.id]
        t = entry["times"]
        entry.update(label=case.label, workload=case.workload, median=statistics.median(t),
                     min=min(t), max=max(t), cpu_median=statistics.median(entry["cpu"]))
        if entry["peaks"]:
            entry["peak_mb"] = statistics.median(entry["peaks"]) / 2**20
            entry["peak_pss_mb"] = statistics.median(entry["pss_peaks"]) / 2**20


def print_times(cases, results):
    print("\nTimes (seconds; median over rounds, min-max)")
    print(f"  {'case':<24} {'what':<46} {'median':>8} {'spread':>16} {'CPU s':>7} {'PSS MB':>7}"
          f" {'RSS MB':>7}")
    for case in cases:
        e = results[case.id]
        spread = f"{e['min']:.2f}-{e['max']:.2f}"
        mem = f"{e['peak_pss_mb']:7.0f} {e['peak_mb']:7.0f}" if "peak_mb" in e else ""
        bad = "  FAILED: " + e["errors"][0] if e["errors"] else ""
        print(f"  {case.id:<24} {case.label:<46} {e['median']:8.2f} {spread:>16} "
              f"{e['cpu_median']:7.2f} {mem}{bad}")


def print_targets(targets):
    print("\nTargets (ratios per round: median, min-max)")
    for t in targets:
        if t["value"] is None:
            verdict = "SKIP" if t["pass"] is None else "FAIL"
            print(f"  {t['name']:<66} {'n/a':>8} {'':>12}   {t['rule']:<12} {verdict} ({t['why']})")
            continue
        spread = f"{t['min']:.2f}-{t['max']:.2f}"
        verdict = "" if t["rule"] == "info" else ("PASS" if t["pass"] else "FAIL")
        print(f"  {t['name']:<66} {t['value']:8.2f} {spread:>12}   {t['rule']:<12} {verdict}")


def tool_versions(args):
    def first_line(argv):
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=20)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return None
    rev = first_line(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
    dirty = first_line(["git", "-C", REPO, "status", "--porcelain", "--", "src"])
    return {
        "lote_commit": f"{rev}{'+dirty' if dirty else ''}",
        "lote": first_line([args.lote, "--version"]),
        "vips": first_line(["vips", "--version"]),
        "imagemagick": first_line(["/usr/bin/convert", "-version"]),
        "parallel": first_line(["parallel", "--version"]),
        "python": platform.python_version(),
        "pillow": first_line(["/usr/bin/python3", "-c", "import PIL; print(PIL.__version__)"]),
        "node": first_line([args.node, "--version"]),
        "sharp": first_line([args.node, "-e", "const v = require(process.argv[1]).versions;"
                             "console.log(`sharp ${v.sharp} (libvips ${v.vips})`)",
                             os.path.join(BENCH, "node", "node_modules", "sharp")]),
    }


def machine():
    """What the run was measured on, and how busy it was (other work skews absolute times)."""
    model = None
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f
                          if line.startswith("model name")), None)
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "kernel": platform.release(),
            "load_average": os.getloadavg()}


def main():
    args = parse_args()
    cores = os.cpu_count() or 1
    os.makedirs(RESULTS, exist_ok=True)
    inputs = prepare_inputs(args)
    cases = build_cases(args, inputs, cores, os.path.join(DATA, "out"), BENCH)
    print(f"bench: {len(cases)} cases x {args.runs} round(s) on {cores} cores; "
          f"log in {os.path.join(RESULTS, 'latest.log')}", flush=True)
    started = time.time()
    before = machine()
    print(f"bench: {before['cpu']}, load average {before['load_average'][0]:.2f} at start",
          flush=True)
    with open(os.path.join(RESULTS, "latest.log"), "w") as log:
        results = run_rounds(cases, args.runs, log)
    summarize(cases, results)
    targets = evaluate_targets(results, cores)
    print_times(cases, results)
    print_targets(targets)
    elapsed = time.time() - started
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(elapsed, 1), "cores": cores, "runs": args.runs, "quick": args.quick,
        "inputs": {k: len(v) for k, v in inputs.items()},
        "machine": before, "load_average_at_end": os.getloadavg(),
        "versions": tool_versions(args), "cases": results, "targets": targets,
    }
    with open(args.json, "w") as f:
        json.dump(report, f, indent=2)
    print(f"\nbench: done in {elapsed:.0f} s; results in {args.json}")
    failed_runs = any(r["errors"] for r in results.values())
    return 1 if failed_runs else 0


if __name__ == "__main__":
    sys.exit(main())
