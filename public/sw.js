/*
 * netsim's offline cache. At install it fetches the page and every built file it names (the
 * engine worker and the lazily loaded chunks too, followed from file to file), so a second
 * visit works with no network. Later requests go to the network first, so
 * a new build wins when online; the cache answers when offline.
 */
const CACHE = 'netsim-v1';

async function precache() {
  const cache = await caches.open(CACHE);
  const base = new URL('./', self.location.href);
  const seen = new Set();
  const queue = [new URL('./', base).href];
  while (queue.length > 0) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) continue;
    await cache.put(url, res.clone());
    if (!/\.(js|css|html)$|\/$/.test(new URL(url).pathname)) continue;
    const text = await res.text();
    // Vite's hashed file names, relative to the file that names them (./assets/x-HASH.js in the page, x-HASH.js in a chunk).
    for (const m of text.matchAll(/(?:\.\/)?(?:assets\/)?[\w.-]+-[\w-]{8}\.(?:js|css)/g)) queue.push(new URL(m[0], url).href);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(async () => {
        // The page itself is cached without its ?scenario=… query.
        // ignoreVary: the files were fetched without the Origin header a module script sends.
        const hit =
          (await caches.match(req, { ignoreSearch: req.mode === 'navigate', ignoreVary: true })) ??
          (req.mode === 'navigate' ? await caches.match(new URL('./', self.location.href).href, { ignoreVary: true }) : undefined);
        return hit ?? Response.error();
      }),
  );
});
