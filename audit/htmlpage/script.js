// The chart's controls: expand and collapse, search, and links that reveal
// the department they point at. Everything works on the page's own text
// (textContent), never on markup, so no value of the tenant is ever run.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var chart = document.querySelector("#chart .tree");
  var nodes = Array.prototype.slice.call(chart.querySelectorAll("li.n"));

  function own(li, sel) {
    return Array.prototype.filter.call(li.children, function (c) { return c.matches(sel); });
  }
  function kids(li) {
    var ul = own(li, "ul")[0];
    return ul ? own(ul, "li.n") : [];
  }
  function setOpen(li, open) {
    if (!own(li, "ul").length) return;
    li.classList.toggle("closed", !open);
    var b = li.querySelector(".box > .tg");
    if (b) b.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function reveal(li) {
    for (var p = li.parentElement; p && p !== chart; p = p.parentElement) {
      if (p.matches("li.n")) setOpen(p, true);
    }
  }

  // What each department is found by: its box (name, headcount, leaders),
  // its ID and its members.
  nodes.forEach(function (li) {
    var box = own(li, ".box")[0].cloneNode(true);
    Array.prototype.forEach.call(box.querySelectorAll("details"), function (d) { d.remove(); });
    var text = li.getAttribute("data-id") + " " + box.textContent;
    li.orgbatchText = text.toLowerCase();
    li.orgbatchMembers = [];
    li.orgbatchDetails = li.querySelector(".box > details.members");
    li.orgbatchMembers = li.orgbatchDetails ? Array.prototype.map.call(li.orgbatchDetails.querySelectorAll("li"), function (m) {
      return { el: m, text: m.textContent.toLowerCase() };
    }) : [];
  });

  // Open at first: the company and the top-level departments, so that
  // three levels show.
  nodes.forEach(function (li) { setOpen(li, Number(li.getAttribute("data-depth")) <= 1); });

  chart.addEventListener("click", function (e) {
    var b = e.target.closest("button.tg");
    if (b) { var li = b.closest("li.n"); setOpen(li, li.classList.contains("closed")); }
  });
  document.getElementById("expand").addEventListener("click", function () { nodes.forEach(function (li) { setOpen(li, true); }); });
  document.getElementById("collapse").addEventListener("click", function () { nodes.forEach(function (li) { setOpen(li, li === nodes[0]); }); });

  var input = document.getElementById("q");
  var count = document.getElementById("q-count");
  function search(q) {
    q = q.trim().toLowerCase();
    var hits = 0, first = null;
    function visit(li) {
      var found = q !== "" && li.orgbatchText.indexOf(q) >= 0;
      var members = false;
      li.orgbatchMembers.forEach(function (m) {
        var hit = q !== "" && m.text.indexOf(q) >= 0;
        m.el.classList.toggle("hit", hit);
        members = members || hit;
      });
      if (li.orgbatchDetails && q !== "") li.orgbatchDetails.open = members;
      var below = false;
      kids(li).forEach(function (k) { if (visit(k)) below = true; });
      var mine = found || members;
      li.classList.toggle("hit", mine);
      li.classList.toggle("miss", q !== "" && !mine && !below);
      if (q !== "" && below) setOpen(li, true);
      if (mine) { hits++; if (!first) first = li; }
      return mine || below;
    }
    own(chart, "li.n").forEach(visit);
    count.textContent = q === "" ? "" : hits + " 个部门匹配 departments match";
    return first;
  }
  input.addEventListener("input", function () { search(input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { var f = search(input.value); if (f) f.scrollIntoView({ block: "center" }); }
  });

  // Links to a department (#n12) open the branches above it; #q=TEXT
  // searches, so a search can be shared as a link.
  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (h.indexOf("q=") === 0) { input.value = h.slice(2); search(input.value); return; }
    var li = h && document.getElementById(h);
    if (li && li.matches("li.n")) { reveal(li); li.scrollIntoView({ block: "center" }); }
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest("a.to");
    if (a) { var li = document.getElementById(a.getAttribute("href").slice(1)); if (li) reveal(li); }
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
