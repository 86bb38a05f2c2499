// Quoting a passage of a draft's section in a comment (issue 18): a progressive enhancement. Without this
// script the "quoted passage" field is filled by copying; with it, a button under each section's text copies
// the passage selected in that text into the section's comment form and moves the focus there.
(function () {
  "use strict";
  function selectedIn(container) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) { return ""; }
    var range = selection.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer)) { return ""; }
    return selection.toString().trim().slice(0, 1000);
  }
  document.querySelectorAll("[data-quote-target]").forEach(function (container) {
    var field = document.getElementById(container.getAttribute("data-quote-target"));
    if (!field) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-secondary quote-button";
    button.textContent = document.documentElement.lang === "sv" ? "Citera det markerade stycket"
      : document.documentElement.lang === "en" ? "Quote the selected passage" : "Lainaa valittu kohta";
    var last = "";
    document.addEventListener("selectionchange", function () {
      var text = selectedIn(container);
      if (text) { last = text; }
    });
    button.addEventListener("click", function () {
      var text = selectedIn(container) || last;
      if (!text) { return; }
      field.value = text;
      field.focus();
    });
    container.insertAdjacentElement("afterend", button);
  });
})();
