import { For, Show } from "solid-js";
import { percent } from "../../format.ts";
import { t } from "../../i18n/index.ts";

export interface CurveLine {
  label: string;
  points: { k: number; rate: number | null }[];
  strong?: boolean;
}

const PALETTE = ["#0b5d3b", "#c2410c", "#1d4ed8", "#7c3aed", "#b45309", "#0f766e", "#be185d", "#4b5563"];
const W = 540;
const H = 260;
const PAD = { left: 56, right: 24, top: 14, bottom: 48 };
const K_MAX = 12;

const x = (k: number) => PAD.left + (k / K_MAX) * (W - PAD.left - PAD.right);
const y = (rate: number) => PAD.top + (1 - rate) * (H - PAD.top - PAD.bottom);

/**
 * Retention curves as a small SVG (no chart library): share still paying at month 0 (first
 * payment), 3, 6 and 12 after sign-up, one line per group or cohort. Prints as drawn.
 */
export default function RetentionCurves(props: { lines: CurveLine[] }) {
  const path = (points: CurveLine["points"]) => {
    let d = "";
    let pen = false;
    for (const p of points) {
      if (p.rate === null) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${x(p.k).toFixed(1)},${y(p.rate).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  return (
    <figure class="ret-curves">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("ret.curves")}>
        <For each={[0, 0.25, 0.5, 0.75, 1]}>
          {(r) => (
            <g>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(r)} y2={y(r)} class="grid" />
              <text x={PAD.left - 6} y={y(r) + 4} text-anchor="end" class="tick">
                {percent(r)}
              </text>
            </g>
          )}
        </For>
        <For each={[0, 3, 6, 12]}>
          {(k) => (
            <text x={x(k)} y={H - 28} text-anchor="middle" class="tick">
              {k}
            </text>
          )}
        </For>
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 6} text-anchor="middle" class="tick">
          {t("ret.axis")}
        </text>
        <For each={props.lines}>
          {(line, i) => (
            <g style={{ color: PALETTE[i() % PALETTE.length] }}>
              <path
                d={path(line.points)}
                fill="none"
                stroke="currentColor"
                stroke-width={line.strong ? 4 : 2}
              />
              <For each={line.points.filter((p) => p.rate !== null)}>
                {(p) => (
                  <circle
                    cx={x(p.k)}
                    cy={y(p.rate as number)}
                    r={line.strong ? 5 : 3.5}
                    fill="currentColor"
                  />
                )}
              </For>
            </g>
          )}
        </For>
      </svg>
      <Show when={props.lines.length > 1}>
        <figcaption class="ret-legend">
          <For each={props.lines}>
            {(line, i) => (
              <span class="ret-legend-item">
                <span class="swatch" style={{ background: PALETTE[i() % PALETTE.length] }} />
                {line.label}
              </span>
            )}
          </For>
        </figcaption>
      </Show>
    </figure>
  );
}
