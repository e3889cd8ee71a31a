/* Jembatan's few enhancements, in one deferred file on every page (one request, cached a year). Every page
   works without them; each one looks for its own data attribute and does nothing on a page without it.
   The second part below is the offline side: the service worker's registration and its queue. */
(function () {
  "use strict";

  function penyimpanan() {
    try {
      var s = window.localStorage;
      s.setItem("jembatan:uji", "1");
      s.removeItem("jembatan:uji");
      return s;
    } catch (e) {
      return null; // storage off or full: the forms work as before
    }
  }

  function simpan(s, k, v) {
    try { s.setItem(k, v); } catch (e) { /* full: the draft is simply not kept */ }
  }

  var s = penyimpanan();

  /* Keep unsent text in this browser (news editor, cek fakta): a dropped connection loses nothing.
     Cleared once the form is sent. */
  document.querySelectorAll("form[data-simpan-draf]").forEach(function (f) {
    if (!s) return;
    var k = "draf-" + f.dataset.simpanDraf, d = {};
    try { d = JSON.parse(s.getItem(k) || "{}") || {}; } catch (e) { d = {}; }
    f.querySelectorAll("input[type=text],textarea").forEach(function (m) {
      if (d[m.name] && !m.value) m.value = d[m.name];
      m.addEventListener("input", function () { d[m.name] = m.value; simpan(s, k, JSON.stringify(d)); });
    });
    f.addEventListener("submit", function () { setTimeout(function () { s.removeItem(k); }, 0); });
  });

  /* The comment form: remember the commenter's name in this browser when they ask for it. */
  var balas = document.getElementById("balas"), ingat = document.getElementById("ingat-nama");
  if (s && balas && ingat) {
    var k = "jembatan:nama", nama = balas.elements.nama, tersimpan = s.getItem(k);
    document.getElementById("ingat-wadah").hidden = false;
    if (tersimpan) { ingat.checked = true; if (!nama.value) nama.value = tersimpan; }
    balas.addEventListener("submit", function () {
      if (ingat.checked) simpan(s, k, nama.value); else s.removeItem(k);
    });
  }

  /* Print buttons (coverage report, wall newspaper): hidden until there is a script to press them. */
  document.querySelectorAll("[data-cetak]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  /* The item form's village map: a click fills latitude and longitude, typed coordinates move the marker, and a
     point outside the chosen village's outline is flagged before saving (the server asks to confirm it). From the
     keyboard: the map takes focus, arrows move the point ~50 m (Shift ~500 m), Home or the button goes back to
     the village centre; the point and the warning are read out through a live region. */
  document.querySelectorAll("[data-pilih-titik]").forEach(function (w) {
    var svg = w.querySelector("svg"), f = w.closest("form"), kotak = w.querySelector(".pilih-titik-wadah");
    if (!svg || !f || !kotak || !f.elements.lat || !f.elements.lng || !svg.createSVGPoint) return;
    var p = svg.getAttribute("data-proyeksi").split(" ").map(Number), lat = f.elements.lat, lng = f.elements.lng,
      desa = f.elements.wilayah, titik = svg.querySelector(".pilihan"), luar = w.querySelector("[data-luar-desa]"),
      umumkan = w.querySelector("[data-umumkan]");
    w.hidden = false;
    var awal = svg.getAttribute("data-awal"); // the village the server drew, when none is chosen yet (the only one)
    function garis() {
      var k = (desa && desa.value) || awal;
      return k ? svg.querySelector('path[data-kode="' + k + '"]') : null;
    }
    function tandai(x, y) {
      titik.setAttribute("cx", x.toFixed(1)); titik.setAttribute("cy", y.toFixed(1)); titik.removeAttribute("visibility");
      var g = garis(), pt = svg.createSVGPoint();
      pt.x = x; pt.y = y;
      luar.hidden = !(g && g.isPointInFill && !g.isPointInFill(pt));
    }
    function dariIsian() {
      var a = parseFloat(lat.value), b = parseFloat(lng.value), g = garis();
      if (isFinite(a) && isFinite(b)) tandai((b - p[0]) * p[2] * p[3], (p[1] - a) * p[3]);
      else if (g && g.getAttribute("data-pusat")) { var c = g.getAttribute("data-pusat").split(" ").map(Number); tandai(c[0], c[1]); }
    }
    function titikKini() { // [lat, lng] typed, else the village centre an empty point stands for
      var a = parseFloat(lat.value), b = parseFloat(lng.value), g = garis();
      if (isFinite(a) && isFinite(b)) return [a, b];
      return g && g.getAttribute("data-pusat-ll") ? g.getAttribute("data-pusat-ll").split(" ").map(Number) : null;
    }
    function kabar(awalan) {
      var t = titikKini();
      if (!t) return;
      umumkan.textContent = (awalan ? awalan + " " : "") + kotak.dataset.teksPosisi.replace("{lat}", t[0].toFixed(5))
        .replace("{lng}", t[1].toFixed(5)) + (luar.hidden ? "" : " " + luar.textContent);
    }
    function fokus() {
      var g = garis();
      svg.querySelectorAll(".dipilih").forEach(function (e) { e.classList.remove("dipilih"); });
      if (!g) return;
      g.classList.add("dipilih");
      var b = g.getBBox(), m = Math.max(b.width, b.height, 10) * 0.15;
      svg.setAttribute("viewBox", [b.x - m, b.y - m, b.width + 2 * m, b.height + 2 * m].map(function (v) { return v.toFixed(0); }).join(" "));
      titik.setAttribute("r", (Math.max(b.width, b.height, 10) / 50).toFixed(1));
    }
    function kePusat() {
      lat.value = ""; lng.value = ""; // empty is the village centre, as the form says
      dariIsian();
      kabar(kotak.dataset.teksPusat);
    }
    svg.addEventListener("click", function (e) {
      var pt = svg.createSVGPoint();
      pt.x = e.clientX; pt.y = e.clientY;
      var q = pt.matrixTransform(svg.getScreenCTM().inverse());
      lng.value = (p[0] + q.x / (p[2] * p[3])).toFixed(6);
      lat.value = (p[1] - q.y / p[3]).toFixed(6);
      tandai(q.x, q.y);
      kabar();
    });
    kotak.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "Home") { e.preventDefault(); kePusat(); return; }
      var d = (e.shiftKey ? 500 : 50) / 111320, arah = { ArrowUp: [d, 0], ArrowDown: [-d, 0], ArrowLeft: [0, -d], ArrowRight: [0, d] }[e.key],
        t = titikKini();
      if (!arah || !t) return;
      e.preventDefault();
      lat.value = (t[0] + arah[0]).toFixed(6);
      lng.value = (t[1] + arah[1] / Math.cos(t[0] * Math.PI / 180)).toFixed(6); // a degree of longitude is shorter
      dariIsian();
      kabar();
    });
    w.querySelector("[data-ke-pusat]").addEventListener("click", kePusat);
    function diketik() {
      var tadi = luar.hidden;
      dariIsian();
      if (tadi !== luar.hidden) umumkan.textContent = luar.hidden ? "" : luar.textContent; // only what changed
    }
    lat.addEventListener("input", diketik);
    lng.addEventListener("input", diketik);
    if (desa) desa.addEventListener("change", function () { fokus(); diketik(); });
    fokus();
    dariIsian();
  });

  if (!navigator.clipboard) return;
  /* Copy a share link instead of following it. */
  document.querySelectorAll("[data-salin]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      navigator.clipboard.writeText(a.href).then(function () { a.textContent = "✔"; });
    });
  });
  /* Copy the text of another field (a siaran's WhatsApp text). */
  document.querySelectorAll("[data-salin-dari]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(document.getElementById(b.dataset.salinDari).value).then(function () { b.textContent = "✔"; });
    });
  });
  /* A wide table on a narrow screen: say in words that it scrolls (the shadow already hints). */
  var petunjuk = document.body.dataset.petunjukGeser;
  document.querySelectorAll(".gulir").forEach(function (g) {
    if (!petunjuk || g.scrollWidth <= g.clientWidth + 1) { return; }
    var p = document.createElement("p");
    p.className = "petunjuk-geser";
    p.textContent = petunjuk;
    g.parentNode.insertBefore(p, g);
  });
})();

/* Offline reading and sending, the page's side: registers the service worker (/sw.js, static/js/sw.js),
   shows what it keeps in its queue — "Menunggu sinyal", sent, or refused with the reason and the text
   typed — and asks it to send when the signal returns. Without JavaScript or a service worker every page
   and form works as before, online. */
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
