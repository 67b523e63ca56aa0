#!/usr/bin/python3
"""Does a crowd of connected browsers slow a batch? Times one batch with 0 and with N clients.

Starts `lote serve --port 0` on temporary folders holding copies of the sample photos, then, in
alternating rounds, connects N WebSocket clients that only read (every broadcast reaches them),
sends one `procesar` (the twelve seed filters, forced) from a separate client and times it from
the request to its `finalizado`. Prints the median time with 0 and with N clients and their ratio
(target: N=200 slows the batch by under 5 %, ratio <= 1.05).

  ws_clients.py --lote build/lote [--clients 200] [--runs 3] [--mode threads] [--photos DIR]

Debian's python3 with python3-websockets (bench/run.sh installs it). The clients run on the same
machine, so their own CPU use counts against the server: the ratio is an upper bound.
"""
import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import websockets

HERE = os.path.dirname(os.path.abspath(__file__))
PHOTOS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "photos"))
SEED_FILTERS = ["invertir", "grises", "blur", "nitidez", "brillo", "contraste", "sepia",
                "bordes", "relieve", "posterizar", "redimensionar", "marca_agua"]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lote", default=os.path.join(HERE, "..", "build", "lote"))
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--mode", default="threads", choices=["threads", "procesos"])
    p.add_argument("--photos", default=PHOTOS)
    p.add_argument("--json", default=os.path.join(HERE, "results", "ws_clients.json"))
    return p.parse_args()


def start_server(lote, root):
    """`lote serve` on a free port; returns the process and its ws:// address."""
    for sub in ("input", "output", "state"):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
    proc = subprocess.Popen(
        [lote, "serve", "--host", "127.0.0.1", "--port", "0", "--no-samples",
         "--input", os.path.join(root, "input"), "--output", os.path.join(root, "output"),
         "--state", os.path.join(root, "state", "jobs.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        match = re.search(r"listening on http://([^/]+)/", line)
        if match:
            # Keep draining its output so the server never blocks on a full pipe.
            asyncio.get_event_loop().run_in_executor(None, proc.stdout.read)
            return proc, f"ws://{match.group(1)}/"
    proc.kill()
    sys.exit("ws_clients: lote serve did not say where it listens")


async def reader(url, stop, counts, ready):
    """A passive client: reads every broadcast until told to stop."""
    async with websockets.connect(url, max_size=None, ping_interval=None) as ws:
        ready.release()
        while not stop.is_set():
            try:
                await asyncio.wait_for(ws.recv(), timeout=0.5)
                counts[0] += 1
            except asyncio.TimeoutError:
                continue


async def timed_batch(url, mode):
    """Sends one procesar and waits for its finalizado; returns the seconds it took."""
    request = {"tipo": "procesar", "filtros": SEED_FILTERS, "modo": mode, "forzar": True}
    async with websockets.connect(url, max_size=None, ping_interval=None) as ws:
        await ws.recv()  # conexion
        start = time.perf_counter()
        await ws.send(json.dumps(request))
        while True:
            msg = json.loads(await ws.recv())
            if msg.get("tipo") == "error":
                raise RuntimeError(msg.get("mensaje"))
            if msg.get("tipo") == "finalizado":
                return time.perf_counter() - start, msg["datos"]


async def one_round(url, clients, mode):
    stop, counts = asyncio.Event(), [0]
    ready = asyncio.Semaphore(0)
    tasks = [asyncio.create_task(reader(url, stop, counts, ready)) for _ in range(clients)]
    for _ in range(clients):
        await asyncio.wait_for(ready.acquire(), timeout=60)
    seconds, datos = await timed_batch(url, mode)
    stop.set()
    await asyncio.gather(*tasks)
    failed = sum(r.get("fallidas", 0) for r in datos.get("resultados", []))
    return seconds, counts[0], failed


async def measure(url, args):
    times = {0: [], args.clients: []}
    await one_round(url, 0, args.mode)  # warm-up: page cache, first-run costs
    for r in range(args.runs):
        for clients in (0, args.clients):
            seconds, received, failed = await one_round(url, clients, args.mode)
            times[clients].append(seconds)
            print(f"  round {r + 1}/{args.runs}  {clients:4d} clients  {seconds:7.2f} s  "
                  f"{received} messages read by the clients, {failed} failed outputs", flush=True)
    return times


def main():
    args = parse_args()
    root = tempfile.mkdtemp(prefix="lote-ws-bench-")
    try:
        os.makedirs(os.path.join(root, "input"), exist_ok=True)
        for name in os.listdir(args.photos):
            shutil.copyfile(os.path.join(args.photos, name), os.path.join(root, "input", name))
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        server, url = start_server(args.lote, root)
        try:
            times = loop.run_until_complete(measure(url, args))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    base, crowd = statistics.median(times[0]), statistics.median(times[args.clients])
    per_round = [c / b for b, c in zip(times[0], times[args.clients])]
    ratio = statistics.median(per_round)
    verdict = "PASS" if ratio <= 1.05 else "FAIL"
    print(f"\nbatch with 0 clients: {base:.2f} s; with {args.clients}: {crowd:.2f} s; "
          f"ratio {ratio:.3f} (per round {min(per_round):.3f}-{max(per_round):.3f})  "
          f"target <= 1.05  {verdict}")
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump({"clients": args.clients, "mode": args.mode, "times": times,
                   "ratio": ratio, "per_round": per_round, "pass": ratio <= 1.05}, f, indent=2)
    return 0 if ratio <= 1.05 else 1


if __name__ == "__main__":
    sys.exit(main())
