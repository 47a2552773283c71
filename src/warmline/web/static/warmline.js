// warmline's few behaviours beyond HTMX: copy, apply a coach suggestion, upload
// progress, and clearing the compose box once a message is logged.
(function () {
  "use strict";

  function announce(text) {
    var live = document.getElementById("live");
    if (live) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 30);
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for browsers without the async clipboard on this origin.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  // <button data-copy="#selector" data-copied="Copied">
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) { return; }
    event.preventDefault();
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) { return; }
    var text = "value" in source ? source.value : source.textContent;
    copyText(text).then(function () {
      var label = button.getAttribute("data-copied") || "Copied";
      button.setAttribute("data-copied-state", "yes");
      announce(label);
      var original = button.textContent;
      button.textContent = label;
      window.setTimeout(function () { button.textContent = original; }, 1600);
    });
  });

  // <button data-apply data-target="#draft" data-start data-end data-match data-replacement>
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-apply]");
    if (!button) { return; }
    event.preventDefault();
    var area = document.querySelector(button.getAttribute("data-target") || "#draft");
    if (!area) { return; }
    var text = area.value;
    var match = button.getAttribute("data-match");
    var replacement = button.getAttribute("data-replacement");
    var start = parseInt(button.getAttribute("data-start"), 10);
    var end = parseInt(button.getAttribute("data-end"), 10);
    // The draft may have changed since the check: find the phrase again if needed.
    if (text.slice(start, end) !== match) {
      start = text.indexOf(match);
      end = start + match.length;
    }
    if (start < 0) { return; }
    area.value = text.slice(0, start) + replacement + text.slice(end);
    var caret = start + replacement.length;
    area.focus();
    area.setSelectionRange(caret, caret);
    announce(button.getAttribute("data-applied") || "");
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // Upload progress for <form data-progress="#bar">.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest && event.target.closest("[data-progress]");
    if (!form || !event.detail.lengthComputable) { return; }
    var bar = document.querySelector(form.getAttribute("data-progress"));
    if (bar) {
      bar.hidden = false;
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });

  // <form data-reset>: empty the form after HTMX stored what it sent.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target;
    if (form && form.matches && form.matches("form[data-reset]") && event.detail.successful) {
      form.reset();
    }
  });

  // Conversations read bottom-up: keep the newest message in view.
  function scrollTimelines() {
    document.querySelectorAll(".timeline-scroll").forEach(function (box) {
      box.scrollTop = box.scrollHeight;
    });
  }
  document.addEventListener("DOMContentLoaded", scrollTimelines);
  document.addEventListener("htmx:afterSettle", scrollTimelines);

  // The server says a message was logged: empty the draft and its coaching.
  document.addEventListener("warmline:logged", function () {
    var draft = document.getElementById("draft");
    if (draft) { draft.value = ""; }
    var coach = document.getElementById("coach");
    if (coach) { coach.innerHTML = ""; }
  });
})();
