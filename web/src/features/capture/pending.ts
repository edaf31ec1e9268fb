import { createSignal } from "solid-js";
import { addLogoutGuard } from "../../auth/session.ts";
import { registerDictionary, t } from "../../i18n/index.ts";

/**
 * How many sign-ups on this tablet have not reached the server yet, mirrored in localStorage
 * so that the logout guard — which must answer at once — knows it on every page, even before
 * the capture screen (and IndexedDB) has been opened since a reload.
 */
const KEY = "jangkau.outbox.pending";

const read = () => {
  const n = Number(typeof localStorage === "undefined" ? 0 : localStorage.getItem(KEY));
  return Number.isFinite(n) && n > 0 ? n : 0;
};
const [pending, setPending] = createSignal(read());

export { pending };

export function setPendingCount(n: number) {
  localStorage.setItem(KEY, String(n));
  setPending(n);
}

registerDictionary({
  id: {
    outboxGuard: {
      logout:
        "Masih ada {{ n }} pendaftaran di perangkat ini yang belum terkirim. Sambungkan ke internet dan tunggu hingga terkirim (atau selesaikan yang bermasalah di layar Pendaftaran), lalu keluar.",
    },
  },
  en: {
    outboxGuard: {
      logout:
        "{{ n }} sign-ups on this device have not reached the server. Connect to the internet and wait until they are sent (or resolve the ones with problems on the Sign-ups screen), then log out.",
    },
  },
});

addLogoutGuard(() => {
  const n = read();
  return n > 0 ? t("outboxGuard.logout", { n }) : null;
});

/** Wakes the sync engine (a separate chunk) when something waits, from any page. */
export function startBackgroundSync() {
  if (read() > 0 || location.pathname.startsWith("/capture"))
    void import("./sync.ts").then((m) => m.startSync());
}
