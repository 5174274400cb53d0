// The demo page's room for the fake's panel, in demo mode: loaded before
// the fake's script, after app.css. The panel floats at the bottom right;
// the page keeps clear of it, in a column on a wide screen, in a strip
// below the page on a narrow one (app.css, by --panel-room), where the
// panel starts folded into its tab. This script measures the panel, as
// it folds, grows and goes, into --panel-width and --panel-height, and
// marks the document data-panel while there is one.
(function () {
  var root = document.documentElement;
  var room = getComputedStyle(root).getPropertyValue("--panel-room").trim();
  var options = window.wxfakeOptions || {};
  if (options.folded === undefined) options.folded = room !== "column";
  window.wxfakeOptions = options;

  var watched = null; // the panel's shadow root under observation
  var inside = new MutationObserver(measure);
  var resized = typeof ResizeObserver === "function" ? new ResizeObserver(measure) : null;

  function measure() {
    var host = document.getElementById("wxfake-panel");
    var shadow = host && host.shadowRoot;
    if (shadow !== watched) {
      inside.disconnect();
      if (shadow) inside.observe(shadow, { childList: true, subtree: true, attributes: true, characterData: true });
      watched = shadow;
    }
    var box = shadow && shadow.querySelector(".p, .tab");
    if (!box) {
      delete root.dataset.panel;
      root.style.removeProperty("--panel-width");
      root.style.removeProperty("--panel-height");
      return;
    }
    if (resized) {
      resized.disconnect();
      resized.observe(box);
    }
    // The panel's extent from the viewport's right and bottom edges: its
    // size and its margin.
    var r = box.getBoundingClientRect();
    root.style.setProperty("--panel-width", Math.ceil(window.innerWidth - r.left) + "px");
    root.style.setProperty("--panel-height", Math.ceil(window.innerHeight - r.top) + "px");
    root.dataset.panel = box.classList.contains("tab") ? "folded" : "open";
  }

  new MutationObserver(measure).observe(root, { childList: true });
  window.addEventListener("resize", measure);
  measure();
})();
