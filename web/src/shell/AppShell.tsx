import { A, Navigate, useLocation } from "@solidjs/router";
import { createSignal, For, type ParentProps, Show } from "solid-js";
import { logout, session } from "../auth/session.ts";
import { locale, setLocale, t } from "../i18n/index.ts";
import { NAV } from "./nav.ts";

/** The signed-in frame: top bar, navigation for the user's role, language switch, logout. */
export default function AppShell(props: ParentProps) {
  const location = useLocation();
  const [notice, setNotice] = createSignal<string | null>(null);
  const [online, setOnline] = createSignal(typeof navigator === "undefined" ? true : navigator.onLine);
  addEventListener("online", () => setOnline(true));
  addEventListener("offline", () => setOnline(false));

  const doLogout = async () => {
    const blocked = await logout();
    setNotice(blocked);
  };

  return (
    <Show when={session.me() !== undefined} fallback={<p class="loading">{t("common.loading")}</p>}>
      <Show
        when={session.me()}
        fallback={<Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />}
      >
        {(me) => (
          <div class="shell">
            <header class="topbar">
              <A href={me().home} class="brand">
                <img src="/icon.svg" alt="" width="32" height="32" />
                <span>{t("app.name")}</span>
              </A>
              <div class="who">
                <span class="user-name">{me().name}</span>
                <span class="badge">{t(`roles.${me().role}`)}</span>
                <button type="button" class="link" onClick={() => setLocale(locale() === "id" ? "en" : "id")}>
                  {locale() === "id" ? "EN" : "ID"}
                </button>
                <button type="button" class="ghost" onClick={doLogout}>
                  {t("nav.logout")}
                </button>
              </div>
            </header>
            <nav class="mainnav" aria-label="Menu">
              <For each={NAV.filter((n) => n.roles.includes(me().role))}>
                {(item) => (
                  <A href={item.href} activeClass="active" end={item.href === "/partner"}>
                    {t(item.label)}
                  </A>
                )}
              </For>
            </nav>
            <Show when={!online()}>
              <div class="offline-banner" role="status">
                {t("common.offline")}
              </div>
            </Show>
            <Show when={notice()}>
              <div class="notice" role="alert">
                {notice()}
                <button type="button" class="link" onClick={() => setNotice(null)}>
                  ×
                </button>
              </div>
            </Show>
            <main class="content">{props.children}</main>
          </div>
        )}
      </Show>
    </Show>
  );
}
