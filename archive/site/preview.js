// The preview's live reload and error overlay; injected by `build.py serve`, never part of site/.
(() => {
  const script = document.currentScript;
  const loaded = Number(script.dataset.version);
  const events = new EventSource(script.dataset.events);
  let overlay = null;

  function showProblem(lines) {
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "preview-problem";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff4f4;color:#5c0000;border-top:4px solid #c00;padding:1em 1.25em;font:15px/1.6 system-ui,sans-serif;" +
        "box-shadow:0 -4px 16px rgba(0,0,0,.2)";
      document.body.append(overlay);
    }
    const heading = document.createElement("h2");
    heading.style.cssText = "margin:0 0 .5em;font-size:1.1em";
    heading.textContent = "构建失败，仍显示上一次成功生成的网站（build failed; the last good site is shown）";
    const list = document.createElement("pre");
    list.style.cssText = "margin:0;white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace";
    list.textContent = lines;
    overlay.replaceChildren(heading, list);
  }

  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (state.problem) {
      showProblem(state.problem);
    } else if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (state.version !== loaded && !state.problem) {
      location.reload();
    }
  });
})();
