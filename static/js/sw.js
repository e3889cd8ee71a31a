/* Jembatan's offline service worker, served at /sw.js after its settings (self.JEMBATAN, from
   beranda/luring.py): which pages it keeps, which forms it may queue, its texts.

   Reading: the pages listed in JEMBATAN.halaman are kept as they arrive, named after the account they
   were made for (the X-Jembatan-Akun header, akun/luring.py). Without signal the kept copy is shown with
   a banner "Tersimpan, mungkin sudah berubah" and the date it was saved. Kept pages are thrown away at
   sign-out and whenever another account's page arrives, so one account never sees another's pages.

   Sending: a form listed in JEMBATAN.antrean sent without signal is kept in IndexedDB ("Menunggu
   sinyal") and sent when the signal returns (on the `sync` event, or when a page asks). Each carries its
   idempotency key (akun/sekali.py), so a delivery that arrives twice is stored once. A delivery the server
   refuses keeps its text and the reason; the next page shows both (static/js/jembatan.js). */
"use strict";

var C = self.JEMBATAN;
var HALAMAN = "jembatan-halaman";            // kept pages, across versions of the worker
var STATIS = "jembatan-statis-" + C.versi;   // CSS and scripts of this version
var SUDAH_POST = 0;                         // when the last form was sent: the next page comes fresh

/* --- IndexedDB: the queue and a few values ------------------------------------------------------ */

function db() {
  return new Promise(function (ok, gagal) {
    var r = indexedDB.open("jembatan", 1);
    r.onupgradeneeded = function () {
      r.result.createObjectStore("antrean", { keyPath: "id" });
      r.result.createObjectStore("nilai");
    };
    r.onsuccess = function () { ok(r.result); };
    r.onerror = function () { gagal(r.error); };
  });
}

function simpanan(store, mode, kerja) {
  return db().then(function (d) {
    return new Promise(function (ok, gagal) {
      var t = d.transaction(store, mode), hasil;
      var req = kerja(t.objectStore(store));
      if (req) req.onsuccess = function () { hasil = req.result; };
      t.oncomplete = function () { ok(hasil); };
      t.onerror = function () { gagal(t.error); };
    });
  });
}

function akunSekarang() {
  return simpanan("nilai", "readonly", function (s) { return s.get("akun"); }).then(function (v) { return v || ""; });
}

/* --- Install: the CSS and script first; once in charge, the home page, the verdict list and the two
   public forms, so they are there from the first visit on. */

self.addEventListener("install", function (e) {
  e.waitUntil(
    caches.open(STATIS).then(function (c) {
      return c.addAll(C.awal.filter(function (u) { return u.indexOf(C.statis) === 0; }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (e) {
  e.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("jembatan-statis-") === 0 && n !== STATIS; })
        .map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); }).then(tokenCsrf).then(function (token) {
      /* Without a CSRF cookie yet, a form fetched here would race the page the visitor opens next for it: two
         cookies, and the visitor's form carries the token of the one that lost (a 403 on sending). So these are
         fetched without cookies then; the queue asks for a cookie of its own when it sends. */
      var kredensial = token ? "same-origin" : "omit";
      return Promise.all(C.awal.filter(function (u) { return u.indexOf(C.statis) !== 0; }).map(function (u) {
        return fetch(u, { credentials: kredensial }).then(function (r) { return simpanHalaman(new Request(u), r); }).catch(function () {});
      }));
    })
  );
});

/* --- Kept pages ----------------------------------------------------------------------------------- */

function aturan(url) {
  for (var i = 0; i < C.halaman.length; i++) {
    if (new RegExp(C.halaman[i].pola).test(url.pathname)) return C.halaman[i];
  }
  return null;
}

function hapusHalaman() {
  return caches.delete(HALAMAN);
}

/* Every page names its account; a page of another account than the kept pages' clears them all. */
function catatAkun(res) {
  if (!res || res.type !== "basic" || !res.headers.has("X-Jembatan-Akun")) return Promise.resolve();
  var akun = res.headers.get("X-Jembatan-Akun");
  return akunSekarang().then(function (lama) {
    if (lama === akun) return;
    return hapusHalaman().then(function () {
      return simpanan("nilai", "readwrite", function (s) { return s.put(akun, "akun"); });
    });
  });
}

/* Keep a page as it arrived, named after its account. */
function simpanHalaman(req, res) {
  var url = new URL(req.url), r = aturan(url);
  if (!res || !res.ok || res.type !== "basic" || res.redirected || !r) return catatAkun(res);
  if ((res.headers.get("Content-Type") || "").indexOf("text/html") !== 0) return Promise.resolve();
  if (/no-store/.test(res.headers.get("Cache-Control") || "")) return catatAkun(res);
  var akun = res.headers.get("X-Jembatan-Akun") || "";
  return catatAkun(res).then(function () { return res.clone().text(); }).then(function (isi) {
    var h = new Headers(res.headers);
    h.delete("Content-Encoding");
    h.delete("Content-Length");
    h.set("X-Jembatan-Akun", akun);
    h.set("X-Tersimpan", String(Date.now()));
    return caches.open(HALAMAN).then(function (c) {
      var kunci = url.origin + url.pathname + url.search;
      // Deleted first, so the order of keys is the order of the last visits (the oldest go first).
      return c.delete(kunci).then(function () {
        return c.put(kunci, new Response(isi, { status: 200, headers: h }));
      }).then(function () { return r.batas ? pangkas(c, r) : null; });
    });
  });
}

