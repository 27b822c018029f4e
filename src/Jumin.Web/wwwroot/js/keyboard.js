// j400: every screen works from the keyboard alone.
//  "/"      focus the first search field
//  ↑ / ↓    move through result rows (links), Enter opens
//  Esc      back to the previous screen (the search with its results)
(function () {
  "use strict";
  function links() { return Array.prototype.slice.call(document.querySelectorAll("a.result-link")); }
  function typing(el) { return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"); }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var active = document.activeElement;
    if (e.key === "/" && !typing(active)) {
      var first = document.querySelector("#search-form input");
      if (first) { e.preventDefault(); first.focus(); first.select(); }
      return;
    }
    if (e.key === "Escape") {
      if (typing(active)) { active.blur(); return; }
      var back = document.querySelector("[data-back]");
      if (back) { e.preventDefault(); back.click(); }
      return;
    }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      var all = links();
      if (all.length === 0 || (typing(active) && e.key === "ArrowUp")) { return; }
      if (typing(active) && active.tagName === "SELECT") { return; }
      var index = all.indexOf(active);
      var next = e.key === "ArrowDown" ? index + 1 : index - 1;
      if (next < 0 || next >= all.length) { return; }
      e.preventDefault();
      all[next].focus();
    }
  });

  var backLink = document.querySelector("[data-back]");
  if (backLink) {
    backLink.addEventListener("click", function (e) {
      // Referrer-Policy is no-referrer, so the session history tells whether there is a search to return to.
      if (history.length > 1) {
        e.preventDefault();
        history.back();
      }
    });
  }

  // After a search, put the focus on the first result so that Enter opens it.
  var firstResult = document.querySelector("#results a.result-link");
  if (firstResult && location.search.length > 1) { firstResult.focus(); }
})();
