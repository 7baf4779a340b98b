/* campaign-pages: the 关怀版 (elder mode) switch and the print line. No dependencies.
   The switch is a real button in the header: it works with the keyboard, says its state
   (aria-pressed) and is remembered across pages and visits (localStorage). */
(function () {
  "use strict";
  var KEY = "cp-elder";
  var root = document.documentElement;

  function remember(on) {
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  function addSwitch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".cp-elder-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cp-elder-toggle md-header__button";
    button.textContent = "关怀版";
    button.title = "放大字号、加深对比度（再按一次恢复）";
    button.setAttribute("aria-pressed", String(root.classList.contains("cp-elder")));
    button.addEventListener("click", function () {
      var on = !root.classList.contains("cp-elder");
      root.classList.toggle("cp-elder", on);
      button.setAttribute("aria-pressed", String(on));
      remember(on);
    });
    var search = header.querySelector(".md-search");
    header.insertBefore(button, search || null);
  }

  function addPrintLine() {
    var content = document.querySelector(".md-content__inner");
    if (!content || content.querySelector(".cp-print-info")) return;
    var now = new Date();
    var line = document.createElement("p");
    line.className = "cp-print-info";
    line.textContent = "网址：" + location.href + "　打印日期：" +
      now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日";
    content.appendChild(line);
  }

  addSwitch();
  addPrintLine();
})();