function pangkas(c, r) {
  var pola = new RegExp(r.pola);
  return c.keys().then(function (keys) {
    var sejenis = keys.filter(function (k) { return pola.test(new URL(k.url).pathname); });
    return Promise.all(sejenis.slice(0, Math.max(0, sejenis.length - r.batas)).map(function (k) { return c.delete(k); }));
  });
}

function tanggal(ms) {
  try {
    return new Date(ms).toLocaleString(C.bahasa, { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
  } catch (e) {
    return new Date(ms).toISOString();
  }
}

function acak() {
  var b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.prototype.map.call(b, function (x) { return ("0" + x.toString(16)).slice(-2); }).join("");
}

/* A kept page as shown: the banner under the header, and fresh idempotency keys in its forms (the kept
   copy's own keys may have been used by a form sent from it before). */
function sajikanTersimpan(req) {
  var url = new URL(req.url);
  return Promise.all([caches.open(HALAMAN).then(function (c) { return c.match(url.origin + url.pathname + url.search); }), akunSekarang()])
    .then(function (x) {
      var res = x[0], akun = x[1];
      if (!res || (res.headers.get("X-Jembatan-Akun") || "") !== akun) return null;
      return res.text().then(function (isi) {
        var pita = '<p class="pita-tersimpan" role="note"><strong>' + C.teks.tersimpan + "</strong> · " +
          C.teks.disimpan.replace("%(tanggal)s", tanggal(Number(res.headers.get("X-Tersimpan")))) + "</p>";
        isi = isi.replace(/<main\b[^>]*>/, function (m) { return m + pita; })
          .replace(/(name="kunci_kirim" value=")[0-9a-f]{32}/g, function (m, awal) { return awal + acak(); });
        var h = new Headers(res.headers);
        h.set("Cache-Control", "no-store");
        return new Response(isi, { status: 200, headers: h });
      });
    });
}

function halamanSederhana(judul, isi, status) {
  var html = '<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>" + judul + ' · Jembatan</title><link rel="stylesheet" href="' + C.css + '"></head><body>' +
    '<header class="kepala"><div class="wadah"><a class="merek" href="/">Jembatan</a></div></header>' +
    '<main id="isi" class="wadah"><h1>' + judul + "</h1>" + isi + "</main></body></html>";
  return new Response(html, { status: status || 200, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

function halamanLuring() {
  return halamanSederhana(C.teks.luring, "<p>" + C.teks.luring_isi + '</p><ul class="daftar"><li><a href="/">' + C.teks.beranda +
    '</a></li><li><a href="' + C.awal[1] + '">' + C.teks.cek_fakta + "</a></li></ul>", 503);
}

function dariJaringan(req) {
  return fetch(req).then(function (res) {
    simpanHalaman(req, res.clone()).catch(function () {});
    return res;
  });
}

/* The network first; without signal the kept copy, else a page saying what can be read. */
function segar(e) {
  var jaringan = dariJaringan(e.request);
  e.waitUntil(jaringan.catch(function () {}));
  return jaringan.catch(function () {
    return sajikanTersimpan(e.request).then(function (r) { return r || halamanLuring(); });
  });
}

/* The kept copy at once, refreshed behind it; the network when there is none, right after a form was
   sent (the page must show its result) and on a reload (the reader asks for the latest). */
function simpan(e) {
  var req = e.request;
  if (Date.now() - SUDAH_POST < 30000 || req.cache === "reload" || req.cache === "no-cache") return segar(e);
  return sajikanTersimpan(req).then(function (r) {
    if (!r) return segar(e);
    e.waitUntil(dariJaringan(req).catch(function () {}));
    return r;
  });
}

/* --- Queued forms ------------------------------------------------------------------------------------ */

function jenisAntrean(url) {
  for (var i = 0; i < C.antrean.length; i++) {
    if (new RegExp(C.antrean[i].pola).test(url.pathname)) return C.antrean[i];
  }
  return null;
}

function kirimAtauSimpan(e, jenis) {
  var salinan = e.request.clone();
  return fetch(e.request).catch(function () {
    return Promise.all([salinan.formData(), akunSekarang()]).then(function (x) {
      var isian = [];
      x[0].forEach(function (v, k) { isian.push([k, v]); });
      var item = {
        id: Date.now() + "-" + acak().slice(0, 8), url: salinan.url, isian: isian, akun: x[1],
        judul: jenis.judul, asal: salinan.referrer || "/", dibuat: Date.now(), status: "menunggu"
      };
      return simpanan("antrean", "readwrite", function (s) { return s.put(item); }).then(function () {
        if (self.registration.sync) self.registration.sync.register("kirim-antrean").catch(function () {});
        return halamanSederhana(C.teks.menunggu, '<p class="pita-menunggu" role="status"><strong>' + C.teks.menunggu + "</strong> — " +
          jenis.judul + "</p><p>" + C.teks.menunggu_isi + '</p><p><a href="' + item.asal.replace(/"/g, "&quot;") + '">' + C.teks.kembali + "</a></p>", 202);
      });
    });
  });
}

/* Why the server refused a delivery, from the messages of the page it answered with. */
function alasan(html) {
  var keluar = [], m, re = /class="(?:galat-ringkas|pesan-galat)"[^>]*>([\s\S]*?)<\/div>|class="pesan-error"[^>]*>([\s\S]*?)<\/p>/g;
  while ((m = re.exec(html))) {
    keluar.push((m[1] || m[2]).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim());
  }
  return keluar.filter(Boolean).join(" ");
}

function tokenCsrf() {
  if (!self.cookieStore) return Promise.resolve(null);
  return self.cookieStore.get("csrftoken").then(function (c) { return c && c.value; }).catch(function () { return null; });
}

/* The CSRF cookie for sending the queue: when the browser has none yet, opening a page with a form (the
   login page always has one) sets it. */
function tokenCsrfSiap() {
  return tokenCsrf().then(function (token) {
    if (token || !self.cookieStore) return token;
    return fetch("/akun/masuk/", { credentials: "same-origin" }).then(tokenCsrf, function () { return null; });
  });
}

var SEDANG_KIRIM = null;

function kirimAntrean() {
  if (SEDANG_KIRIM) return SEDANG_KIRIM;
  SEDANG_KIRIM = Promise.all([simpanan("antrean", "readonly", function (s) { return s.getAll(); }), akunSekarang()])
    .then(function (x) {
      var items = x[0].filter(function (i) { return i.status === "menunggu" && i.akun === x[1]; });
      items.sort(function (a, b) { return a.dibuat - b.dibuat; });
      return items.reduce(function (p, item) {
        return p.then(function (lanjut) {
          return lanjut && tokenCsrfSiap().then(function (token) { return kirimSatu(item, token); });
        });
      }, Promise.resolve(true));
    })
    .then(kabari, kabari)
    .then(function () { SEDANG_KIRIM = null; });
  return SEDANG_KIRIM;
}

/* Sends one queued form; resolves to whether to go on with the next one (false: still no signal). */
function kirimSatu(item, token) {
  var body = new FormData(), headers = {};
  item.isian.forEach(function (p) { body.append(p[0], p[1]); });
  if (token) {  // the page's token may be older than the browser's: the cookie's is the one that counts
    body.delete("csrfmiddlewaretoken");
    headers["X-CSRFToken"] = token;
  }
  return fetch(item.url, { method: "POST", body: body, headers: headers, credentials: "same-origin", redirect: "follow" })
    .then(function (res) {
      if (res.status >= 500) return false;  // the server is busy or down: try again later
      return res.text().then(function (html) {
        var sebab = alasan(html);
        if (res.status >= 400 || sebab) {
          item.status = "ditolak";
          item.alasan = sebab || C.teks.ditolak.replace("%(kode)s", res.status);
        } else {
          item.status = "terkirim";
          item.hasil = res.headers.get("Content-Location") || res.url;
        }
        item.selesai = Date.now();
        return simpanan("antrean", "readwrite", function (s) { return s.put(item); }).then(function () { return true; });
      });
    }, function () { return false; });
}

function kabari() {
  return self.clients.matchAll({ type: "window" }).then(function (list) {
    list.forEach(function (c) { c.postMessage({ jenis: "antrean" }); });
  });
}

self.addEventListener("sync", function (e) {
  if (e.tag === "kirim-antrean") e.waitUntil(kirimAntrean());
});

self.addEventListener("message", function (e) {
  if (e.data && e.data.jenis === "kirim") e.waitUntil(kirimAntrean());
});

/* --- Routing ----------------------------------------------------------------------------------------- */

self.addEventListener("fetch", function (e) {
  var req = e.request, url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === "POST") {
    SUDAH_POST = Date.now();
    if (url.pathname === C.keluar) {
      // Signing out: nothing of this account stays on the phone, even when the request itself fails.
      e.respondWith(hapusHalaman().then(function () {
        return simpanan("nilai", "readwrite", function (s) { return s.put("", "akun"); });
      }).then(function () { return fetch(req); }));
      return;
    }
    var jenis = jenisAntrean(url);
    if (jenis && req.mode === "navigate") e.respondWith(kirimAtauSimpan(e, jenis));
    return;
  }
  if (req.method !== "GET") return;
  if (url.pathname.indexOf(C.statis) === 0) {
    e.respondWith(caches.open(STATIS).then(function (c) {
      return c.match(req).then(function (hit) {
        return hit || fetch(req).then(function (res) {
          if (res.ok) c.put(req, res.clone());
          return res;
        });
      });
    }));
    return;
  }
  if (req.mode !== "navigate") return;
  var r = aturan(url);
  if (r && r.cara === "simpan") e.respondWith(simpan(e));
  else if (r) e.respondWith(segar(e));
  else e.respondWith(dariJaringan(req).catch(halamanLuring));
});
