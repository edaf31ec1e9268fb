import { Show } from "solid-js";
import { session } from "../auth/session.ts";
import { t } from "../i18n/index.ts";

/** A role's landing page until its feature screen replaces it. */
export default function HomePage(props: { title: string }) {
  return (
    <section>
      <h1>{props.title}</h1>
      <Show when={session.me()}>
        {(me) => (
          <p>
            {t("home.welcome", { name: me().name })}
            <Show when={me().office}>{(o) => ` — ${o().name}`}</Show>
            <Show when={me().partner}>{(p) => ` — ${p().name}`}</Show>
          </p>
        )}
      </Show>
    </section>
  );
}
