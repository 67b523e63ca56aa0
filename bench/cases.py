"""Every command the benchmark times: lote and its anchors, for each workload.

A case is one command line with a fresh output folder and the number of images it must write
(a case that writes fewer, or exits with an error, is reported as failed, never timed as a win).
"""
import json
import os
import subprocess
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import workloads as wl

W1_QUALITY = 75
W2_QUALITY = 85
W4_QUALITY = 80
THUMB_BOX = 256
THUMB_CHAIN = f"ajustar:ancho={THUMB_BOX},alto={THUMB_BOX}"
# sharp's JPEG settings: its own defaults at the workload's quality, and lote's encoder's.
SHARP_JPEG = ("default", "matched")
WEB_WIDTH = 1600
# What each seed filter's output is, for the codec floor: its scale, and one band for grey.
FLOOR_SHAPE = {"redimensionar": "0.5", "grises": "1:1"}


@dataclass
class Case:
    id: str
    workload: str
    label: str
    argv: List[str]
    out: str
    expected: int
    memory: bool = False
    env: Optional[Dict[str, str]] = None
    prepare: Callable[[], None] = field(default=lambda: None)


class LoteCli:
    """lote's `run` options, read from its own --help so the bench follows the CLI."""

    def __init__(self, binary):
        self.binary = binary
        try:
            text = subprocess.run([binary, "run", "--help"], capture_output=True, text=True,
                                  timeout=30).stdout
        except OSError:
            text = ""
        self.help = text
        self.workers_flag = self._first(["--workers", "--trabajadores", "-j"], "--workers")
        self.chain_flag = self._first(["--chain", "--cadena", "--recipe"], "--chain")

    def _first(self, candidates, default):
        return next((c for c in candidates if c in self.help), default)

    def argv(self, inputs, out, quality, mode, workers, chain=None):
        what = [self.chain_flag, chain] if chain else ["-f", "all"]
        return [self.binary, "run", inputs, "-o", out, *what, "--quality", str(quality),
                "--mode", mode, self.workers_flag, str(workers), "--force"]


def folder_of(images):
    folders = {os.path.dirname(p) for p in images}
    assert len(folders) == 1, "a workload's images live in one folder"
    return folders.pop()


def floor_argv(binary, images, out, quality, outputs, jobs, shrink_to=0):
    argv = [binary, "--out", out, "--quality", str(quality), "--outputs", outputs,
            "--jobs", str(jobs), "--concurrency", "1"]
    if shrink_to:
        argv += ["--shrink-to", str(shrink_to)]
    return argv + list(images)


def seed_floor_outputs():
    return ",".join(f"{f}={FLOOR_SHAPE.get(f, '1')}" for f in wl.SEED_FILTERS)


def output_file(out, name, image):
    stem, ext = os.path.splitext(os.path.basename(image))
    return os.path.join(out, name, f"{stem}_{name}{ext}")


def parallel_case(case_id, workload, label, script, images, names, out, quality, cores,
                  jobs_dir, env):
    """One `script NAME IN OUT Q W H` per (image, name), through GNU parallel on every core."""
    os.makedirs(jobs_dir, exist_ok=True)
    jobs_file = os.path.join(jobs_dir, case_id + ".tsv")
    with open(jobs_file, "w") as f:
        for image in images:
            w, h = wl.image_size(image)
            for name in names:
                f.write(f"{name}\t{image}\t{output_file(out, name, image)}\t{quality}\t{w}\t{h}\n")
    argv = ["parallel", "--will-cite", "-j", str(cores), "--colsep", "\t", "--halt",
            "now,fail=1", "bash", script, "{1}", "{2}", "{3}", "{4}", "{5}", "{6}",
            "::::", jobs_file]

    def make_folders():
        for name in names:
            os.makedirs(os.path.join(out, name), exist_ok=True)

    return Case(case_id, workload, label, argv, out, len(images) * len(names),
                env=env, prepare=make_folders)


def anchor_env(**extra):
    env = dict(os.environ)
    env.update(extra)
    return env


