// j400: every screen works from the keyboard alone.
//  Alt+key  the control whose label underlines that letter
//  "/"      focus the first search field
//  ↑ / ↓    move through result rows (links), Enter opens
//  Esc      back to the previous screen (the search with its results)
(function () {
  "use strict";
  function links() { return Array.prototype.slice.call(document.querySelectorAll("a.result-link")); }
  function typing(el) { return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"); }

  document.addEventListener("keydown", function (e) {
    // Alt + the underlined letter, the same in every browser (native accesskey modifiers differ).
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.key && e.key.length === 1) {
      var target = document.querySelector('[accesskey="' + e.key.toLowerCase() + '"]');
      if (target) {
        e.preventDefault();
        if (typing(target)) { target.focus(); } else { target.click(); }
      }
      return;
    }
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

  // Long work (一括本登録) shows that it is running and cannot be sent twice.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-progress]"), function (form) {
    form.addEventListener("submit", function () {
      var progress = form.querySelector(".progress");
      if (progress) { progress.hidden = false; }
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { setTimeout(function () { b.disabled = true; }, 0); });
    });
  });

  // Idle screen lock: after the configured time without keyboard or mouse, the session is locked on the
  // server and the screen goes to /lock, which shows no personal data until the password is given again.
  var idleSeconds = parseInt(document.body.getAttribute("data-idle-lock") || "0", 10);
  if (idleSeconds > 0) {
    var last = Date.now();
    ["keydown", "mousedown", "mousemove", "touchstart", "wheel"].forEach(function (type) {
      document.addEventListener(type, function () { last = Date.now(); }, { passive: true });
    });
    var timer = setInterval(function () {
      if (Date.now() - last < idleSeconds * 1000) { return; }
      clearInterval(timer);
      var back = location.pathname + location.search;
      fetch("/api/v1/session/lock", { method: "POST", credentials: "same-origin" }).finally(function () {
        location.href = "/lock?returnUrl=" + encodeURIComponent(back);
      });
    }, 1000);
  }

  // After a search, put the focus on the first result so that Enter opens it.
  var firstResult = document.querySelector("#results a.result-link");
  if (firstResult && location.search.length > 1) { firstResult.focus(); }
})();
