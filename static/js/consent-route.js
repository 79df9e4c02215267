/* The professional form's consent routes the referral (referrals/intake/professional.py): an
   adult who did not consent becomes an anonymous notification, so the questions that would
   identify the person ([data-identifying]) are hidden and their inputs disabled (a disabled
   input is not sent). Choosing another option shows them again, with what was typed. A live
   region says what happens, in the words the server put on the page (data-text).

   Without JavaScript every question stays visible and the server refuses, one by one, the
   answers an anonymous notification must not carry, saying why. */
(function () {
  "use strict";

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function start() {
    var form = document.getElementById("intake-form");
    if (!form) {
      return;
    }
    var radios = form.querySelectorAll('input[name="consent"]');
    var groups = form.querySelectorAll("[data-identifying]");
    var notice = form.querySelector("[data-anonymous-notice]");
    if (!radios.length || !groups.length) {
      return;
    }

    function update() {
      var anonymous = false;
      each(radios, function (radio) {
        if (radio.checked && radio.value === "adult-no") {
          anonymous = true;
        }
      });
      each(groups, function (group) {
        group.hidden = anonymous;
        each(group.querySelectorAll("input, textarea, select"), function (input) {
          input.disabled = anonymous;
        });
      });
      if (notice) {
        notice.textContent = anonymous ? notice.getAttribute("data-text") : "";
        notice.hidden = !anonymous;
      }
    }

    each(radios, function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
