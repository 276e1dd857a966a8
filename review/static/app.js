// certwatch review UI: the little that needs script. Loaded from /static
// (the Content-Security-Policy allows no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input.pick").forEach(function (b) { b.checked = all.checked; });
    });
  }
  var batch = document.getElementById("batch");
  if (batch) {
    batch.addEventListener("submit", function (e) {
      var n = document.querySelectorAll("input.pick:checked").length;
      if (n === 0) { e.preventDefault(); window.alert("请先勾选案件。"); return; }
      var act = batch.querySelector("input[name=action]:checked");
      var reason = document.getElementById("batch-reason");
      if (act && act.value === "dismiss" && reason && reason.value === "") {
        e.preventDefault(); window.alert("请选择排除理由。"); reason.focus();
      }
    });
  }
  // The recipient field shows the suggestion of the chosen route.
  var recipient = document.getElementById("recipient");
  if (recipient) {
    var show = function () {
      var r = document.querySelector("input[name=route]:checked");
      if (r) { recipient.placeholder = r.getAttribute("data-recipient") || ""; }
    };
    document.querySelectorAll("input[name=route]").forEach(function (r) { r.addEventListener("change", show); });
    show();
  }
});
