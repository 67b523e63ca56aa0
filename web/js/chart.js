// A small canvas line chart of throughput (images per second) over the job's time. Drawn at the
// device's pixel ratio so it stays sharp; redrawn only when the page asks (once per frame at most).
import { formatNumber } from './i18n.js';

const COLORS = { line: '#1f4fa3', fill: 'rgba(31, 79, 163, 0.12)', grid: '#e6e9ed', text: '#555d66' };
const PAD = { left: 40, right: 10, top: 10, bottom: 22 };

export class ThroughputChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.series = [];
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  setSeries(series) {
    this.series = series;
    this.draw();
  }

  clear() {
    this.setSeries([]);
  }

  resize() {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.canvas.clientHeight * ratio));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    return ratio;
  }

  draw() {
    const ratio = this.resize();
    const ctx = this.canvas.getContext('2d');
    const w = this.canvas.width / ratio;
    const h = this.canvas.height / ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const plotW = w - PAD.left - PAD.right;
    const plotH = h - PAD.top - PAD.bottom;
    if (plotW <= 0 || plotH <= 0) return;

    const maxT = this.series.length ? this.series[this.series.length - 1].t : 10;
    const maxSpeed = niceCeiling(Math.max(1, ...this.series.map((p) => p.speed)));
    const x = (t) => PAD.left + (plotW * t) / maxT;
    const y = (s) => PAD.top + plotH - (plotH * s) / maxSpeed;

    this.drawGrid(ctx, { w, maxT, maxSpeed, x, y });
    if (this.series.length === 0) return;
    const points = [{ t: 0, speed: this.series[0].speed }, ...this.series];
    ctx.beginPath();
    points.forEach((p, i) => (i ? ctx.lineTo(x(p.t), y(p.speed)) : ctx.moveTo(x(p.t), y(p.speed))));
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = COLORS.line;
    ctx.stroke();
    ctx.lineTo(x(maxT), y(0));
    ctx.lineTo(x(0), y(0));
    ctx.closePath();
    ctx.fillStyle = COLORS.fill;
    ctx.fill();
  }

  drawGrid(ctx, { w, maxT, maxSpeed, x, y }) {
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = COLORS.text;
    ctx.strokeStyle = COLORS.grid;
    ctx.lineWidth = 1;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    for (let i = 0; i <= 4; i++) {
      const s = (maxSpeed * i) / 4;
      const yy = Math.round(y(s)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(PAD.left, yy);
      ctx.lineTo(w - PAD.right, yy);
      ctx.stroke();
      ctx.fillText(formatNumber(s, decimals(s)), PAD.left - 6, yy);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const step = niceCeiling(maxT / 5);
    for (let t = 0; t <= maxT + 1e-9; t += step) {
      ctx.fillText(`${formatNumber(t, step < 1 ? 1 : 0)} s`, x(t), y(0) + 6);
    }
  }
}

// Enough decimals for 0.25 or 2.5, none for whole numbers.
function decimals(v) {
  if (Number.isInteger(v)) return 0;
  return Number.isInteger(v * 10) ? 1 : 2;
}

// 1, 2, 5, 10, 20, 50… at or above v, so axis labels are round numbers.
function niceCeiling(v) {
  if (!(v > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * power >= v) return m * power;
  return 10 * power;
}
