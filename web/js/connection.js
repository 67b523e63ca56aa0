// One WebSocket to the server that reconnects by itself. Delays grow 0.5 s, 1 s, 2 s … up to 10 s
// with some jitter (so many pages do not reconnect in lockstep after a restart) and reset once a
// connection has stayed open.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;

export class Connection extends EventTarget {
  constructor(urlFactory) {
    super();
    this.urlFactory = urlFactory;
    this.socket = null;
    this.attempt = 0;
    this.timer = null;
    this.state = 'connecting';
  }

  start() {
    this.open();
  }

  get connected() {
    return this.state === 'connected';
  }

  send(message) {
    if (!this.connected) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  // Drops the current socket (if any) and connects again now, e.g. after a token was entered.
  reconnectNow() {
    clearTimeout(this.timer);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
    }
    this.attempt = 0;
    this.open();
  }

  open() {
    this.setState('connecting');
    let socket;
    try {
      socket = new WebSocket(this.urlFactory());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('connected');
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket === socket) this.scheduleReconnect();
    };
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return; // the protocol only sends JSON; anything else is not ours to interpret
    }
    if (message && typeof message.tipo === 'string') {
      this.dispatchEvent(new CustomEvent('message', { detail: message }));
    }
  }

  nextDelay() {
    const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.attempt);
    this.attempt += 1;
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  scheduleReconnect() {
    this.socket = null;
    const delay = this.nextDelay();
    this.setState('disconnected', { delay });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  setState(state, extra = {}) {
    const wasConnected = this.state === 'connected';
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, wasConnected, ...extra } }));
  }
}
