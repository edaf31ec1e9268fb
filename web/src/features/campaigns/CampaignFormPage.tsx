import { SEGMENTS } from "@jangkau/shared/schema/enums";
import { A, useNavigate, useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import { t } from "../../i18n/index.ts";
import { fetchOffices } from "../events/api.ts";
import { createFieldErrors, Field, FormError, parseCount } from "../events/ui.tsx";
import { createCampaign, fetchCampaign, updateCampaign } from "./api.ts";
import "./i18n.ts";
import "../events/events.css";

type Segment = (typeof SEGMENTS)[number];

/** /campaigns/new and /campaigns/:id/edit. */
export default function CampaignFormPage() {
  const params = useParams();
  const navigate = useNavigate();
  const [existing, { refetch }] = createResource(
    () => params.id,
    (id) => fetchCampaign(id),
  );
  const [offices] = createResource(fetchOffices);
  const year = new Date().getFullYear();
  const [officeId, setOfficeId] = createSignal("");
  const [name, setName] = createSignal("");
  const [segment, setSegment] = createSignal<Segment>("bpu");
  const [objective, setObjective] = createSignal("");
  const [periodStart, setPeriodStart] = createSignal(`${year}-01-01`);
  const [periodEnd, setPeriodEnd] = createSignal(`${year}-12-31`);
  const [target, setTarget] = createSignal("0");
  const [budget, setBudget] = createSignal("0");
  const [busy, setBusy] = createSignal(false);
  const errors = createFieldErrors();

  createEffect(
    on(existing, (c) => {
      if (!c) return;
      setOfficeId(c.officeId);
      setName(c.name);
      setSegment(c.segment);
      setObjective(c.objective ?? "");
      setPeriodStart(c.periodStart);
      setPeriodEnd(c.periodEnd);
      setTarget(String(c.targetSignups));
      setBudget(String(c.budget));
    }),
  );
  const branchOffices = () => (offices() ?? []).filter((o) => o.kind === "branch");
  const chosenOffice = () => officeId() || branchOffices()[0]?.id || "";

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    errors.clear();
    const fields = {
      name: name(),
      segment: segment(),
      objective: objective().trim() || null,
      periodStart: periodStart(),
      periodEnd: periodEnd(),
      targetSignups: parseCount(target()) ?? 0,
      budget: parseCount(budget()) ?? 0,
    };
    setBusy(true);
    try {
      const current = existing();
      const saved = current
        ? await updateCampaign(current.id, { version: current.version, ...fields })
        : await createCampaign({ officeId: chosenOffice(), ...fields });
      navigate(`/campaigns/${saved.id}`);
    } catch (err) {
      const e = errors.take(err);
      if (e.code === "version_conflict") {
        errors.clear();
        errors.set("version", t("cp.conflict"));
        await refetch();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <A href={existing() ? `/campaigns/${existing()?.id}` : "/campaigns"} class="back-link">
        {t("cp.back")}
      </A>
      <h1>{params.id ? t("cp.edit") : t("cp.new")}</h1>
      <form class="card event-form" onSubmit={submit} novalidate>
        <FormError errors={errors} />
        <Show when={errors.of("version")}>
          <p class="error" role="alert">
            {errors.of("version")}
          </p>
        </Show>
        <Show when={!params.id}>
          <Field label={t("cp.field.office")} path="officeId" errors={errors}>
            <select
              name="officeId"
              value={chosenOffice()}
              onChange={(e) => setOfficeId(e.currentTarget.value)}
            >
              <For each={offices() ?? []}>
                {(o) => (
                  <option value={o.id} selected={o.id === chosenOffice()}>
                    {o.name}
                  </option>
                )}
              </For>
            </select>
          </Field>
        </Show>
        <Field label={t("cp.field.name")} path="name" errors={errors}>
          <input name="name" value={name()} onInput={(e) => setName(e.currentTarget.value)} maxLength={200} />
        </Field>
        <Field label={t("cp.field.segment")} path="segment" errors={errors}>
          <select
            name="segment"
            value={segment()}
            onChange={(e) => setSegment(e.currentTarget.value as Segment)}
          >
            <For each={SEGMENTS}>
              {(s) => (
                <option value={s} selected={s === segment()}>
                  {t(`cp.segment.${s}`)}
                </option>
              )}
            </For>
          </select>
        </Field>
        <Field label={t("cp.field.objective")} path="objective" errors={errors}>
          <textarea
            name="objective"
            rows={3}
            value={objective()}
            onInput={(e) => setObjective(e.currentTarget.value)}
          />
        </Field>
        <div class="form-grid">
          <Field label={t("cp.field.periodStart")} path="periodStart" errors={errors}>
            <input
              type="date"
              name="periodStart"
              value={periodStart()}
              onInput={(e) => setPeriodStart(e.currentTarget.value)}
            />
          </Field>
          <Field label={t("cp.field.periodEnd")} path="periodEnd" errors={errors}>
            <input
              type="date"
              name="periodEnd"
              value={periodEnd()}
              onInput={(e) => setPeriodEnd(e.currentTarget.value)}
            />
          </Field>
          <Field label={t("cp.field.targetSignups")} path="targetSignups" errors={errors}>
            <input
              inputMode="numeric"
              name="targetSignups"
              value={target()}
              onInput={(e) => setTarget(e.currentTarget.value)}
            />
          </Field>
          <Field label={t("cp.field.budget")} path="budget" errors={errors}>
            <input
              inputMode="numeric"
              name="budget"
              value={budget()}
              onInput={(e) => setBudget(e.currentTarget.value)}
            />
          </Field>
        </div>
        <div class="row form-actions">
          <button type="submit" class="primary big" disabled={busy()}>
            {t("common.save")}
          </button>
          <A href={existing() ? `/campaigns/${existing()?.id}` : "/campaigns"} class="button">
            {t("common.cancel")}
          </A>
        </div>
      </form>
    </section>
  );
}