def w1_cases(ctx, lote):
    photos, cores, out = ctx["photos"], ctx["cores"], ctx["out"]
    n = len(photos) * len(wl.SEED_FILTERS)
    folder = folder_of(photos)
    cases = []
    if "lote" not in ctx["skip"]:
        for mode in ("threads", "procesos"):
            d = os.path.join(out, f"w1.lote.{mode}")
            cases.append(Case(f"w1.lote.{mode}", "W1", f"lote run -f all, --mode {mode}",
                              lote.argv(folder, d, W1_QUALITY, mode, cores), d, n))
        # What keeping EXIF, XMP, IPTC and the profile costs: the same run with none of it.
        d = os.path.join(out, "w1.lote.threads.nometa")
        cases.append(Case("w1.lote.threads.nometa", "W1", "lote run -f all, --metadata none",
                          lote.argv(folder, d, W1_QUALITY, "threads", cores) +
                          ["--metadata", "none"], d, n))
    cases += anchors_w1(ctx, photos, n)
    return cases


def anchors_w1(ctx, photos, n):
    cores, out, skip, bench = ctx["cores"], ctx["out"], ctx["skip"], ctx["bench"]
    cases = []
    if "floor" not in skip:
        d = os.path.join(out, "w1.floor")
        cases.append(Case("w1.floor", "W1", "codec floor (decode once, encode 12x)",
                          floor_argv(ctx["floor"], photos, d, W1_QUALITY, seed_floor_outputs(),
                                     cores), d, n))
    if "pillow" not in skip:
        d = os.path.join(out, "w1.pillow")
        cases.append(Case("w1.pillow", "W1", "Pillow script, Pool of one per core",
                          ["/usr/bin/python3", os.path.join(bench, "anchors", "pillow_batch.py"),
                           "--out", d, "--quality", str(W1_QUALITY), "--workers", str(cores),
                           "--seed-filters", *photos], d, n))
    for tool, label, script, env in tool_scripts(bench):
        if tool not in skip:
            d = os.path.join(out, f"w1.{tool}")
            cases.append(parallel_case(f"w1.{tool}", "W1", label, script, photos,
                                       wl.SEED_FILTERS, d, W1_QUALITY, cores, ctx["jobs"], env))
    return cases


def tool_scripts(bench):
    """The command-line anchors: each runs one process per (image, filter), one per core."""
    return [
        ("vips", "vips CLI per image x filter, parallel", os.path.join(bench, "anchors",
         "vips_one.sh"), anchor_env(VIPS_CONCURRENCY="1")),
        ("magick", "ImageMagick convert per image x filter, parallel",
         os.path.join(bench, "anchors", "magick_one.sh"), anchor_env(MAGICK_THREAD_LIMIT="1")),
    ]


def w2_cases(ctx, lote):
    large, cores, out, skip, bench = (ctx["large"], ctx["cores"], ctx["out"], ctx["skip"],
                                      ctx["bench"])
    n = len(large)
    cases = []
    if "lote" not in skip:
        for mode in ("threads", "procesos"):
            d = os.path.join(out, f"w2.lote.{mode}")
            cases.append(Case(f"w2.lote.{mode}", "W2", f"lote run web chain, --mode {mode}",
                              lote.argv(folder_of(large), d, W2_QUALITY, mode, cores,
                                        chain=wl.WEB_CHAIN), d, n, memory=True))
            d = os.path.join(out, f"w2.lote.logo.{mode}")
            logo_chain = wl.LOGO_CHAIN.format(logo=ctx["logo"])
            cases.append(Case(f"w2.lote.logo.{mode}", "W2",
                              f"lote run web chain with a logo, --mode {mode}",
                              lote.argv(folder_of(large), d, W2_QUALITY, mode, cores,
                                        chain=logo_chain), d, n, memory=True))
    if "floor" not in skip:
        d = os.path.join(out, "w2.floor")
        cases.append(Case("w2.floor", "W2", "codec floor (shrink-on-load, encode 1600 px)",
                          floor_argv(ctx["floor"], large, d, W2_QUALITY, f"web=w{WEB_WIDTH}",
                                     cores, shrink_to=WEB_WIDTH), d, n, memory=True))
    if "pillow" not in skip:
        d = os.path.join(out, "w2.pillow")
        cases.append(Case("w2.pillow", "W2", "Pillow script (thumbnail, sharpen, mark)",
                          ["/usr/bin/python3", os.path.join(bench, "anchors", "pillow_batch.py"),
                           "--out", d, "--quality", str(W2_QUALITY), "--workers", str(cores),
                           "--web", *large], d, n, memory=True))
    for tool, label, script, env in tool_scripts(bench):
        if tool not in skip:
            d = os.path.join(out, f"w2.{tool}")
            case = parallel_case(f"w2.{tool}", "W2", label.replace("x filter", "(chain)"),
                                 script, large, ["web"], d, W2_QUALITY, cores, ctx["jobs"], env)
            case.memory = True
            cases.append(case)
    cases += sharp_cases(ctx, "w2", "W2", large, W2_QUALITY, ["--web"], "web")
    return cases


