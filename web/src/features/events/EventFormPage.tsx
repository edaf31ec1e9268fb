import { timeZoneForProvince } from "@jangkau/shared/domain/timezone/index";
import { EVENT_PARTNER_ROLES, EVENT_TYPES, type EventType } from "@jangkau/shared/schema/enums";
import { A, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from "solid-js";
import { t } from "../../i18n/index.ts";
import { fetchCampaigns } from "../campaigns/api.ts";
import {
  createEvent,
  type EventDetail,
  fetchAreas,
  fetchAssignableStaff,
  fetchEvent,
  fetchOffices,
  fetchPartners,
  updateEvent,
} from "./api.ts";
import { createFieldErrors, Field, FormError, parseCount } from "./ui.tsx";
import "./events.css";

type Role = (typeof EVENT_PARTNER_ROLES)[number];

/** /events/new and /events/:id/edit — the plan of an event, checked again by the server. */
export default function EventFormPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const editing = () => Boolean(params.id);
  const [existing, { refetch }] = createResource(
    () => params.id,
    (id) => fetchEvent(id),
  );
  const [campaigns] = createResource(() => fetchCampaigns());
  const [offices] = createResource(fetchOffices);
  const [partners] = createResource(fetchPartners);
  const [provinces] = createResource(() => fetchAreas({}));

  const [campaignId, setCampaignId] = createSignal(
    typeof search.campaign === "string" ? search.campaign : "",
  );
  const [type, setType] = createSignal<EventType>("sarasehan");
  const [title, setTitle] = createSignal("");
  const [startLocal, setStartLocal] = createSignal("");
  const [endLocal, setEndLocal] = createSignal("");
  const [venue, setVenue] = createSignal("");
  const [province, setProvince] = createSignal("");
  const [regency, setRegency] = createSignal("");
  const [district, setDistrict] = createSignal("");
  const [expected, setExpected] = createSignal("");
  const [target, setTarget] = createSignal("0");
  const [budget, setBudget] = createSignal("0");
  const [chosenPartners, setChosenPartners] = createSignal<Record<string, Role>>({});
  const [staffIds, setStaffIds] = createSignal<string[]>([]);
  const [shared, setShared] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const errors = createFieldErrors();

  /** Fill the form from the event being edited (again after a version conflict reload). */
  const load = (e: EventDetail) => {
    setCampaignId(e.campaign?.id ?? "");
    setType(e.type);
    setTitle(e.title);
    setStartLocal(e.startLocal);
    setEndLocal(e.endLocal);
    setVenue(e.venue ?? "");
    const code = e.area?.code ?? "";
    setProvince(code.slice(0, 2));
    setRegency(code.slice(0, 5));
    setDistrict(code.length >= 8 ? code.slice(0, 8) : "");
    setExpected(e.expectedAttendance == null ? "" : String(e.expectedAttendance));
    setTarget(String(e.targetSignups));
    setBudget(String(e.plannedBudget));
    setChosenPartners(Object.fromEntries(e.partners.map((p) => [p.id, p.role])));
    setStaffIds(e.staff.map((s) => s.id));
    setShared(e.sharedWithPartners);
  };
  createEffect(on(existing, (e) => e && load(e)));

  const openCampaigns = () =>
    (campaigns() ?? []).filter((c) => c.status !== "closed" || c.id === campaignId());
  const campaign = createMemo(() => (campaigns() ?? []).find((c) => c.id === campaignId()));
  const officeId = () => existing()?.office?.id ?? campaign()?.officeId ?? "";
  // A new event's province starts as its office's province.
  createEffect(
    on([officeId, offices], ([id, list]) => {
      if (editing() || province() || !id || !list) return;
      const o = list.find((x) => x.id === id);
      if (o) setProvince(o.provinceCode);
    }),
  );
  const [regencies] = createResource(province, (p) => (p ? fetchAreas({ parent: p }) : Promise.resolve([])));
  const [districts] = createResource(regency, (r) => (r ? fetchAreas({ parent: r }) : Promise.resolve([])));
  const [staff] = createResource(officeId, (id) => (id ? fetchAssignableStaff(id) : Promise.resolve([])));
  const zone = () => (province() ? timeZoneForProvince(province()) : null);
  const areaCode = () => district() || regency();

  const togglePartner = (id: string, checked: boolean) =>
    setChosenPartners((all) => {
      const next = { ...all };
      if (checked) next[id] = "co_host";
      else delete next[id];
      return next;
    });

  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    errors.clear();
    if (!areaCode()) {
      errors.set("areaCode", t("ev.field.regency"));
      return;
    }
    const plan = {
      type: type(),
      title: title(),
      startLocal: startLocal(),
      endLocal: endLocal(),
      venue: venue().trim() || null,
      areaCode: areaCode(),
      expectedAttendance: parseCount(expected()),
      targetSignups: parseCount(target()) ?? 0,
      plannedBudget: parseCount(budget()) ?? 0,
      partners: Object.entries(chosenPartners()).map(([partnerId, role]) => ({ partnerId, role })),
      staffIds: staffIds(),
      sharedWithPartners: shared(),
    };
    setBusy(true);
    try {
      const current = existing();
      const saved = current
        ? await updateEvent(current.id, { version: current.version, ...plan })
        : await createEvent({ campaignId: campaignId(), ...plan });
      navigate(`/events/${saved.id}`);
    } catch (err) {
      const apiError = errors.take(err);
      if (apiError.code === "version_conflict") {
        errors.clear();
        errors.set("version", t("ev.page.conflict"));
        await refetch();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="event-form-page">
      <A href={existing() ? `/events/${existing()?.id}` : "/events"} class="back-link">
        {t("ev.page.back")}
      </A>
      <h1>{editing() ? t("ev.edit") : t("ev.new")}</h1>
      <Show when={!editing() || existing()} fallback={<p class="loading">{t("common.loading")}</p>}>
        <form class="card event-form" onSubmit={submit} novalidate>
          <FormError errors={errors} />
          <Show when={errors.of("version")}>
            <p class="error" role="alert">
              {errors.of("version")}
            </p>
          </Show>
          <Show when={!editing()}>
            <Field label={t("ev.field.campaign")} path="campaignId" errors={errors}>
              <select
                name="campaignId"
                value={campaignId()}
                onChange={(e) => setCampaignId(e.currentTarget.value)}
                required
              >
                <option value="">—</option>
                <For each={openCampaigns()}>
                  {(c) => (
                    <option value={c.id} selected={c.id === campaignId()}>
                      {c.name} ({c.officeName})
                    </option>
                  )}
                </For>
              </select>
            </Field>
          </Show>

          <fieldset class="type-picker" data-field="type">
            <legend>{t("ev.field.type")}</legend>
            <For each={EVENT_TYPES}>
              {(x) => (
                <label class="type-option" classList={{ checked: type() === x }}>
                  <input
                    type="radio"
                    name="type"
                    value={x}
                    checked={type() === x}
                    onChange={() => setType(x)}
                  />
                  <span class={`type-dot type-${x}`} />
                  {t(`ev.type.${x}`)}
                </label>
              )}
            </For>
          </fieldset>

          <Field label={t("ev.field.title")} path="title" errors={errors}>
            <input
              name="title"
              value={title()}
              onInput={(e) => setTitle(e.currentTarget.value)}
              maxLength={200}
              required
            />
          </Field>

          <div class="form-grid">
            <Field label={t("ev.field.start")} path="startLocal" errors={errors}>
              <input
                type="datetime-local"
                name="startLocal"
                value={startLocal()}
                onInput={(e) => setStartLocal(e.currentTarget.value)}
                required
              />
            </Field>
            <Field label={t("ev.field.end")} path="endLocal" errors={errors}>
              <input
                type="datetime-local"
                name="endLocal"
                value={endLocal()}
                onInput={(e) => setEndLocal(e.currentTarget.value)}
                required
              />
            </Field>
          </div>
          <p class="muted small zone-note" data-zone={zone() ?? ""}>
            {zone() ? t("ev.field.zone", { zone: zone() ?? "" }) : t("ev.field.zoneUnknown")}
          </p>

          <Field label={t("ev.field.venue")} path="venue" errors={errors}>
            <input
              name="venue"
              value={venue()}
              onInput={(e) => setVenue(e.currentTarget.value)}
              maxLength={300}
            />
          </Field>

          <div class="form-grid three">
            <label class="field">
              <span>{t("ev.field.province")}</span>
              <select
                name="province"
                value={province()}
                onChange={(e) => {
                  setProvince(e.currentTarget.value);
                  setRegency("");
                  setDistrict("");
                }}
              >
                <option value="">—</option>
                <For each={provinces() ?? []}>
                  {(a) => (
                    <option value={a.code} selected={a.code === province()}>
                      {a.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <Field label={t("ev.field.regency")} path="areaCode" errors={errors}>
              <select
                name="regency"
                value={regency()}
                onChange={(e) => {
                  setRegency(e.currentTarget.value);
                  setDistrict("");
                }}
              >
                <option value="">—</option>
                <For each={regencies() ?? []}>
                  {(a) => (
                    <option value={a.code} selected={a.code === regency()}>
                      {a.name}
                    </option>
                  )}
                </For>
              </select>
            </Field>
            <label class="field">
              <span>{t("ev.field.district")}</span>
              <select name="district" value={district()} onChange={(e) => setDistrict(e.currentTarget.value)}>
                <option value="">—</option>
                <For each={districts() ?? []}>
                  {(a) => (
                    <option value={a.code} selected={a.code === district()}>
                      {a.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
          </div>

          <div class="form-grid three">
            <Field label={t("ev.field.expectedAttendance")} path="expectedAttendance" errors={errors}>
              <input
                inputMode="numeric"
                name="expectedAttendance"
                value={expected()}
                onInput={(e) => setExpected(e.currentTarget.value)}
              />
            </Field>
            <Field label={t("ev.field.targetSignups")} path="targetSignups" errors={errors}>
              <input
                inputMode="numeric"
                name="targetSignups"
                value={target()}
                onInput={(e) => setTarget(e.currentTarget.value)}
              />
            </Field>
            <Field label={t("ev.field.plannedBudget")} path="plannedBudget" errors={errors}>
              <input
                inputMode="numeric"
                name="plannedBudget"
                value={budget()}
                onInput={(e) => setBudget(e.currentTarget.value)}
              />
            </Field>
          </div>

          <fieldset class="choice-list" data-field="partners">
            <legend>{t("ev.field.partners")}</legend>
            <For each={partners() ?? []}>
              {(p) => {
                const index = () => Object.keys(chosenPartners()).indexOf(p.id);
                return (
                  <div
                    class="choice"
                    classList={{ checked: p.id in chosenPartners() }}
                    data-partner-id={p.id}
                  >
                    <label class="choice-label">
                      <input
                        type="checkbox"
                        name="partner"
                        value={p.id}
                        checked={p.id in chosenPartners()}
                        onChange={(e) => togglePartner(p.id, e.currentTarget.checked)}
                      />
                      <span>
                        {p.name}
                        <span class="muted small"> · {t(`ev.partnerType.${p.type}`)}</span>
                      </span>
                    </label>
                    <Show when={p.id in chosenPartners()}>
                      <select
                        aria-label={`${p.name} — peran`}
                        value={chosenPartners()[p.id]}
                        onChange={(e) =>
                          setChosenPartners((all) => ({ ...all, [p.id]: e.currentTarget.value as Role }))
                        }
                      >
                        <For each={EVENT_PARTNER_ROLES}>
                          {(r) => (
                            <option value={r} selected={r === chosenPartners()[p.id]}>
                              {t(`ev.role.${r}`)}
                            </option>
                          )}
                        </For>
                      </select>
                    </Show>
                    <Show when={index() >= 0 && errors.of(`partners.${index()}`)}>
                      <span class="field-error" role="alert" data-error-for={`partners.${index()}.partnerId`}>
                        {errors.of(`partners.${index()}`)}
                      </span>
                    </Show>
                  </div>
                );
              }}
            </For>
          </fieldset>

          <fieldset class="choice-list" data-field="staffIds">
            <legend>{t("ev.field.staff")}</legend>
            <Show when={(staff() ?? []).length} fallback={<p class="muted">{t("ev.page.noStaff")}</p>}>
              <For each={staff()}>
                {(s) => {
                  const index = () => staffIds().indexOf(s.id);
                  return (
                    <div class="choice" classList={{ checked: index() >= 0 }}>
                      <label class="choice-label">
                        <input
                          type="checkbox"
                          name="staff"
                          value={s.id}
                          checked={index() >= 0}
                          onChange={(e) =>
                            setStaffIds((ids) =>
                              e.currentTarget.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id),
                            )
                          }
                        />
                        <span>{s.name}</span>
                      </label>
                      <Show when={index() >= 0 && errors.of(`staffIds.${index()}`)}>
                        <span class="field-error" role="alert">
                          {errors.of(`staffIds.${index()}`)}
                        </span>
                      </Show>
                    </div>
                  );
                }}
              </For>
            </Show>
          </fieldset>

          <label class="check-row">
            <input
              type="checkbox"
              name="sharedWithPartners"
              checked={shared()}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
            <span>{t("ev.field.shared")}</span>
          </label>

          <div class="row form-actions">
            <button type="submit" class="primary big" disabled={busy()}>
              {t("common.save")}
            </button>
            <A href={existing() ? `/events/${existing()?.id}` : "/events"} class="button">
              {t("common.cancel")}
            </A>
          </div>
        </form>
      </Show>
    </section>
  );
}
