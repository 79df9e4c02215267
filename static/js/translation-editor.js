/* wagtail-localize's translation editor (a React app drawn from the JSON in data-props): its
   script writes two strings in English without gettext, the heading "<source> to <target>
   translation" and the hidden name of the footer's arrow, "More actions". They are replaced
   here with the admin's words, given on this script's tag by home/editor_hooks.py.

   Its footer puts the last action the user may take on the big button: for anyone who may not
   publish, "Delete". For them the big button becomes "Submit for moderation" (a POST of
   action=submit to this page, home/translation_moderation.py) and the former big button the
   last item of the menu. React draws the footer once (its props do not change), so the nodes
   added here are left alone; the former big button is hidden, not moved, and a copy of it
   (a link or a form button, with no handler of React's) goes into the menu. */
(function () {
  "use strict";
  var words = document.currentScript.dataset;

  function translateText(root, english) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue.trim();
      if (Object.prototype.hasOwnProperty.call(english, text)) {
        node.nodeValue = english[text];
      }
    }
  }

  function submitButton() {
    var button = document.createElement("button");
    button.type = "submit";
    button.name = "action";
    button.value = "submit";
    button.className = "button";
    button.setAttribute("data-translation-submit", "");
    button.textContent = words.submit;
    return button;
  }

  function submitFirst(editor, props) {
    if (props.perms.canPublish || editor.querySelector("[data-translation-submit]")) {
      return;
    }
    var group = editor.querySelector("footer form .w-dropdown-button");
    var menu = group && group.querySelector(".w-dropdown__content");
    var big = group && group.firstElementChild;
    if (!menu || !big || big.classList.contains("w-dropdown")) {
      return;
    }
    var copy = big.cloneNode(true);
    copy.classList.add("action-secondary");
    menu.appendChild(copy);
    big.hidden = true;
    big.style.display = "none";
    group.insertBefore(submitButton(), big);
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) {
      return;
    }
    var props = JSON.parse(editor.getAttribute("data-props"));
    var english = {"More actions": words.moreActions};
    var heading = props.sourceLocale.displayName + " to " + props.locale.displayName +
      " translation";
    english[heading] = words.heading
      .replace("%(source)s", props.sourceLocale.displayName)
      .replace("%(target)s", props.locale.displayName);
    function apply() {
      observer.disconnect();
      translateText(editor, english);
      submitFirst(editor, props);
      observer.observe(editor, {childList: true, subtree: true, characterData: true});
    }
    var observer = new MutationObserver(apply);
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
