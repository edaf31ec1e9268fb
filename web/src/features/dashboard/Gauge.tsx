import { Show } from "solid-js";
import { number } from "../../format.ts";

/**
 * A half-circle gauge of a target's achievement. The arc fills to 100 %; beyond it the arc
 * stays full and the number tells (114 %). A tick marks where the target path stands by now.
 */
export function Gauge(props: {
  ratio: number | null;
  expected?: number | null;
  label: string;
  size?: number;
}) {
  const clamp = (r: number) => Math.max(0, Math.min(1, r));
  const point = (r: number, radius = 50) => {
    const a = Math.PI * (1 - clamp(r));
    return { x: 60 + radius * Math.cos(a), y: 60 - radius * Math.sin(a) };
  };
  const arc = () => {
    const end = point(props.ratio ?? 0);
    return `M 10 60 A 50 50 0 0 1 ${end.x.toFixed(2)} ${end.y.toFixed(2)}`;
  };
  const tone = () => {
    const r = props.ratio;
    if (r == null) return "none";
    if (r >= 1) return "met";
    const expected = props.expected ?? null;
    if (expected == null || r >= expected) return "ok";
    return r >= expected * 0.75 ? "warn" : "bad";
  };
  return (
    <svg
      class={`gauge gauge-${tone()}`}
      viewBox="0 0 120 72"
      width={props.size ?? 160}
      role="img"
      aria-label={props.label}
    >
      <path d="M 10 60 A 50 50 0 0 1 110 60" class="gauge-track" />
      <Show when={props.ratio != null && props.ratio > 0}>
        <path d={arc()} class="gauge-value" />
      </Show>
      <Show when={props.expected != null && props.expected < 1}>
        {(() => {
          const inner = point(props.expected ?? 0, 40);
          const outer = point(props.expected ?? 0, 60);
          return <line x1={inner.x} y1={inner.y} x2={outer.x} y2={outer.y} class="gauge-tick" />;
        })()}
      </Show>
      <text x="60" y="58" class="gauge-text" text-anchor="middle">
        {props.ratio == null ? "–" : `${number(Math.floor(props.ratio * 100 + 1e-9))} %`}
      </text>
    </svg>
  );
}
