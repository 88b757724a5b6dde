import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { z } from "zod";
import { App } from "./app/App.tsx";
import "./app/print.css";

// The CSP allows no eval: zod's compiled parsers would be refused anyway, and its probe for
// them is reported as a violation. Interpreted parsing it is, before the first parse.
z.config({ jitless: true });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The shell is kept for offline reloads (see public/sw.js). Browsers allow service workers on
// HTTPS and on localhost only; elsewhere reports still wait in localStorage, but a reload
// without network cannot show the page.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => void navigator.serviceWorker.register("/sw.js").catch(() => undefined));
}
