// Loaded only by `import()` from StatsChart.tsx: uPlot and its styles become their own chunk.
import 'uplot/dist/uPlot.min.css';

export { default as UPlot } from 'uplot';
