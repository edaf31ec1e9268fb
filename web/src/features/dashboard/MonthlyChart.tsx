import { onCleanup, onMount } from "solid-js";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { monthName, number } from "../../format.ts";
import { t } from "../../i18n/index.ts";

export interface MonthPoint {
  month: string;
  signups: number;
  reached: number | null;
  targetPath: number | null;
}

/**
 * Cumulative reached against the target path, month by month, with the month's sign-ups as
 * bars on the right-hand axis. uPlot (~22 KB gzipped) is loaded with this module only, and
 * this module only by the dashboard pages.
 */
export default function MonthlyChart(props: { points: MonthPoint[]; height?: number }) {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;

  onMount(() => {
    const xs = props.points.map((_, i) => i + 1);
    const data: uPlot.AlignedData = [
      xs,
      props.points.map((p) => p.reached),
      props.points.map((p) => p.targetPath),
      props.points.map((p) => p.signups),
    ];
    const width = () => Math.max(280, host.clientWidth);
    const opts: uPlot.Options = {
      width: width(),
      height: props.height ?? 280,
      scales: {
        x: { time: false, range: [0.5, 12.5] },
        y: { range: (_u, _min, max) => [0, Math.max(10, max) * 1.05] },
      },
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      axes: [
        {
          values: (_u, ticks) =>
            ticks.map((v) =>
              Number.isInteger(v) ? (monthName(props.points[v - 1]?.month ?? "").split(" ")[0] ?? "") : "",
            ),
          splits: () => xs,
        },
        { values: (_u, ticks) => ticks.map((v) => number(v)), size: 70 },
        {
          scale: "m",
          side: 1,
          grid: { show: false },
          values: (_u, ticks) => ticks.map((v) => number(v)),
          size: 50,
        },
      ],
      series: [
        {},
        { label: t("dash.seriesReached"), stroke: "#0b5d3b", width: 3, points: { size: 7, fill: "#0b5d3b" } },
        { label: t("dash.seriesTarget"), stroke: "#c9961a", width: 2, dash: [8, 6], points: { show: false } },
        {
          label: t("dash.seriesSignups"),
          scale: "m",
          stroke: "#7fb89a",
          fill: "rgba(127, 184, 154, 0.45)",
          paths: uPlot.paths.bars?.({ size: [0.5, 40] }),
          points: { show: false },
        },
      ],
    };
    plot = new uPlot(opts, data, host);
    const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height: props.height ?? 280 }));
    resize.observe(host);
    onCleanup(() => {
      resize.disconnect();
      plot?.destroy();
    });
  });

  return <div class="monthly-chart" ref={host} role="img" aria-label={t("dash.monthly")} />;
}
