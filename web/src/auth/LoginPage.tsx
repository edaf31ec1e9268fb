import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { ApiError } from "../api/client.ts";
import { locale, setLocale, t } from "../i18n/index.ts";
import { login } from "./session.ts";

export default function LoginPage() {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await login(email(), password());
      navigate(res.home, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        setError(t("login.locked", { minutes: 15 }));
      } else if (err instanceof ApiError && err.status === 0) {
        setError(t("login.offline"));
      } else {
        setError(t("login.failed"));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit}>
        <img src="/icon.svg" alt="" width="64" height="64" />
        <h1>{t("login.title")}</h1>
        <p class="muted">{t("app.tagline")}</p>
        <label>
          {t("login.email")}
          <input
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("login.password")}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <button class="primary" type="submit" disabled={busy()}>
          {t("login.submit")}
        </button>
        <button type="button" class="link" onClick={() => setLocale(locale() === "id" ? "en" : "id")}>
          {t("nav.language")}
        </button>
      </form>
    </main>
  );
}
