#!/usr/bin/env python3
"""The broker path's cost: W1 on 1, 2 and 3 `lote node`s of one slot each against the local
process pool, on this machine, with a real redis-server started here.

Per configuration and round: wall time; and from Redis' own counters (INFO) the commands, bytes
in and out and Redis CPU time per image; the coordinator's CPU time per image (wait4). The
overhead per image of the broker path is (1 node of 1 slot - local pool of 1 worker) / images:
the same work on the same core count, the difference being the broker round trips, the leases
and the node's extra process. Rounds alternate between configurations so that a noisy neighbour
spreads over all of them; ranges (min..max) are reported, never one number.

    python3 bench/distributed.py --lote build/lote [--photos 4] [--runs 3]
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import workloads as wl  # noqa: E402

PHOTOS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "photos"))
W1_QUALITY = 75


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Redis:
    def __init__(self, folder):
        self.port = free_port()
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", folder,
             "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
             "--maxmemory-policy", "noeviction"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.cli("PING") == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def url(self):
        return f"redis://127.0.0.1:{self.port}"

    def cli(self, *args):
        out = subprocess.run(["redis-cli", "-p", str(self.port), "--raw", *args],
                             capture_output=True, text=True)
        return out.stdout.strip()

    def counters(self):
        info = {}
        for line in self.cli("INFO", "all").splitlines():
            if ":" in line and not line.startswith("#"):
                key, value = line.split(":", 1)
                info[key] = value
        return {
            "commands": int(info["total_commands_processed"]),
            "bytes_in": int(info["total_net_input_bytes"]),
            "bytes_out": int(info["total_net_output_bytes"]),
            "redis_cpu": float(info["used_cpu_sys"]) + float(info["used_cpu_user"]),
        }

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)


def run_measured(argv):
    """Wall time, and the process' CPU time with its reaped children (wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{argv[:3]} exited {code}: {proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def start_nodes(lote, redis, count, root, wait=True):
    nodes = []
    for i in range(count):
        home = os.path.join(root, f"node{i}")
        os.makedirs(home, exist_ok=True)
        nodes.append(subprocess.Popen(
            [lote, "node", "--broker", redis.url(), "--slots", "1", "--name", f"bench{i}"],
            cwd=home, stdout=subprocess.DEVNULL, stderr=open(os.path.join(home, "log"), "w")))
    if not wait:
        return nodes
    # A node is ready once its heartbeat is on the broker.
    deadline = time.time() + 30
    while time.time() < deadline:
        if len([n for n in redis.cli("SMEMBERS", "lote:nodes").split() if n]) >= count:
            return nodes
        time.sleep(0.1)
    raise RuntimeError("the nodes did not show up on the broker")


def stop_nodes(nodes):
    for n in nodes:
        n.terminate()
    for n in nodes:
        n.wait(timeout=60)


def summarize(values, digits=1):
    return (f"{min(values):.{digits}f}..{max(values):.{digits}f} "
            f"(median {statistics.median(values):.{digits}f})")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--lote", required=True)
    p.add_argument("--photos", type=int, default=0, help="the first N sample photos (0: all 13)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--nodes", default="1,2,3")
    p.add_argument("--json", help="write the raw rounds there")
    args = p.parse_args()
    lote = os.path.abspath(args.lote)

    root = tempfile.mkdtemp(prefix="lote-bench-dist-")
    try:
        photos = wl.list_images(PHOTOS)
        if args.photos:
            photos = photos[:args.photos]
        # A copy: the coordinator writes its share marker into the input folder.
        inputs = os.path.join(root, "in")
        os.makedirs(inputs)
        for photo in photos:
            shutil.copy(photo, inputs)
        images = len(photos)
        outputs = images * len(wl.SEED_FILTERS)
        redis = Redis(os.path.join(root, "redis"))
        counts = [int(n) for n in args.nodes.split(",")]
        common = ["-f", "all", "--quality", str(W1_QUALITY), "--force"]
        rounds = {"local.1": [], "local.%d" % max(counts): []}
        rounds.update({f"nodes.{n}": [] for n in counts})
        dist_out = os.path.join(root, "out.nodes")
        try:
            # A first, unmeasured run registers the shared folders (nodes wait for that before
            # they join) and warms the file cache for every configuration.
            nodes = start_nodes(lote, redis, 1, root, wait=False)
            try:
                run_measured([lote, "run", inputs, "-o", dist_out, *common, "--broker",
                              redis.url()])
            finally:
                stop_nodes(nodes)
            for r in range(args.runs):
                for workers in sorted({1, max(counts)}):
                    out = os.path.join(root, f"out.local.{workers}")
                    wall, cpu = run_measured([lote, "run", inputs, "-o", out, *common,
                                              "--mode", "procesos", "--workers", str(workers)])
                    rounds[f"local.{workers}"].append({"wall": wall, "cpu": cpu})
                for n in counts:
                    nodes = start_nodes(lote, redis, n, root)
                    try:
                        before = redis.counters()
                        wall, cpu = run_measured([lote, "run", inputs, "-o", dist_out, *common,
                                                  "--broker", redis.url()])
                        after = redis.counters()
                    finally:
                        stop_nodes(nodes)
                    delta = {k: after[k] - before[k] for k in before}
                    rounds[f"nodes.{n}"].append({"wall": wall, "coordinator_cpu": cpu, **delta})
                print(f"round {r + 1}/{args.runs} done", file=sys.stderr)
        finally:
            redis.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print(f"W1: {images} photos x {len(wl.SEED_FILTERS)} filters = {outputs} outputs, "
          f"{args.runs} rounds, load average at the end {os.getloadavg()[0]:.1f}")
    for name, rs in rounds.items():
        walls = [r["wall"] for r in rs]
        line = f"  {name:9} wall {summarize(walls, 2)} s"
        if name.startswith("nodes."):
            line += (f"; per image: {summarize([r['commands'] / images for r in rs])} commands, "
                     f"{summarize([(r['bytes_in'] + r['bytes_out']) / images for r in rs], 0)} "
                     f"bytes, Redis CPU {summarize([1000 * r['redis_cpu'] / images for r in rs], 2)} ms, "
                     f"coordinator CPU "
                     f"{summarize([1000 * r['coordinator_cpu'] / images for r in rs], 2)} ms")
        print(line)
    local1 = [r["wall"] for r in rounds["local.1"]]
    node1 = [r["wall"] for r in rounds.get("nodes.1", [])]
    if node1:
        per_round = [1000 * (d - l) / images for d, l in zip(node1, local1)]
        print(f"  broker path overhead per image (1 node of 1 slot - local pool of 1): "
              f"{summarize(per_round, 1)} ms")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"images": images, "rounds": rounds}, f, indent=1)


if __name__ == "__main__":
    main()
