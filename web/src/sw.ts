/**
 * The service worker: once the page has loaded, it works offline.
 *
 * Install precaches the app shell and the data files (the list and the version are written in
 * by the build, web/vite.config.ts). Page loads go to the network first, so a new build is seen
 * at once, and fall back to the cached shell offline; every other file comes from the cache
 * first. The API (saved plans, PDF report) is never cached: it is private and must be live.
 * A new build has a new version, so its cache replaces the old one on activation.
 */

// The worker's own types (lib "WebWorker") clash with the page's DOM types, so the few members
// used here are declared locally.
interface ExtendableEventLike extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  addEventListener(type: "install" | "activate", listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: "fetch", listener: (e: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly registration: { readonly scope: string };
}

declare const __MATCHPLAN_PRECACHE__: string[];
declare const __MATCHPLAN_VERSION__: string;

const worker = self as unknown as WorkerScope;
const PREFIX = "matchplan-";
const CACHE = `${PREFIX}${__MATCHPLAN_VERSION__}`;
const PRECACHE = __MATCHPLAN_PRECACHE__;
const SHELL = new URL("./", worker.registration.scope).href;

worker.addEventListener("install", (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((u) => new URL(u, worker.registration.scope).href)))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== new URL(SHELL).origin || url.pathname.startsWith("/api/"))
    return;
  if (req.mode === "navigate") {
    e.respondWith(fetch(req).catch(async () => (await caches.match(SHELL)) ?? Response.error()));
    return;
  }
  e.respondWith(caches.match(req).then((hit) => hit ?? fetch(req)));
});
