// The jobs this page started (kept for the tab's session, so a reload still follows them) and the
// one it follows. Other people's jobs only show in the history and the "other jobs" indicator.
const STORAGE_KEY = 'lote.ownJobs';
const KEEP = 50;
const GRACE_MS = 8000;

export class OwnJobs {
  constructor() {
    this.ids = new Set(load());
    this.followed = null;   // the id of the job the progress and results panels show
    this.starting = false;  // a procesar was sent and not yet answered
    this.active = new Set(); // own jobs queued or running
    this.since = new Map();  // id -> when the page learnt it is active
  }

  add(id) {
    if (!id) return;
    this.ids.add(id);
    this.active.add(id);
    this.since.set(id, Date.now());
    this.followed = id;
    save([...this.ids].slice(-KEEP));
  }

  has(id) {
    return Boolean(id) && this.ids.has(id);
  }

  ended(id) {
    this.active.delete(id);
    this.since.delete(id);
  }

  // True while one of this page's jobs waits or runs, or a Start is on its way.
  get busy() {
    return this.starting || this.active.size > 0;
  }

  // From the server's estado: which of the running and queued jobs are someone else's, and
  // which of ours are no longer there (they ended while the page was away).
  // An estado may have been taken just before a job this page started was registered: a job is
  // only dropped as gone once it has been missing for a while (its finalizado normally ends it).
  reconcile(running = [], queued = [], now = Date.now()) {
    const live = new Set([...running, ...queued]);
    for (const id of [...this.active]) {
      if (!live.has(id) && now - (this.since.get(id) ?? 0) > GRACE_MS) this.ended(id);
    }
    for (const id of live) {
      if (this.ids.has(id) && !this.active.has(id)) {
        this.active.add(id);
        this.since.set(id, now);
      }
    }
    return [...live].filter((id) => !this.ids.has(id)).length;
  }
}

function load() {
  try {
    const list = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || '[]');
    return Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function save(list) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    /* not remembered across a reload; the page still follows it now */
  }
}
