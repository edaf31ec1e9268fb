import { A } from "@solidjs/router";
import { t } from "../../i18n/index.ts";

/** List / calendar switch at the top of the event screens. */
export function EventTabs() {
  return (
    <nav class="tabs" aria-label={t("ev.title")}>
      <A href="/events" end>
        {t("ev.list")}
      </A>
      <A href="/events/calendar" end>
        {t("ev.calendar")}
      </A>
    </nav>
  );
}
