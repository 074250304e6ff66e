// Must stay the first import: it configures zod before any schema module is evaluated.
import "./zod-setup.ts";
import { render } from "preact";
import { App } from "./app.tsx";

const root = document.getElementById("app");
if (root) render(<App />, root);

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    // Offline use is a convenience; the page works online without it.
    navigator.serviceWorker
      .register("/sw.js")
      .catch((e: Error) => console.warn(`offline use unavailable: ${e.message}`));
  });
}
