import { A, useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, Show } from "solid-js";
import { session } from "../../auth/session.ts";
import { date, number, percent, rupiah } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import ActiveProduced from "../retention/ActiveProduced.tsx";
import { addAction, changeStatus, type EventDetail, fetchEvent, recordOutcome, updateAction } from "./api.ts";
import { createFieldErrors, eventWhen, Field, FormError, Loaded, parseCount, StatusBadge } from "./ui.tsx";
import "./events.css";

const REPORTING = ["held", "reported"];

/** /events/:id — plan, people, partners, live sign-ups and yield, outcome and follow-ups. */
export default function EventPage() {
  const params = useParams();
  const [event, { refetch, mutate }] = createResource(
    () => params.id,
    (id) => fetchEvent(id),
  );
  const role = () => session.me()?.role;
  const canPlan = () => role() === "manager" || role() === "admin";
  const [notice, setNotice] = createSignal<string | null>(null);

  /** After a 409 the page reloads the latest version and says why. */
  const afterConflict = async (code: string) => {
    if (code === "version_conflict") {
      setNotice(t("ev.page.conflict"));
      await refetch();
      return true;
    }
    return false;
  };

  return (
    <Loaded resource={event}>
      {(e) => (
        <section class="event-page" data-event-id={e().id} data-status={e().status}>
          <A href="/events" class="back-link no-print">
            {t("ev.page.back")}
          </A>
          <h1 class="event-title event-head">
            <span class={`type-dot type-${e().type}`} aria-hidden="true" />
            <span>{e().title}</span>
          </h1>
          <div class="row event-meta">
            <span class="chip">{t(`ev.type.${e().type}`)}</span>
            <StatusBadge status={e().status} />
            <Show when={e().assignedToMe}>
              <span class="badge warn" data-testid="assigned">
                {t("ev.page.assignedToYou")}
              </span>
            </Show>
            <span class="badge muted">
              {e().sharedWithPartners ? t("ev.page.shared") : t("ev.page.notShared")}
            </span>
            <span class="spacer" />
            <Show when={canPlan() && !["reported", "cancelled"].includes(e().status)}>
              <A href={`/events/${e().id}/edit`} class="button">
                {t("ev.edit")}
              </A>
            </Show>
            <A href={`/events/${e().id}/report`} class="button">
              {t("ev.page.report")}
            </A>
          </div>
          <Show when={e().cancelReason}>
            <p class="notice-inline danger">
              {t("ev.page.cancelledBecause", { reason: e().cancelReason ?? "" })}
            </p>
          </Show>
          <Show when={notice()}>
            <p class="notice-inline" role="status">
              {notice()}
            </p>
          </Show>

          <StatusActions event={e()} canPlan={canPlan()} onDone={mutate} onConflict={afterConflict} />

          <div class="event-columns event-grid">
            <div class="card">
              <h2>{t("ev.page.plan")}</h2>
              <dl class="facts">
                <dt>{t("ev.page.when")}</dt>
                <dd data-testid="when">{eventWhen(e())}</dd>
                <dt>{t("ev.page.where")}</dt>
                <dd>{[e().venue, e().area?.name, e().area?.parentName].filter(Boolean).join(", ")}</dd>
                <dt>{t("ev.page.office")}</dt>
                <dd>{e().office?.name}</dd>
                <Show when={e().campaign}>
                  {(c) => (
                    <>
                      <dt>{t("ev.field.campaign")}</dt>
                      <dd>
                        <A href={`/campaigns/${c().id}`}>{c().name}</A>
                      </dd>
                    </>
                  )}
                </Show>
                <dt>{t("ev.page.expected")}</dt>
                <dd>{number(e().expectedAttendance)}</dd>
                <dt>{t("ev.page.target")}</dt>
                <dd>{number(e().targetSignups)}</dd>
                <dt>{t("ev.page.budget")}</dt>
                <dd>{rupiah(e().plannedBudget)}</dd>
              </dl>
            </div>

            <SignupsCard event={e()} />
            <ActiveProduced scope={`event:${e().id}`} />

            <div class="card">
              <h2>{t("ev.page.partners")}</h2>
              <Show when={e().partners.length} fallback={<p class="muted">{t("ev.page.noPartners")}</p>}>
                <ul class="plain" data-testid="partners">
                  <For each={e().partners}>
                    {(p) => (
                      <li>
                        <strong>{p.name}</strong> <span class="muted">· {t(`ev.role.${p.role}`)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <h2>{t("ev.page.staff")}</h2>
              <Show when={e().staff.length} fallback={<p class="muted">{t("ev.page.noStaff")}</p>}>
                <ul class="plain" data-testid="staff">
                  <For each={e().staff}>{(s) => <li>{s.name}</li>}</For>
                </ul>
              </Show>
            </div>
          </div>

          <OutcomeForm event={e()} onSaved={mutate} onConflict={afterConflict} />
          <FollowUps event={e()} onChange={refetch} />
        </section>
      )}
    </Loaded>
  );
}

function SignupsCard(props: { event: EventDetail }) {
  const y = () => props.event.yield;
  return (
    <div class="card signups-card">
      <h2>{t("ev.page.signups")}</h2>
      <p class="big-number" data-testid="live-signups">
        {number(props.event.signups.total)}
        <span class="muted small"> / {number(props.event.targetSignups)}</span>
      </p>
      <Show when={props.event.signups.total > 0} fallback={<p class="muted">{t("ev.page.noSignups")}</p>}>
        <h3>{t("ev.page.yield")}</h3>
        <dl class="facts" data-testid="yield">
          <dt>{t("ev.page.achievement")}</dt>
          <dd>{percent(y().achievement)}</dd>
          <dt>{t("ev.page.costPerSignup")}</dt>
          <dd>
            {rupiah(y().costPerSignup)}{" "}
            <Show when={y().costBasis === "planned"}>
              <span class="muted small">{t("ev.page.costPlanned")}</span>
            </Show>
          </dd>
          <dt>{t("ev.page.perAttendee")}</dt>
          <dd>{y().signupsPerAttendee == null ? "–" : number(y().signupsPerAttendee, 2)}</dd>
        </dl>
      </Show>
    </div>
  );
}

/** The next steps this person may take, with a reason box for cancelling. */
function StatusActions(props: {
  event: EventDetail;
  canPlan: boolean;
  onDone: (e: EventDetail) => void;
  onConflict: (code: string) => Promise<boolean>;
}) {
  const [cancelling, setCancelling] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const errors = createFieldErrors();
  const allowed = () =>
    props.event.allowedTransitions
      .filter((s) => props.canPlan || REPORTING.includes(s))
      .filter((s) => s !== "cancelled");
  const canCancel = () => props.canPlan && props.event.allowedTransitions.includes("cancelled");

  const move = async (status: EventDetail["status"], cancelReason?: string) => {
    errors.clear();
    setBusy(true);
    try {
      props.onDone(
        await changeStatus(props.event.id, { version: props.event.version, status, cancelReason }),
      );
      setCancelling(false);
    } catch (err) {
      const e = errors.take(err);
      if (await props.onConflict(e.code)) errors.clear();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={allowed().length || canCancel()}>
      <div class="card status-actions no-print">
        <div class="row">
          <For each={allowed()}>
            {(s) => (
              <button
                type="button"
                class={s === "planned" ? "" : "primary"}
                disabled={busy()}
                data-to={s}
                onClick={() => move(s)}
              >
                {t(`ev.to.${s}`)}
              </button>
            )}
          </For>
          <Show when={canCancel() && !cancelling()}>
            <button
              type="button"
              class="ghost danger-text"
              data-to="cancelled"
              onClick={() => setCancelling(true)}
            >
              {t("ev.to.cancelled")}
            </button>
          </Show>
        </div>
        <Show when={props.event.status === "held" && props.event.reportMissing.length}>
          <p class="field-warn" data-testid="report-missing">
            {t("ev.page.missing")}
            {props.event.reportMissing.map((m) => m.message).join(" ")}
          </p>
        </Show>
        <FormError errors={errors} />
        <Show when={cancelling()}>
          <form
            class="cancel-form"
            onSubmit={(ev) => {
              ev.preventDefault();
              void move("cancelled", reason().trim() || undefined);
            }}
          >
            <Field label={t("ev.field.cancelReason")} path="cancelReason" errors={errors}>
              <input
                name="cancelReason"
                value={reason()}
                onInput={(ev) => setReason(ev.currentTarget.value)}
              />
            </Field>
            <div class="row">
              <button type="submit" class="danger" disabled={busy()}>
                {t("ev.to.cancelled")}
              </button>
              <button type="button" onClick={() => setCancelling(false)}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
        </Show>
      </div>
    </Show>
  );
}

/** Attendance, actual cost and minutes — recorded by the event's staff or a manager. */
function OutcomeForm(props: {
  event: EventDetail;
  onSaved: (e: EventDetail) => void;
  onConflict: (code: string) => Promise<boolean>;
}) {
  const final = () => ["reported", "cancelled"].includes(props.event.status);
  const [attendance, setAttendance] = createSignal("");
  const [cost, setCost] = createSignal("");
  const [minutes, setMinutes] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const errors = createFieldErrors();
  createEffect(
    on(
      () => props.event.version,
      () => {
        setAttendance(props.event.attendance == null ? "" : String(props.event.attendance));
        setCost(props.event.actualCost == null ? "" : String(props.event.actualCost));
        setMinutes(props.event.minutes ?? "");
      },
    ),
  );

  const save = async (ev: SubmitEvent) => {
    ev.preventDefault();
    errors.clear();
    setSaved(false);
    setBusy(true);
    try {
      props.onSaved(
        await recordOutcome(props.event.id, {
          version: props.event.version,
          attendance: parseCount(attendance()),
          actualCost: parseCount(cost()),
          minutes: minutes().trim() || null,
        }),
      );
      setSaved(true);
    } catch (err) {
      const e = errors.take(err);
      if (await props.onConflict(e.code)) errors.clear();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={props.event.status !== "cancelled"}>
      <form class="card outcome-form" onSubmit={save} data-testid="outcome">
        <h2>{t("ev.page.outcome")}</h2>
        <div class="form-grid">
          <Field label={t("ev.field.attendance")} path="attendance" errors={errors}>
            <input
              inputMode="numeric"
              name="attendance"
              value={attendance()}
              disabled={final()}
              onInput={(e) => setAttendance(e.currentTarget.value)}
            />
          </Field>
          <Field label={t("ev.field.actualCost")} path="actualCost" errors={errors}>
            <input
              inputMode="numeric"
              name="actualCost"
              value={cost()}
              disabled={final()}
              onInput={(e) => setCost(e.currentTarget.value)}
            />
          </Field>
        </div>
        <Field label={t("ev.field.minutes")} path="minutes" errors={errors}>
          <textarea
            name="minutes"
            rows={6}
            value={minutes()}
            disabled={final()}
            onInput={(e) => setMinutes(e.currentTarget.value)}
          />
        </Field>
        <FormError errors={errors} />
        <Show when={!final()}>
          <div class="row">
            <button type="submit" class="primary" disabled={busy()}>
              {t("ev.page.saveOutcome")}
            </button>
            <Show when={saved()}>
              <span class="muted" role="status">
                {t("ev.page.saved")}
              </span>
            </Show>
          </div>
        </Show>
      </form>
    </Show>
  );
}

/** Follow-up actions agreed at the event: tick them off, add new ones. */
function FollowUps(props: { event: EventDetail; onChange: () => void }) {
  const [action, setAction] = createSignal("");
  const [owner, setOwner] = createSignal("");
  const [due, setDue] = createSignal("");
  const errors = createFieldErrors();
  const [busy, setBusy] = createSignal(false);

  const add = async (ev: SubmitEvent) => {
    ev.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      await addAction(props.event.id, { action: action(), ownerName: owner(), dueDate: due() || null });
      setAction("");
      setOwner("");
      setDue("");
      props.onChange();
    } catch (err) {
      errors.take(err);
    } finally {
      setBusy(false);
    }
  };
  const toggle = async (a: EventDetail["actions"][number], done: boolean) => {
    errors.clear();
    try {
      await updateAction(props.event.id, a.id, { updatedAt: a.updatedAt, done });
    } catch (err) {
      errors.take(err);
    }
    props.onChange();
  };

  return (
    <section class="card followups" data-testid="followups">
      <h2>{t("ev.page.actions")}</h2>
      <Show when={props.event.actions.length} fallback={<p class="muted">{t("ev.page.noActions")}</p>}>
        <ul class="plain action-list">
          <For each={props.event.actions}>
            {(a) => (
              <li classList={{ done: a.done }}>
                <label class="check-row">
                  <input
                    type="checkbox"
                    checked={a.done}
                    disabled={props.event.status === "cancelled"}
                    onChange={(e) => toggle(a, e.currentTarget.checked)}
                  />
                  <span>
                    <strong>{a.action}</strong>
                    <span class="muted">
                      {" "}
                      · {a.ownerName}
                      {a.dueDate ? ` · ${t("ev.page.due")} ${date(a.dueDate)}` : ""}
                    </span>
                  </span>
                </label>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.event.status !== "cancelled"}>
        <form class="action-form no-print" onSubmit={add}>
          <div class="form-grid three">
            <Field label={t("ev.page.action")} path="action" errors={errors}>
              <input name="action" value={action()} onInput={(e) => setAction(e.currentTarget.value)} />
            </Field>
            <Field label={t("ev.page.owner")} path="ownerName" errors={errors}>
              <input name="ownerName" value={owner()} onInput={(e) => setOwner(e.currentTarget.value)} />
            </Field>
            <Field label={t("ev.page.due")} path="dueDate" errors={errors}>
              <input
                type="date"
                name="dueDate"
                value={due()}
                onInput={(e) => setDue(e.currentTarget.value)}
              />
            </Field>
          </div>
          <FormError errors={errors} />
          <button type="submit" disabled={busy()}>
            + {t("ev.page.addAction")}
          </button>
        </form>
      </Show>
    </section>
  );
}
