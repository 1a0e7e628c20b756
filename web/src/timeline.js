// The timeline: how many incidents fell in each slice of time, stacked by
// review state, as uPlot bars; dragging across it picks the range.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { STATE_COLOURS } from './map.js';
import { signingTime } from './keys.js';

export function createTimeline(element, { onRange }) {
  let plot = null;
  let data = null;
  const width = () => Math.max(300, element.clientWidth);

  function render(answer) {
    data = answer;
    element.dataset.bins = String(answer.counts.length);
    if (!answer.from || !answer.counts.length) {
      if (plot) plot.destroy();
      plot = null;
      element.textContent = 'No incidents in this selection.';
      return;
    }
    if (!plot) element.textContent = '';
    const states = Object.keys(answer.states || {});
    const start = Date.parse(answer.from) / 1000;
    const step = answer.bin_seconds;
    const xs = answer.counts.map((_, i) => start + i * step);
    // Stacked: each series is the running total up to its state.
    const series = [{}];
    const columns = [xs];
    let acc = xs.map(() => 0);
    for (const s of states) {
      acc = acc.map((v, i) => v + (answer.states[s][i] || 0));
      columns.push(acc.slice());
      series.push({ label: s, stroke: STATE_COLOURS[s] || '#555', fill: STATE_COLOURS[s] || '#555', paths: uPlot.paths.bars({ size: [0.9, 40] }), points: { show: false } });
    }
    if (!states.length) {
      columns.push(answer.counts);
      series.push({ label: 'incidents', stroke: '#455a64', fill: '#90a4ae', paths: uPlot.paths.bars({ size: [0.9, 40] }), points: { show: false } });
    }
    // Drawn last-first so the lower totals lie on top.
    const order = [columns[0], ...columns.slice(1).reverse()];
    const ordered = [series[0], ...series.slice(1).reverse()];
    if (plot) plot.destroy();
    plot = new uPlot(
      {
        width: width(),
        height: 110,
        legend: { show: true, live: false },
        cursor: { drag: { x: true, y: false, setScale: false } },
        select: { show: true },
        scales: { x: { time: true } },
        axes: [{ space: 60 }, { size: 36, space: 20 }],
        series: ordered,
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width < 3) return;
              const a = u.posToVal(u.select.left, 'x');
              const b = u.posToVal(u.select.left + u.select.width, 'x');
              onRange(signingTime(a * 1000), signingTime(b * 1000));
              u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
            },
          ],
        },
      },
      order,
      element,
    );
    element.dataset.bins = String(answer.counts.length);
  }

  const resize = () => plot && plot.setSize({ width: width(), height: 110 });
  window.addEventListener('resize', resize);
  return { render, get data() { return data; }, destroy: () => { window.removeEventListener('resize', resize); if (plot) plot.destroy(); } };
}
