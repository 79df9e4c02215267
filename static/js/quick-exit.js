/* Quick exit: the button, or Shift pressed three times in a row, replaces this page in the
   browser history with a neutral site, so Back does not return here. Without JavaScript the
   button is still an ordinary link to the same place. */
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
