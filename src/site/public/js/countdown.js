// SLA countdowns: each [data-countdown] element shows the time left until its due instant (or how
// far past it), as the build wrote it, and this script keeps it counting. A site built at the
// current time counts from the reader's clock; one built as of a chosen instant (--now, a demo's
// reference time) counts from that instant onwards, so it reads as the page's "as of" says.
// The wording is that of src/core/queue.ts timeLeft (formatSeconds in src/core/format.ts).
const cells = document.querySelectorAll('[data-countdown]');
if (cells.length > 0) {
  const root = document.documentElement;
  const asOf = Date.parse(root.dataset.asOf ?? '');
  const live = root.dataset.live === 'true' || Number.isNaN(asOf);
  const opened = Date.now();
  // Whole seconds, as the build counts: a reading a few milliseconds after the build instant is that instant.
  const whole = (ms) => Math.floor(ms / 1000) * 1000;
  const now = () => (live ? whole(Date.now()) : asOf + whole(Date.now() - opened));
  const span = (s) => {
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (d > 0) return `${d}d ${h}h`;
    if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
    if (m > 0) return `${m}m`;
    return `${s}s`;
  };
  const tick = () => {
    const t = now();
    for (const el of cells) {
      const left = Math.floor((Date.parse(el.dataset.countdown) - t) / 1000);
      const text = left >= 0 ? `${span(left)} left` : `overdue ${span(-left)}`;
      if (el.textContent !== text) el.textContent = text;
      el.classList.toggle('bad', left < 0);
    }
  };
  tick();
  setInterval(tick, 1000);
}
