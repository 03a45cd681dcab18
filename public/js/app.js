// Progressive enhancement only: every page works without this file.
(() => {
  // Focus the error summary so that screen readers announce it first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // Idle-timeout warning: the server ends the session after `idle` seconds without requests.
  const body = document.body;
  const idle = Number(body.dataset.idleSeconds || 0);
  const warn = Number(body.dataset.warnSeconds || 0);
  const dialog = document.getElementById("session-warning");
  if (!idle || !dialog || typeof dialog.showModal !== "function") return;

  let warnTimer;
  let endTimer;
  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(() => dialog.showModal(), Math.max(0, (idle - warn) * 1000));
    endTimer = setTimeout(
      () => {
        window.location.href = "/logga-in?orsak=inaktiv";
      },
      idle * 1000 + 2000,
    );
  };
  schedule();

  const extend = dialog.querySelector("[data-action='extend-session']");
  if (extend) {
    extend.addEventListener("click", async (event) => {
      event.preventDefault();
      try {
        const res = await fetch("/session/forlang", {
          method: "POST",
          headers: { "x-csrf-token": body.dataset.csrf || "", accept: "application/json" },
          credentials: "same-origin",
        });
        if (!res.ok) throw new Error(String(res.status));
        dialog.close();
        schedule();
      } catch {
        extend.closest("form").submit();
      }
    });
  }
})();
