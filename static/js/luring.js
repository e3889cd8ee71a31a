/* Offline reading and sending, the page's side: registers the service worker (/sw.js, static/js/sw.js),
   shows what it keeps in its queue — "Menunggu sinyal", sent, or refused with the reason and the text
   typed — and asks it to send when the signal returns. Loaded (deferred) by every page; without
   JavaScript or a service worker every page and form works as before, online. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.indexedDB) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});

  var wadah = document.getElementById("luring");
  if (!wadah) return;
  var t = wadah.dataset, RAHASIA = { csrfmiddlewaretoken: 1, kunci_kirim: 1, tanda: 1, situs_web: 1 };

  function antrean(mode, kerja) {
    return new Promise(function (ok, gagal) {
      var r = indexedDB.open("jembatan", 1);
      r.onupgradeneeded = function () {
        r.result.createObjectStore("antrean", { keyPath: "id" });
        r.result.createObjectStore("nilai");
      };
      r.onerror = function () { gagal(r.error); };
      r.onsuccess = function () {
        var tx = r.result.transaction("antrean", mode), hasil, req = kerja(tx.objectStore("antrean"));
        if (req) req.onsuccess = function () { hasil = req.result; };
        tx.oncomplete = function () { ok(hasil); };
        tx.onerror = function () { gagal(tx.error); };
      };
    });
  }

  function buang(id) {
    return antrean("readwrite", function (s) { return s.delete(id); });
  }

  function el(tag, teks, kelas) {
    var e = document.createElement(tag);
    if (teks) e.textContent = teks;
    if (kelas) e.className = kelas;
    return e;
  }

  /* The longest text typed: what the user would hate to type again. */
  function teksUtama(item) {
    return item.isian.reduce(function (a, p) {
      return !RAHASIA[p[0]] && typeof p[1] === "string" && p[1].length > a.length ? p[1] : a;
    }, "");
  }

  function baris(item) {
    var kotak = el("div", "", "pita-" + item.status), p = el("p");
    if (item.status === "menunggu") {
      kotak.setAttribute("role", "status");
      p.appendChild(el("strong", t.menunggu));
      p.appendChild(document.createTextNode(" — " + item.judul));
      kotak.appendChild(p);
    } else if (item.status === "terkirim") {
      kotak.setAttribute("role", "status");
      p.appendChild(el("strong", t.terkirim));
      p.appendChild(document.createTextNode(" — " + item.judul + " "));
      var a = el("a", t.lihat);
      a.href = item.hasil;
      p.appendChild(a);
      kotak.appendChild(p);
      buang(item.id);  // said once
    } else {
      kotak.setAttribute("role", "alert");
      p.appendChild(el("strong", t.ditolak));
      p.appendChild(document.createTextNode(" — " + item.judul + ": " + item.alasan));
      kotak.appendChild(p);
      var teks = teksUtama(item);
      if (teks) {
        kotak.appendChild(el("p", t.teks));
        var area = el("textarea");
        area.readOnly = true;
        area.value = teks;
        area.setAttribute("aria-label", t.teks);
        kotak.appendChild(area);
      }
      var aksi = el("p"), buka = el("a", t.buka), tombol = el("button", t.buang, "tautan");
      buka.href = item.asal.split("#")[0] + "#pulihkan-" + item.id;
      tombol.type = "button";
      tombol.addEventListener("click", function () { buang(item.id).then(tampilkan); });
      aksi.appendChild(buka);
      aksi.appendChild(document.createTextNode(" · "));
      aksi.appendChild(tombol);
      kotak.appendChild(aksi);
    }
    return kotak;
  }

  /* "Buka formulirnya lagi": the refused form, filled again with what was typed. */
  function pulihkan(item) {
    var form = Array.prototype.filter.call(document.forms, function (f) { return f.action.split("#")[0] === item.url; })[0];
    if (!form) return;
    item.isian.forEach(function (p) {
      var m = form.elements[p[0]];
      if (!m || typeof p[1] !== "string" || RAHASIA[p[0]]) return;
      if (m.length !== undefined && m.tagName !== "SELECT") {  // a group of checkboxes or radio buttons
        Array.prototype.forEach.call(m, function (x) { if (x.value === p[1]) x.checked = true; });
      } else if (m.type === "checkbox") {
        m.checked = true;
      } else if (m.type !== "hidden" && m.type !== "file") {
        m.value = p[1];
      }
    });
    buang(item.id);
    form.scrollIntoView();
  }

  function tampilkan() {
    antrean("readonly", function (s) { return s.getAll(); }).then(function (items) {
      items = (items || []).filter(function (i) { return i.akun === t.akun; });
      items.sort(function (a, b) { return a.dibuat - b.dibuat; });
      var pulih = location.hash.indexOf("#pulihkan-") === 0 ? location.hash.slice(10) : null;
      wadah.textContent = "";
      items.forEach(function (i) {
        if (i.id === pulih) pulihkan(i);
        else wadah.appendChild(baris(i));
      });
      wadah.hidden = !wadah.childNodes.length;
    }).catch(function () {});
  }

  function kirim() {
    navigator.serviceWorker.ready.then(function (r) {
      if (r.active) r.active.postMessage({ jenis: "kirim" });
    });
  }

  navigator.serviceWorker.addEventListener("message", function (e) {
    if (e.data && e.data.jenis === "antrean") tampilkan();
  });
  window.addEventListener("online", kirim);
  tampilkan();
  if (navigator.onLine) kirim();
})();
