import { formatIndonesianMobile } from "@jangkau/shared/domain/phone/index";
import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { ApiError } from "../../api/client.ts";
import { session } from "../../auth/session.ts";
import { date, dateTime, rupiah } from "../../format.ts";
import { t } from "../../i18n/index.ts";
import {
  deleteSignup,
  fetchSignup,
  registerSignup,
  rejectSignup,
  revealNik,
  type SignupDetail,
  verifySignup,
} from "./api.ts";
import "./i18n.ts";
import "./signups.css";
import { occupationLabel, StatusBadge } from "./ui.tsx";

/** How long a revealed NIK stays on screen. */
const REVEAL_MS = 30_000;

/**
 * /signups/:id — one sign-up: the participant (NIK masked; revealed on request by those
 * allowed, audited), the enrolment, the next step of its life (verify, reject with a reason,
 * register with the KPJ number, or delete for managers) and its history.
 */
export default function SignupDetailPage() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [detail, { refetch }] = createResource(() => params.id, fetchSignup);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const [kpj, setKpj] = createSignal("");
  const [nik, setNik] = createSignal<string | null>(null);
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(hideTimer));

  const me = () => session.me();
  const canDelete = () => me()?.role === "admin" || me()?.role === "manager";

  /** Runs a change; a stale version reloads the sign-up and says so. */
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setReason("");
      setKpj("");
      await refetch();
    } catch (err) {
      if (err instanceof ApiError && err.code === "version_conflict") {
        setError(t("su.stale"));
        await refetch();
      } else if (err instanceof ApiError) {
        setError(err.issues[0]?.message ?? err.message);
      } else setError(t("common.error"));
    } finally {
      setBusy(false);
    }
  };

  const reveal = async (participantId: string) => {
    setError(null);
    try {
      const res = await revealNik(participantId);
      setNik(res.nik);
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => setNik(null), REVEAL_MS);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("common.error"));
    }
  };

  const remove = async (d: SignupDetail) => {
    if (!confirm(t("su.deleteConfirm"))) return;
    await act(async () => {
      await deleteSignup(d.signup.id, d.signup.version);
      navigate("/signups", { replace: true });
    });
  };

  return (
    <section class="signup-detail">
      <A href="/signups" class="back no-print">
        ← {t("su.back")}
      </A>
      <Show when={!detail.error} fallback={<p class="error">{t("common.error")}</p>}>
        <Show when={detail()} fallback={<p class="loading">{t("common.loading")}</p>}>
          {(d) => (
            <>
              <div class="row">
                <h1>{d().participant.fullName}</h1>
                <StatusBadge status={d().signup.status} />
              </div>
              <Show when={error()}>
                <p class="error" role="alert">
                  {error()}
                </p>
              </Show>
              <div class="detail-grid">
                <div class="card">
                  <h2>{t("su.person")}</h2>
                  <dl>
                    <dt>{t("su.nik")}</dt>
                    <dd>
                      <span class="mono" data-nik>
                        {nik() ?? d().participant.nikMasked}
                      </span>
                      <Show when={me()?.canRevealNik}>
                        <Show
                          when={nik()}
                          fallback={
                            <button
                              type="button"
                              class="link"
                              onClick={() => void reveal(d().participant.id)}
                            >
                              {t("su.reveal")}
                            </button>
                          }
                        >
                          <button type="button" class="link" onClick={() => setNik(null)}>
                            {t("su.hide")}
                          </button>
                        </Show>
                        <div class="muted small">{t("su.revealNote")}</div>
                      </Show>
                    </dd>
                    <dt>{t("su.sex")}</dt>
                    <dd>{d().participant.sex === "F" ? t("su.female") : t("su.male")}</dd>
                    <dt>{t("su.birthDate")}</dt>
                    <dd>{date(d().participant.birthDate)}</dd>
                    <dt>{t("su.phone")}</dt>
                    <dd>
                      {d().participant.phone ? formatIndonesianMobile(d().participant.phone as string) : "–"}
                    </dd>
                    <dt>{t("su.village")}</dt>
                    <dd>{d().villageName ?? d().participant.villageCode ?? "–"}</dd>
                    <dt>{t("su.address")}</dt>
                    <dd>{d().participant.address ?? "–"}</dd>
                    <dt>{t("su.kpj")}</dt>
                    <dd class="mono">{d().participant.kpj ?? "–"}</dd>
                  </dl>
                </div>
                <div class="card">
                  <h2>{t("su.signup")}</h2>
                  <dl>
                    <dt>{t("su.event")}</dt>
                    <dd>{d().event?.title ?? t(`su.source.${d().signup.source}`)}</dd>
                    <dt>{t("su.recordedAt")}</dt>
                    <dd>{dateTime(d().signup.recordedAt, d().event?.timeZone ?? "WIB")}</dd>
                    <dt>{t("su.occupation")}</dt>
                    <dd>{occupationLabel(d().signup.occupation)}</dd>
                    <dt>{t("su.incomeBand")}</dt>
                    <dd>{d().signup.incomeBand}</dd>
                    <dt>{t("su.programmes")}</dt>
                    <dd>{d().signup.jht ? "JKK + JKM + JHT" : "JKK + JKM"}</dd>
                    <dt>{t("su.payer2")}</dt>
                    <dd>
                      {t(`su.payer.${d().signup.payer}`)}
                      <Show when={d().sponsorName}>{(name) => <> — {name()}</>}</Show>
                      <Show when={d().signup.sponsoredFrom && d().signup.sponsoredUntil}>
                        <div class="muted small">
                          {t("su.sponsored", {
                            from: date(d().signup.sponsoredFrom),
                            until: date(d().signup.sponsoredUntil),
                          })}
                        </div>
                      </Show>
                    </dd>
                    <dt>{t("su.contribution")}</dt>
                    <dd>
                      <strong>{rupiah(d().signup.monthlyContribution)}</strong>
                      <Show when={d().signup.discountId}>
                        <span class="muted small"> (PP 50/2025)</span>
                      </Show>
                    </dd>
                    <dt>{t("su.consent")}</dt>
                    <dd>
                      {t("su.consentValue", {
                        v: d().signup.consentVersion,
                        at: dateTime(d().signup.consentAt),
                      })}
                    </dd>
                    <Show when={d().signup.rejectReason}>
                      <dt>{t("su.rejectReason")}</dt>
                      <dd>{d().signup.rejectReason}</dd>
                    </Show>
                  </dl>
                </div>
                <div class="card actions-card no-print">
                  <h2>{t("su.actions")}</h2>
                  <Show when={d().signup.status === "recorded"}>
                    <button
                      type="button"
                      class="primary"
                      disabled={busy()}
                      onClick={() => void act(() => verifySignup(d().signup.id, d().signup.version))}
                    >
                      {t("su.verify")}
                    </button>
                  </Show>
                  <Show when={d().signup.status === "verified"}>
                    <form
                      class="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void act(() => registerSignup(d().signup.id, d().signup.version, kpj()));
                      }}
                    >
                      <label>
                        {t("su.kpjInput")}
                        <input
                          name="kpj"
                          inputmode="numeric"
                          maxlength="11"
                          value={kpj()}
                          onInput={(e) => setKpj(e.currentTarget.value)}
                        />
                      </label>
                      <button type="submit" class="primary" disabled={busy()}>
                        {t("su.register")}
                      </button>
                    </form>
                  </Show>
                  <Show when={d().signup.status === "recorded" || d().signup.status === "verified"}>
                    <form
                      class="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void act(() => rejectSignup(d().signup.id, d().signup.version, reason()));
                      }}
                    >
                      <label>
                        {t("su.reason")}
                        <input
                          name="reason"
                          value={reason()}
                          onInput={(e) => setReason(e.currentTarget.value)}
                        />
                      </label>
                      <button type="submit" class="danger" disabled={busy()}>
                        {t("su.reject")}
                      </button>
                    </form>
                  </Show>
                  <Show when={d().signup.status === "registered" || d().signup.status === "rejected"}>
                    <p class="muted">{t("su.noActions")}</p>
                  </Show>
                  <Show when={canDelete()}>
                    <button
                      type="button"
                      class="ghost danger-text"
                      disabled={busy()}
                      onClick={() => void remove(d())}
                    >
                      {t("su.delete")}
                    </button>
                  </Show>
                </div>
                <div class="card">
                  <h2>{t("su.history")}</h2>
                  <ol class="history">
                    <For each={d().history}>
                      {(h) => (
                        <li>
                          <strong>{t(`su.actionsLog.${h.action.replace(".", "_")}`)}</strong>
                          <span class="muted small">
                            {" "}
                            · {dateTime(h.at)}
                            {h.actorName ? ` · ${h.actorName}` : ""}
                          </span>
                        </li>
                      )}
                    </For>
                  </ol>
                </div>
              </div>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
