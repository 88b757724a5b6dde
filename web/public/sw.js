// Keeps the app's shell (index.html and the hashed files it loads) on the device, so that a
// reporter who reloads the page without network still gets the app, their draft and the
// reports waiting to be sent. Nothing under /api/ is touched: data always comes from the server.
const CACHE = "huajie-shell";

const assetsOf = (html) => [...new Set([...html.matchAll(/\/assets\/[^"'\s)]+/g)].map((match) => new URL(match[0], self.location.origin).href))];

/** Stores a fresh index.html with the files it names, and drops the files of older builds. */
async function keepShell(response) {
  const cache = await caches.open(CACHE);
  const assets = assetsOf(await response.clone().text());
  const cached = new Set((await cache.keys()).map((request) => request.url));
  await cache.addAll(assets.filter((url) => !cached.has(url)));
  await cache.put("/", response);
  for (const url of cached) if (new URL(url).pathname.startsWith("/assets/") && !assets.includes(url)) await cache.delete(url);
}

self.addEventListener("install", (event) => {
  event.waitUntil(fetch("/").then((response) => (response.ok ? keepShell(response) : undefined)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (event.request.mode === "navigate") {
    // Network first, so a new build is picked up at once; the kept shell only when offline.
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok && (response.headers.get("content-type") ?? "").includes("text/html")) event.waitUntil(keepShell(response.clone()));
          return response;
        })
        .catch(async () => (await caches.match("/")) ?? Response.error()),
    );
  } else if (url.pathname.startsWith("/assets/")) {
    // Hashed names never change content: the kept copy is always right.
    event.respondWith(caches.match(event.request).then((kept) => kept ?? fetch(event.request)));
  }
});
