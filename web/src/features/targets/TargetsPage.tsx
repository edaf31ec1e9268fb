import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { number } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import { deleteTarget, fetchBaselines, fetchOffices, fetchTargets, type Target } from "./api.ts";
import BaselinesPanel from "./BaselinesPanel.tsx";
import { createFieldErrors } from "./form.ts";
import TargetForm from "./TargetForm.tsx";
import "../dashboard/i18n.ts";
import "./i18n.ts";
import "../dashboard/dashboard.css";
import "./targets.css";

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 9 }, (_, i) => THIS_YEAR + 2 - i);

/**
 * /targets — yearly targets of the offices in scope (absolute, or growth over a baseline
 * year), their monthly and regency splits, and the historical totals they rest on.
 */
export default function TargetsPage() {
  const [params] = useSearchParams<{ year: string }>();
  const navigate = useNavigate();
  const year = () => Number(params.year) || THIS_YEAR;
  const [targets, { refetch: refetchTargets }] = createResource(year, fetchTargets);
  const [baselines, { refetch: refetchBaselines }] = createResource(fetchBaselines);
  const [offices] = createResource(fetchOffices);
  const [editing, setEditing] = createSignal<Target | "new" | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const errors = createFieldErrors();

  const officeName = (id: string) => offices()?.find((o) => o.id === id)?.name ?? id;
  const remove = async (target: Target) => {
    if (!confirm(t("tgt.confirmDelete"))) return;
    errors.clear();
    try {
      await deleteTarget(target.id, target.version);
      await refetchTargets();
    } catch (err) {
      errors.take(err);
      await refetchTargets();
    }
  };

  return (
    <section class="targets-page">
      <div class="row">
        <h1>{t("tgt.title")}</h1>
        <span class="spacer" />
        <label class="inline">
          {t("tgt.year")}
          <select
            name="year"
            value={String(year())}
            onChange={(e) => navigate(`/targets?year=${e.currentTarget.value}`)}
          >
            <For each={YEARS}>{(y) => <option value={y}>{y}</option>}</For>
          </select>
        </label>
        <button type="button" class="primary" onClick={() => setEditing("new")} disabled={editing() !== null}>
          {t("tgt.add")}
        </button>
      </div>
      <Show when={notice()}>
        <p class="badge" role="status">
          {notice()}
        </p>
      </Show>
      <Show when={errors.form()}>
        <p class="error" role="alert">
          {errors.form()}
        </p>
      </Show>

      <Show when={editing() !== null && offices()}>
        {(list) => (
          <TargetForm
            offices={list()}
            baselines={baselines() ?? []}
            year={year()}
            existing={editing() === "new" ? null : (editing() as Target)}
            onSaved={async () => {
              setEditing(null);
              setNotice(t("tgt.saved"));
              await refetchTargets();
            }}
            onConflict={async () => {
              const fresh = (await refetchTargets())?.find((x) => x.id === (editing() as Target).id);
              if (fresh) setEditing(fresh);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Show>

      <section class="card">
        <Show
          when={targets()?.length}
          fallback={<p class="muted">{targets.loading ? t("common.loading") : t("tgt.none")}</p>}
        >
          <table class="compact" data-testid="targets-table">
            <thead>
              <tr>
                <th>{t("tgt.columns.office")}</th>
                <th>{t("tgt.columns.segment")}</th>
                <th class="num">{t("tgt.columns.target")}</th>
                <th>{t("tgt.columns.basis")}</th>
                <th class="num">{t("tgt.columns.potential")}</th>
                <th class="num">{t("tgt.columns.starting")}</th>
                <th>{t("tgt.columns.splits")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={targets()}>
                {(target) => (
                  <tr data-target={target.id}>
                    <td>
                      <A
                        href={`/dashboard?office=${target.officeId}&year=${target.year}&segment=${target.segment}`}
                      >
                        {officeName(target.officeId)}
                      </A>
                    </td>
                    <td>{target.segment.toUpperCase()}</td>
                    <td class="num">{number(target.value)}</td>
                    <td>
                      {target.kind === "growth"
                        ? t("tgt.growthOf", {
                            pct: number(target.growthPct, 0),
                            year: String(target.baselineYear),
                          })
                        : t("tgt.kinds.absolute")}
                    </td>
                    <td class="num">{number(target.potential)}</td>
                    <td class="num">{number(target.startingParticipants)}</td>
                    <td class="small">
                      {[
                        target.monthlySplit ? t("tgt.splitMonths") : null,
                        target.regencySplit
                          ? t("tgt.splitRegencies", { n: Object.keys(target.regencySplit).length })
                          : null,
                      ]
                        .filter(Boolean)
                        .join(", ") || "–"}
                    </td>
                    <td class="actions">
                      <button type="button" onClick={() => setEditing(target)} disabled={editing() !== null}>
                        {t("tgt.edit")}
                      </button>
                      <button type="button" class="link" onClick={() => remove(target)}>
                        {t("tgt.delete")}
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>

      <Show when={offices()}>
        {(list) => (
          <BaselinesPanel
            offices={list()}
            baselines={baselines() ?? []}
            onChange={async () => {
              await refetchBaselines();
              await refetchTargets();
            }}
          />
        )}
      </Show>
    </section>
  );
}
