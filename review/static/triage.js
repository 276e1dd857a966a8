// certwatch review UI: keyboard triage on the queue and the case page.
// Every key has a button or link on the page; a decision is the case
// page's own form submitted (POST with its CSRF token), never a request
// of its own. Keys do nothing while focus is in a field.
"use strict";
(function () {
  function typing(t) {
    if (!t || !t.tagName) { return false; }
    var n = t.tagName.toLowerCase();
    return n === "input" || n === "textarea" || n === "select" || t.isContentEditable;
  }
  function toggleHelp(force) {
    var h = document.getElementById("key-help");
    if (!h) { return; }
    h.hidden = force === undefined ? !h.hidden : !force;
  }
  function say(msg) {
    var s = document.getElementById("key-status");
    if (s) { s.textContent = msg; }
  }
  function submit(form, next) {
    if (!form) { return false; }
    if (next) {
      var b = form.querySelector("button[name=next]");
      if (b) {
        if (form.requestSubmit) { form.requestSubmit(b); return true; }
        var h = document.createElement("input");
        h.type = "hidden"; h.name = "next"; h.value = "1";
        form.appendChild(h);
      }
    }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    return true;
  }

  // The queue: j/k (↓/↑) move the selection, Enter (o) opens it.
  function queueKeys(table) {
    var rows = function () { return Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-case]")); };
    var at = -1;
    function select(i) {
      var rs = rows();
      if (rs.length === 0) { return; }
      i = Math.max(0, Math.min(rs.length - 1, i));
      if (at >= 0 && rs[at]) { rs[at].classList.remove("selected"); rs[at].removeAttribute("aria-selected"); }
      at = i;
      rs[at].classList.add("selected");
      rs[at].setAttribute("aria-selected", "true");
      rs[at].scrollIntoView({ block: "nearest" });
    }
    return function (e) {
      switch (e.key) {
        case "j": case "ArrowDown": select(at + 1); return true;
        case "k": case "ArrowUp": select(at < 0 ? 0 : at - 1); return true;
        case "Enter": case "o":
          if (at < 0) { return false; }
          var link = rows()[at].querySelector("a.case-link");
          if (link) { window.location.href = link.href; }
          return true;
      }
      return false;
    };
  }

  // The case page: c, C, d/D + reason key, e, n, u.
  function caseKeys(box) {
    var pendingDismiss = null; // "stay" or "next" after d / D
    var confirmForm = document.getElementById("confirm-form");
    var dismissForm = document.getElementById("dismiss-form");
    function confirm(next) {
      if (!confirmForm || !confirmForm.querySelector("button#confirm")) { say("此案件当前不能确认。"); return; }
      if (!confirmForm.querySelector("input[name=route]:checked")) {
        say("请先选择处置路径，再按 c 确认。");
        var r = confirmForm.querySelector("input[name=route]");
        if (r) { r.focus(); }
        return;
      }
      say(next ? "正在确认并打开下一条…" : "正在确认…");
      submit(confirmForm, next);
    }
    function dismiss(key) {
      var how = pendingDismiss;
      pendingDismiss = null;
      var sel = document.getElementById("dismiss-reason");
      var opt = sel && sel.querySelector("option[data-key='" + key + "']");
      if (!opt) { say("没有编号为 " + key + " 的排除理由，已取消。"); return; }
      sel.value = opt.value;
      say((how === "next" ? "正在排除并打开下一条：" : "正在排除：") + opt.textContent);
      submit(dismissForm, how === "next");
    }
    return function (e) {
      if (pendingDismiss) {
        if (e.key === "Escape") { pendingDismiss = null; say("已取消排除。"); return true; }
        if (/^[1-9]$/.test(e.key)) { dismiss(e.key); return true; }
        if (e.key === "Shift") { return false; }
        pendingDismiss = null; say("已取消排除。");
      }
      switch (e.key) {
        case "c": confirm(false); return true;
        case "C": confirm(true); return true;
        case "d": case "D":
          if (!dismissForm) { say("此案件当前不能排除。"); return true; }
          pendingDismiss = e.key === "D" ? "next" : "stay";
          say("排除：请按理由编号（见上方），Esc 取消。");
          return true;
        case "e":
          if (document.getElementById("shot-full")) { window.location.hash = "shot-full"; return true; }
          var ev = document.getElementById("evidence");
          if (ev) {
            ev.scrollIntoView();
            var first = document.querySelector("#snapshots a");
            if (first) { first.focus(); }
          }
          return true;
        case "n": window.location.href = box.getAttribute("data-next"); return true;
        case "u": window.location.href = box.getAttribute("data-queue"); return true;
        case "Escape":
          if (window.location.hash === "#shot-full") { window.location.hash = "screenshot"; return true; }
          return false;
      }
      return false;
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var handler = null;
    var table = document.getElementById("case-table");
    var box = document.getElementById("triage");
    if (box) { handler = caseKeys(box); } else if (table) { handler = queueKeys(table); }
    if (!handler) { return; }
    document.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
      if (e.key === "?") { toggleHelp(); e.preventDefault(); return; }
      if (e.key === "Escape") {
        var h = document.getElementById("key-help");
        if (h && !h.hidden) { toggleHelp(false); e.preventDefault(); return; }
      }
      if (handler(e)) { e.preventDefault(); }
    });
    // Marks the page as listening (tests wait for it after a navigation).
    document.documentElement.setAttribute("data-keys", "ready");
  });
})();
