"""Peak memory of a whole process tree: the sum of every descendant's resident set, sampled.

/usr/bin/time reports one process's peak; a batch tool with worker processes (lote's procesos
mode, a multiprocessing Pool, GNU parallel) needs the sum over the tree at the same instant.
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


def tree_rss_bytes(root):
    """Total resident memory of `root` and all its descendants, now."""
    return sum(_rss_bytes(pid) for pid in _tree(root, _parent_map()))


class TreeMemorySampler:
    """Samples a process tree's total RSS every `interval` seconds in a thread; keeps the peak."""

    def __init__(self, root_pid, interval=0.05):
        self.root = root_pid
        self.interval = interval
        self.peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_bytes(self.root))
            self.samples += 1
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
