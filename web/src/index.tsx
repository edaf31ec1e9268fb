import { Router } from "@solidjs/router";
import { render } from "solid-js/web";
import { routes } from "./routes.tsx";
import "./styles.css";

render(() => <Router>{routes}</Router>, document.getElementById("root") as HTMLElement);

// The service worker (precached shell and route chunks) makes the app open offline.
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  import("virtual:pwa-register").then(({ registerSW }) => registerSW({ immediate: true }));
}
