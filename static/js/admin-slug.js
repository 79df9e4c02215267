/* Page editor: the slug Wagtail fills from a Cyrillic title reads like the Latin page's title
   without diacritics ("Ђачки часопис" → "djacki-casopis"), as the server does (core/translit.py,
   fold). Wagtail's slug controller (w-slug) runs these replacements before its own
   transliteration, which would spell ч, ш, ж, х as in Russian. */
(function () {
  "use strict";
  var letters = [
    ["[чћčć]", "c"], ["[ЧЋČĆ]", "C"], ["[жž]", "z"], ["[ЖŽ]", "Z"], ["[шš]", "s"], ["[ШŠ]", "S"],
    ["[ђđ]", "dj"], ["[ЂĐ]", "Dj"], ["џ", "dz"], ["Џ", "Dz"], ["љ", "lj"], ["Љ", "Lj"],
    ["њ", "nj"], ["Њ", "Nj"], ["х", "h"], ["Х", "H"], ["ј", "j"], ["Ј", "J"]
  ];
  var formatters = JSON.stringify(letters.map(function (pair) {
    return [[pair[0], "gu"], pair[1]];
  }));
  function apply() {
    document.querySelectorAll('[data-controller~="w-slug"]').forEach(function (input) {
      input.setAttribute("data-w-slug-formatters-value", formatters);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
