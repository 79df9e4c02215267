/* Quick exit: the button, or Shift pressed three times in a row, replaces this page in the
   browser history with a neutral site. Links between our own pages also replace the current
   entry instead of adding one, so a whole visit takes a single place in the history and Back,
   after a quick exit, does not return to this site. Without JavaScript the button is still an
   ordinary link to the same place. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var target = link.href;
  var presses = 0;
  var timer = null;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    // Hide the page at once: the neutral site may take a moment to load.
    document.documentElement.style.display = "none";
    document.title = "";
    window.location.replace(target);
  }

  link.addEventListener("click", leave);

  document.addEventListener("click", function (event) {
    var anchor = event.target.closest ? event.target.closest("a[href]") : null;
    if (!anchor || anchor === link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey ||
        anchor.target || anchor.hasAttribute("download") || anchor.origin !== location.origin ||
        anchor.hash && anchor.pathname === location.pathname) {
      return;
    }
    event.preventDefault();
    window.location.replace(anchor.href);
  });

  document.addEventListener("keydown", function (event) {
    // Any other key resets the count, so typing capital letters never triggers an exit.
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    if (event.repeat) {
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      presses = 0;
      leave();
      return;
    }
    timer = window.setTimeout(function () {
      presses = 0;
    }, 2000);
  });
})();
