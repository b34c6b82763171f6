import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from './echarts';

/**
 * One chart: ECharts loaded on first use (its own chunk), drawn as SVG into a box that reads as
 * an image with its summary to assistive technology; the figures are in the tables beside.
 */
export function Chart({
  option,
  label,
  height = 320,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let gone = false;
    let dispose = () => {};
    void import('./echarts').then(({ echarts }) => {
      if (gone || !box.current) return;
      const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
      chart.setOption(option);
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      gone = true;
      dispose();
    };
  }, [option]);
  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid="chart"
      style={{ width: '100%', height }}
    />
  );
}