def sharp_version(bench):
    """The installed sharp's version (bench/node, `npm ci` by run.sh), or None."""
    try:
        with open(os.path.join(bench, "node", "node_modules", "sharp", "package.json")) as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        return None


def sharp_cases(ctx, prefix, workload, images, quality, what, name):
    """sharp_batch.js (bench/node, installed by run.sh) in both JPEG settings; `what` is
    ["--web"] or ["--thumbs", S]."""
    if "sharp" in ctx["skip"] or not ctx.get("sharp"):
        return []
    cores, out, bench = ctx["cores"], ctx["out"], ctx["bench"]
    cases = []
    for settings in SHARP_JPEG:
        case_id = f"{prefix}.sharp.{settings}"
        d = os.path.join(out, case_id)
        cases.append(Case(case_id, workload, f"sharp {ctx['sharp']}, {settings} JPEG settings",
                          [ctx["node"], os.path.join(bench, "anchors", "sharp_batch.js"),
                           "--out", d, "--quality", str(quality), "--workers", str(cores),
                           "--jpeg", settings, *what, *images], d, len(images), memory=True,
                          env=anchor_env(UV_THREADPOOL_SIZE=str(cores))))
    return cases


def w4_set(ctx, lote, prefix, label, images):
    cores, out, skip, bench = ctx["cores"], ctx["out"], ctx["skip"], ctx["bench"]
    n = len(images)
    cases = []
    if "lote" not in skip:
        for mode in ("threads", "procesos"):
            d = os.path.join(out, f"{prefix}.lote.{mode}")
            cases.append(Case(f"{prefix}.lote.{mode}", "W4",
                              f"lote run thumbnails, {label}, --mode {mode}",
                              lote.argv(folder_of(images), d, W4_QUALITY, mode, cores,
                                        chain=THUMB_CHAIN), d, n, memory=True))
    cases += sharp_cases(ctx, prefix, "W4", images, W4_QUALITY, ["--thumbs", str(THUMB_BOX)],
                         "thumbs")
    if "vipsthumbnail" not in skip:
        d = os.path.join(out, f"{prefix}.vipsthumbnail")
        pattern = os.path.join(d, "thumbs", f"%s_thumbs.jpg[Q={W4_QUALITY}]")
        # -X hands each of the `cores` processes its share of the file list (one process per
        # core, not per image), VIPS_CONCURRENCY=1 keeps each on one core.
        argv = ["parallel", "--will-cite", "-j", str(cores), "-X", "--halt", "now,fail=1",
                "vipsthumbnail", "-s", f"{THUMB_BOX}x{THUMB_BOX}", "-o", pattern, ":::",
                *images]
        thumbs = os.path.join(d, "thumbs")
        cases.append(Case(f"{prefix}.vipsthumbnail", "W4", f"vipsthumbnail, {label}, parallel",
                          argv, d, n, memory=True, env=anchor_env(VIPS_CONCURRENCY="1"),
                          prepare=lambda thumbs=thumbs: os.makedirs(thumbs, exist_ok=True)))
    if "pillow" not in skip:
        d = os.path.join(out, f"{prefix}.pillow")
        cases.append(Case(f"{prefix}.pillow", "W4", f"Pillow thumbnail(), {label}, Pool",
                          ["/usr/bin/python3", os.path.join(bench, "anchors", "pillow_batch.py"),
                           "--out", d, "--quality", str(W4_QUALITY), "--workers", str(cores),
                           "--thumbs", str(THUMB_BOX), *images], d, n, memory=True))
    return cases


