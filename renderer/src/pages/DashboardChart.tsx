import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { CategoryHours } from '../data/stats';

// Only what this chart draws, so the chunk stays small; SVG keeps the text crisp when printed.
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

const ROW_HEIGHT = 40;

const percentOf = (c: CategoryHours) => (c.required ? Math.round((c.achieved / c.required) * 1000) / 10 : 0);
const describe = (c: CategoryHours) => `已修${c.achieved}/应修${c.required}学时，达标${c.met}/${c.trainees}人`;

/**
 * Hours met against hours required, per trainee category: each bar is the share of the
 * category's required 学时 already done (so a category of five shows as clearly as one of
 * two hundred), labelled with the hours and the trainees who have met the minimum.
 */
export default function DashboardChart({ data }: { data: CategoryHours[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(el.current!, undefined, { renderer: 'svg' });
    // Categories read top to bottom in the usual order; a category axis runs bottom up.
    const rows = [...data].reverse();
    chart.setOption({
      // Office PCs are slow and the figures matter more than motion.
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 132, right: 150, top: 8, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: { dataIndex: number }[]) => {
          const c = rows[params[0]!.dataIndex]!;
          return `${c.category}：完成 ${percentOf(c)}%<br/>${describe(c)}`;
        },
      },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: { type: 'category', data: rows.map((c) => c.category), axisTick: { show: false }, axisLabel: { width: 124, overflow: 'truncate' } },
      series: [
        {
          // The grey track (100%) carries the label past its end, where no bar reaches; the hours are in the tooltip.
          type: 'bar',
          barWidth: 16,
          barGap: '-100%',
          data: rows.map(() => 100),
          itemStyle: { color: '#eeeeee' },
          label: {
            show: true,
            position: 'right',
            color: '#333',
            formatter: ({ dataIndex }: { dataIndex: number }) => `${percentOf(rows[dataIndex]!)}%  达标${rows[dataIndex]!.met}/${rows[dataIndex]!.trainees}人`,
          },
          tooltip: { show: false },
        },
        { type: 'bar', barWidth: 16, barGap: '-100%', data: rows.map(percentOf), itemStyle: { color: '#b71c1c' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data]);
  return (
    <div
      ref={el}
      role="img"
      aria-label={data.map((c) => `${c.category}：${describe(c)}`).join('；')}
      style={{ width: '100%', height: data.length * ROW_HEIGHT + 40 }}
      data-testid="hours-chart"
    />
  );
}
