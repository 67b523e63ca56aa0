// Telling the user how a job goes when they look elsewhere: the tab title shows the progress, a
// screen reader hears the end through a polite live region (no sound), and a desktop notification
// (only with permission, asked when Start is pressed) says when a long job ended in a hidden tab.
import { t } from './i18n.js';

const LONG_JOB_SECONDS = 20;

export class Notifier {
  constructor(live) {
    this.live = live;
    this.baseTitle = document.title;
  }

  // Asked from a click (browsers only allow it then); a refusal is remembered by the browser.
  askPermission() {
    if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
    Notification.requestPermission().catch(() => {});
  }

  progress(state, percent) {
    const base = t('app.title');
    if (state === 'running') document.title = `${Math.floor(percent)}% · ${base}`;
    else if (state === 'done') document.title = `✓ ${base}`;
    else if (state === 'cancelled' || state === 'failed') document.title = `${t(`state.${state}`)} · ${base}`;
    else document.title = base;
  }

  ended(text, elapsedSeconds) {
    this.live.textContent = '';
    // A fresh text node each time, so the same words twice are still announced.
    requestAnimationFrame(() => { this.live.textContent = text; });
    const long = Number.isFinite(elapsedSeconds) && elapsedSeconds >= LONG_JOB_SECONDS;
    if (!long || !document.hidden) return;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      new Notification('lote', { body: text, tag: 'lote-job', silent: true });
    } catch {
      /* some browsers only allow notifications from a service worker: the title still tells */
    }
  }
}
