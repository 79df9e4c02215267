/* New urgent referrals, announced on the open queue and admin home page without a reload
   (referrals/triage/urgent.py). Every half minute it asks the server for the count and the
   newest references of urgent referrals not yet answered, shows them, marks the ones that came
   in while the page was open, and says so to screen readers through a live region. Without
   JavaScript the page still shows the figures as they were when it loaded.

   Text comes from the page (data-* attributes, translated on the server) and is set with
   textContent only: nothing the server sends is read as HTML. A poll that is redirected
   to the sign-in (the session ended after the idle timeout) reloads the page, which then shows
   the sign-in instead of a queue left open. */
(function () {
  "use strict";

  function start() {
    var box = document.querySelector("[data-urgent-url]");
    if (!box || !window.fetch) {
      return;
    }
    var url = box.getAttribute("data-urgent-url");
    var seconds = parseInt(box.getAttribute("data-urgent-poll"), 10) || 30;
    var cap = parseInt(box.getAttribute("data-urgent-cap"), 10) || 999;
    var queueUrl = box.getAttribute("data-urgent-queue-url");
    var newLabel = box.getAttribute("data-urgent-new-label");
    var announcement = box.getAttribute("data-urgent-announcement");
    var list = box.querySelector("[data-urgent-list]");
    var live = box.querySelector("[data-urgent-live]");
    var known = {};
    Array.prototype.forEach.call(list.querySelectorAll("[data-reference]"), function (item) {
      known[item.getAttribute("data-reference")] = true;
    });
    var fresh = {};

    function show(data) {
      var text = data.more ? cap + "+" : String(data.count);
      Array.prototype.forEach.call(document.querySelectorAll("[data-urgent-count]"), function (el) {
        el.textContent = text;
      });
      var arrived = [];
      data.references.forEach(function (reference) {
        if (!known[reference]) {
          known[reference] = true;
          fresh[reference] = true;
          arrived.push(reference);
        }
      });
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      data.references.forEach(function (reference) {
        var item = document.createElement("li");
        item.setAttribute("data-reference", reference);
        var link = document.createElement("a");
        link.href = queueUrl + "?q=" + encodeURIComponent(reference);
        link.textContent = reference;
        item.appendChild(link);
        if (fresh[reference]) {
          var badge = document.createElement("span");
          badge.className = "w-status w-status--label referral-urgent referral-urgent--new";
          badge.textContent = newLabel;
          item.appendChild(document.createTextNode(" "));
          item.appendChild(badge);
        }
        list.appendChild(item);
      });
      var some = data.references.length > 0;
      list.hidden = !some;
      Array.prototype.forEach.call(box.querySelectorAll("[data-urgent-none]"), function (el) {
        el.hidden = some;
      });
      Array.prototype.forEach.call(box.querySelectorAll("[data-urgent-some]"), function (el) {
        el.hidden = !some;
      });
      if (arrived.length && live) {
        live.textContent = arrived
          .map(function (reference) {
            return announcement.replace("%(reference)s", reference);
          })
          .join(" ");
      }
    }

    function poll() {
      fetch(url, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (response.redirected) {
            // Sent to sign in: show that, rather than keep a signed-out queue on the screen.
            window.location.reload();
            return null;
          }
          var type = response.headers.get("Content-Type") || "";
          if (!response.ok || type.indexOf("application/json") !== 0) {
            return null;  // an error page: keep what is shown, ask again at the next turn
          }
          return response.json();
        })
        .then(function (data) {
          if (data) {
            show(data);
          }
          window.setTimeout(poll, seconds * 1000);
        })
        .catch(function () {
          // Offline for a moment, or the server restarting: try again at the next turn.
          window.setTimeout(poll, seconds * 1000);
        });
    }

    window.setTimeout(poll, seconds * 1000);
  }

  // The admin loads scripts before the page's content: wait for the content.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
