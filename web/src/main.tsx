// Must stay the first import: it configures zod before any schema module is evaluated.
import "./zod-setup.ts";
import { render } from "preact";
import { App } from "./app.tsx";
import { loadEngine } from "./engine/load-engine.ts";

const root = document.getElementById("app");
// Started before the first render: the rulebook (preloaded by index.html) is read as soon as the
// script runs, not after the "Loading" message has been painted.
if (root) render(<App engine={loadEngine()} />, root);

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    // Offline use is a convenience; the page works online without it.
    navigator.serviceWorker
      .register("/sw.js")
      .catch((e: Error) => console.warn(`offline use unavailable: ${e.message}`));
  });
}
