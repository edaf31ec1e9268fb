import { For, type JSX, Show } from "solid-js";
import { number } from "../../format.ts";
import { t } from "../../i18n/index.ts";

/** A horizontal bar for a table cell: `value` of `max` (capped at full width). */
export function Bar(props: { value: number | null; max: number; tone?: "ok" | "warn" | "muted" }) {
  const width = () =>
    props.value == null || props.max <= 0 ? 0 : Math.min(100, (props.value / props.max) * 100);
  return (
    <span class={`bar bar-${props.tone ?? "ok"}`} aria-hidden="true">
      <span style={{ width: `${width()}%` }} />
    </span>
  );
}

/** One figure with its label and an optional line under it. */
export function Kpi(props: { label: string; value: JSX.Element; sub?: JSX.Element; testid?: string }) {
  return (
    <div class="kpi" data-testid={props.testid}>
      <div class="kpi-label">{props.label}</div>
      <div class="kpi-value">{props.value}</div>
      <Show when={props.sub}>
        <div class="kpi-sub">{props.sub}</div>
      </Show>
    </div>
  );
}

/** A breakdown (occupation, payer, source…) as a table with bars. */
export function Breakdown(props: { title: string; rows: { key: string; label: string; count: number }[] }) {
  const max = () => Math.max(1, ...props.rows.map((r) => r.count));
  return (
    <section class="card">
      <h3>{props.title}</h3>
      <Show when={props.rows.length} fallback={<p class="muted">{t("common.empty")}</p>}>
        <table class="compact">
          <tbody>
            <For each={props.rows}>
              {(r) => (
                <tr>
                  <td>{r.label}</td>
                  <td class="num">{number(r.count)}</td>
                  <td class="bar-cell">
                    <Bar value={r.count} max={max()} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

/** Whole percent of an achievement, "114 %", or a dash. */
export const wholePercent = (a: { wholePercent: number } | null | undefined) =>
  a ? `${number(a.wholePercent)} %` : "–";

/** Percent with two decimals, "3,63 %". */
export const percent2 = (r: { percent: number } | null | undefined) =>
  r ? `${number(r.percent, 2)} %` : "–";
