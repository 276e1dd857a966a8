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
      if (n === 0) { e.preventDefault(); window.alert("请先勾选案件。"); }
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
