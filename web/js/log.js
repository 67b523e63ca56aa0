// The activity log: bounded (old lines drop off) and written once per animation frame, so a burst
// of progress messages costs one DOM update instead of hundreds.
const MAX_LINES = 300;

export class ActivityLog {
  constructor(list) {
    this.list = list;
    this.pending = [];
    this.frame = 0;
  }

  add(text, kind = 'info') {
    this.pending.push({ text, kind, time: new Date() });
    if (this.pending.length > MAX_LINES) this.pending.splice(0, this.pending.length - MAX_LINES);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  clear() {
    this.pending = [];
    this.list.replaceChildren();
  }

  flush() {
    this.frame = 0;
    const stick = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 24;
    const fragment = document.createDocumentFragment();
    for (const line of this.pending) fragment.append(this.item(line));
    this.pending = [];
    this.list.append(fragment);
    const extra = this.list.childElementCount - MAX_LINES;
    for (let i = 0; i < extra; i++) this.list.firstElementChild.remove();
    // Follow new lines unless the reader scrolled up to look at older ones.
    if (stick) this.list.scrollTop = this.list.scrollHeight;
  }

  item({ text, kind, time }) {
    const li = document.createElement('li');
    li.className = kind;
    const stamp = document.createElement('time');
    stamp.dateTime = time.toISOString();
    stamp.textContent = time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    li.append(stamp, text);
    return li;
  }
}
