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
