#!/usr/bin/env python3
"""A watched drop folder under a steady stream: does `lote watch` keep up, and is it idle when idle?

Drops COUNT photos (copies of the sample photos) into a watched folder at RATE per second, each
written under a hidden name and renamed in (as a copy tool does), and measures:
  - latency: from the first drop to its first output (should be within the settling time: a
    renamed-in file is complete at once, so well under the 2 s default);
  - drain: the images per second from the first output to the last, against the rate `lote run`
    achieves on the same photos in the same round (the ratio should be near 1 when the stream is
    faster than lote; when it is slower, lote simply follows the stream);
  - idle CPU: the watcher's user+system time from /proc over IDLE seconds with nothing arriving
    (should be ~0).
Usage: bench/watch_bench.py --lote build/lote [--count 200] [--rate 20] [--idle 30]
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PHOTOS = "/work/shared/data/photos"
FILTER = "ajustar:ancho=1600"


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of the line; after the ')' they are at 11 and 12.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def outputs(folder):
    count = 0
    for _, _, files in os.walk(folder):
        count += sum(1 for f in files if not f.startswith("."))
    return count


def stage(photos, count, where):
    os.makedirs(where, exist_ok=True)
    names = []
    for i in range(count):
        source = photos[i % len(photos)]
        name = f"p{i:05d}.jpg"
        shutil.copyfile(source, os.path.join(where, name))
        names.append(name)
    return names


def run_rate(lote, staged, out):
    start = time.monotonic()
    subprocess.run([lote, "run", staged, "-o", out, "-f", FILTER], check=True,
                   stdout=subprocess.DEVNULL)
    return outputs(out) / (time.monotonic() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lote", default="build/lote")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--idle", type=float, default=30.0)
    args = parser.parse_args()
    photos = sorted(os.path.join(PHOTOS, p) for p in os.listdir(PHOTOS) if p.lower().endswith(".jpg"))
    work = tempfile.mkdtemp(prefix="lote-watch-bench-")
    try:
        staged = os.path.join(work, "staged")
        names = stage(photos, args.count, staged)
        rate_run = run_rate(args.lote, staged, os.path.join(work, "run-out"))

        drop, out = os.path.join(work, "drop"), os.path.join(work, "out")
        os.makedirs(drop)
        watcher = subprocess.Popen([args.lote, "watch", drop, "-o", out, "-f", FILTER, "--json"],
                                   stdout=subprocess.DEVNULL)
        time.sleep(1.0)
        idle_before = cpu_seconds(watcher.pid)
        time.sleep(args.idle)
        idle_cpu = cpu_seconds(watcher.pid) - idle_before

        first_drop = time.monotonic()
        first_output = None
        for i, name in enumerate(names):
            due = first_drop + i / args.rate
            while time.monotonic() < due:
                if first_output is None and outputs(out) > 0:
                    first_output = time.monotonic()
                time.sleep(0.005)
            hidden = os.path.join(drop, "." + name + ".part")
            shutil.copyfile(os.path.join(staged, name), hidden)
            os.rename(hidden, os.path.join(drop, name))
        last_drop = time.monotonic()
        deadline = last_drop + 600
        while outputs(out) < args.count and time.monotonic() < deadline:
            if first_output is None and outputs(out) > 0:
                first_output = time.monotonic()
            time.sleep(0.02)
        done = time.monotonic()
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=60)
        made = outputs(out)
        drain = made / (done - first_output) if first_output else 0.0
        result = {
            "count": args.count,
            "drop_rate": args.rate,
            "outputs": made,
            "latency_first_output_s": round(first_output - first_drop, 3) if first_output else None,
            "after_last_drop_s": round(done - last_drop, 3),
            "drain_images_per_s": round(drain, 2),
            "lote_run_images_per_s": round(rate_run, 2),
            "drain_vs_run": round(drain / rate_run, 3) if rate_run else None,
            "stream_limited": args.rate < rate_run,
            "idle_seconds": args.idle,
            "idle_cpu_s": round(idle_cpu, 3),
            "watch_exit": watcher.returncode,
        }
        print(json.dumps(result, indent=1))
        return 0 if made == args.count and watcher.returncode == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
