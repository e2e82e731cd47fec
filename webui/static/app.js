// Progressive enhancement only: every page works without JavaScript (the form has its own buttons).
(function () {
  "use strict";
  var form = document.getElementById("zoekformulier");
  if (!form) { return; }
  // Ticking a filter or choosing a sort order searches at once instead of waiting for "Filters toepassen".
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox" || target.tagName === "SELECT") {
      form.submit();
    }
  });
})();
