// Progressive enhancement only: every page works without JavaScript (the form has its own buttons).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("zoekformulier");
  if (!form) { return; }
  // Ticking a filter or choosing a sort order searches at once instead of waiting for "Filters toepassen";
  // the form's action ends in #resultaten, so the new page opens at the results.
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox" || target.tagName === "SELECT") {
      form.submit();
    }
  });
  // On a narrow screen the results come first and the filters fold away behind their summary.
  var panel = document.getElementById("filterpaneel");
  var searchingValues = form.querySelector(".facet-search input:not([value=''])");
  if (panel && !searchingValues && window.matchMedia("(max-width: 50rem)").matches) {
    panel.open = false;
  }
  // Arriving at #resultaten (after a filter, a page, a way back) puts keyboard focus on the heading.
  if (window.location.hash === "#resultaten") {
    var heading = document.getElementById("resultaten");
    if (heading && document.activeElement !== heading) { heading.focus(); }
  }
})();