def w4_cases(ctx, lote):
    return (w4_set(ctx, lote, "w4.photos", "the sample photos", ctx["photos"]) +
            w4_set(ctx, lote, "w4.large", "24 MP versions", ctx["large"]))


def w5_cases(ctx, lote):
    """One 24 MP image through the web chain: lote in its default mode (no --mode, no
    --workers: what it picks for a one-image job) against one run of the vips CLI script."""
    image, out, skip, bench = ctx["one"][0], ctx["out"], ctx["skip"], ctx["bench"]
    cases = []
    if "lote" not in skip:
        d = os.path.join(out, "w5.lote")
        cases.append(Case("w5.lote", "W5", "lote run web chain, one image, default mode",
                          [lote.binary, "run", folder_of(ctx["one"]), "-o", d, lote.chain_flag,
                           wl.WEB_CHAIN, "--quality", str(W2_QUALITY), "--force"], d, 1))
    if "vips" not in skip:
        d = os.path.join(out, "w5.vips")
        w, h = wl.image_size(image)
        web = os.path.join(d, "web")
        cases.append(Case("w5.vips", "W5", "vips CLI web chain, one image",
                          ["bash", os.path.join(bench, "anchors", "vips_one.sh"), "web", image,
                           output_file(d, "web", image), str(W2_QUALITY), str(w), str(h)], d, 1,
                          env=anchor_env(), prepare=lambda web=web: os.makedirs(web,
                                                                              exist_ok=True)))
    return cases


def w3_cases(ctx, lote):
    photos, copies, cores, out, skip = (ctx["photos"], ctx["copies"], ctx["cores"], ctx["out"],
                                        ctx["skip"])
    per_image = len(wl.SEED_FILTERS)
    cases = []
    if "lote" not in skip:
        # A lone worker still gets libvips threads on every core (workers x threads = cores),
        # so the one-worker run is pinned to one core: the ratio is then one core vs all, as
        # the floor's one job (single-threaded) is.
        d = os.path.join(out, "w3.lote.1worker")
        cases.append(Case("w3.lote.1worker", "W3", "lote run -f all, threads, 1 worker, 1 core",
                          ["taskset", "-c", "0"] +
                          lote.argv(folder_of(photos), d, W1_QUALITY, "threads", 1), d,
                          len(photos) * per_image))
        d = os.path.join(out, "w3.lote.x4")
        cases.append(Case("w3.lote.x4", "W3", "lote run -f all, threads, 4x the images",
                          lote.argv(folder_of(copies), d, W1_QUALITY, "threads", cores), d,
                          len(copies) * per_image))
    if "floor" not in skip:
        d = os.path.join(out, "w3.floor.1job")
        cases.append(Case("w3.floor.1job", "W3", "codec floor, 1 job",
                          floor_argv(ctx["floor"], photos, d, W1_QUALITY, seed_floor_outputs(),
                                     1), d, len(photos) * per_image))
        d = os.path.join(out, "w3.floor.x4")
        cases.append(Case("w3.floor.x4", "W3", "codec floor, 4x the images",
                          floor_argv(ctx["floor"], copies, d, W1_QUALITY, seed_floor_outputs(),
                                     cores), d, len(copies) * per_image))
    return cases


def build_cases(args, inputs, cores, out, bench):
    ctx = dict(inputs, cores=cores, out=out, bench=bench, skip=args.skip, floor=args.floor,
               node=args.node, sharp=sharp_version(bench),
               jobs=os.path.join(os.path.dirname(out), "jobs"),
               logo=wl.make_logo(os.path.join(os.path.dirname(out), "logo")))
    lote = LoteCli(args.lote)
    cases = []
    wanted = set(args.workloads)
    if "W3" in wanted:
        wanted.add("W1")  # W3's "all cores, 1x images" reference is W1's threads case
    if "W1" in wanted:
        cases += w1_cases(ctx, lote)
    if "W2" in wanted:
        cases += w2_cases(ctx, lote)
    if "W3" in wanted:
        cases += w3_cases(ctx, lote)
    if "W4" in wanted:
        cases += w4_cases(ctx, lote)
    if "W5" in wanted:
        cases += w5_cases(ctx, lote)
    return cases
