"""Peak memory of a whole process tree, sampled: the summed PSS and the summed RSS.

/usr/bin/time reports one process's peak; a batch tool with worker processes (lote's procesos
mode, a multiprocessing Pool, GNU parallel) needs the sum over the tree at the same instant.

Two sums are kept. RSS counts every resident page of each process, so a page shared by several
processes of the tree (a library's code, a forked child's copy-on-write pages) is counted once
per process. PSS (proportional set size, /proc/<pid>/smaps_rollup) charges a shared page to each
of the N processes that map it as 1/N, so the summed PSS is the memory the tree really occupies.
"""
import os
import threading

PAGE = os.sysconf("SC_PAGE_SIZE")


def _parent_map():
    """pid -> parent pid for every process visible now."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # gone between listdir and open
        # The command name may hold spaces and parentheses: the fields start after the last ')'.
        fields = stat[stat.rfind(b")") + 2:].split()
        parents[int(entry)] = int(fields[1])
    return parents


def _tree(root, parents):
    children = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def _rss_bytes(pid):
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss_bytes(pid):
    """The process's proportional set size; 0 once it is gone (or for a zombie)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024  # the kernel writes kB
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_memory_bytes(root):
    """(summed PSS, summed RSS) of `root` and all its descendants, now."""
    pids = _tree(root, _parent_map())
    return sum(_pss_bytes(pid) for pid in pids), sum(_rss_bytes(pid) for pid in pids)


def tree_rss_bytes(root):
    """Total resident memory of `root` and all its descendants, now."""
    return sum(_rss_bytes(pid) for pid in _tree(root, _parent_map()))


class TreeMemorySampler:
    """Samples a process tree every `interval` seconds in a thread; keeps the peak of the summed
    PSS (`peak_pss`) and, separately, the peak of the summed RSS (`peak_rss`, also `peak`)."""

    def __init__(self, root_pid, interval=0.05):
        self.root = root_pid
        self.interval = interval
        self.peak_pss = 0
        self.peak_rss = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def peak(self):
        return self.peak_rss

    def _run(self):
        while not self._stop.is_set():
            pss, rss = tree_memory_bytes(self.root)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_rss = max(self.peak_rss, rss)
            self.samples += 1
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
