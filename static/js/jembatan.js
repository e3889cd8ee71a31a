/* Jembatan's few enhancements. Every page works without them; each one looks for its own data
   attribute and does nothing on a page without it. Loaded (deferred) only by pages that use one. */
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
     point outside the chosen village's outline is flagged before saving (the server asks to confirm it). */
  document.querySelectorAll("[data-pilih-titik]").forEach(function (w) {
    var svg = w.querySelector("svg"), f = w.closest("form");
    if (!svg || !f || !f.elements.lat || !f.elements.lng || !svg.createSVGPoint) return;
    var p = svg.getAttribute("data-proyeksi").split(" ").map(Number), lat = f.elements.lat, lng = f.elements.lng,
      desa = f.elements.wilayah, titik = svg.querySelector(".pilihan"), luar = w.querySelector("[data-luar-desa]");
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
    function fokus() {
      var g = garis();
      svg.querySelectorAll(".dipilih").forEach(function (e) { e.classList.remove("dipilih"); });
      if (!g) return;
      g.classList.add("dipilih");
      var b = g.getBBox(), m = Math.max(b.width, b.height, 10) * 0.15;
      svg.setAttribute("viewBox", [b.x - m, b.y - m, b.width + 2 * m, b.height + 2 * m].map(function (v) { return v.toFixed(0); }).join(" "));
      titik.setAttribute("r", (Math.max(b.width, b.height, 10) / 50).toFixed(1));
    }
    svg.addEventListener("click", function (e) {
      var pt = svg.createSVGPoint();
      pt.x = e.clientX; pt.y = e.clientY;
      var q = pt.matrixTransform(svg.getScreenCTM().inverse());
      lng.value = (p[0] + q.x / (p[2] * p[3])).toFixed(6);
      lat.value = (p[1] - q.y / p[3]).toFixed(6);
      tandai(q.x, q.y);
    });
    lat.addEventListener("input", dariIsian);
    lng.addEventListener("input", dariIsian);
    if (desa) desa.addEventListener("change", function () { fokus(); dariIsian(); });
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
