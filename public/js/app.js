// Progressive enhancement only: every page works without this file.
(() => {
  // Focus the error summary so that screen readers announce it first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // The main menu: one group open at a time, Escape closes it; on narrow screens the menu sits behind a button.
  const nav = document.querySelector(".sofia-nav");
  if (nav) {
    const groups = [...nav.querySelectorAll("details")];
    for (const group of groups) {
      group.addEventListener("toggle", () => {
        if (group.open) for (const other of groups) if (other !== group) other.open = false;
      });
      group.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && group.open) {
          group.open = false;
          group.querySelector("summary").focus();
        }
      });
    }
    document.addEventListener("click", (event) => {
      for (const group of groups) if (group.open && !group.contains(event.target)) group.open = false;
    });
    const list = nav.querySelector(":scope > ul");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sofia-menu-button";
    button.textContent = nav.dataset.menuLabel || "Meny";
    list.id = "sofia-menu";
    button.setAttribute("aria-controls", list.id);
    const narrow = window.matchMedia("(max-width: 40em)");
    const collapse = (collapsed) => {
      nav.dataset.collapsed = String(collapsed);
      button.setAttribute("aria-expanded", String(!collapsed));
    };
    collapse(narrow.matches);
    narrow.addEventListener("change", (e) => collapse(e.matches));
    button.addEventListener("click", () => collapse(nav.dataset.collapsed !== "true"));
    nav.insertBefore(button, list);
  }

  // Date fields take what Swedes type; where the browser has a date picker, a button opens it and
  // writes the chosen date into the field as YYYY-MM-DD.
  const probe = document.createElement("input");
  probe.type = "date";
  if (probe.type === "date" && typeof probe.showPicker === "function") {
    for (const field of document.querySelectorAll("input[data-date-picker]")) {
      const row = document.createElement("div");
      row.className = "sofia-date-row";
      field.parentNode.insertBefore(row, field);
      row.appendChild(field);
      const picker = document.createElement("input");
      picker.type = "date";
      picker.className = "sofia-date-picker-input";
      picker.tabIndex = -1;
      picker.setAttribute("aria-hidden", "true");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ds-button";
      button.dataset.variant = "secondary";
      button.dataset.size = "sm";
      button.textContent = field.dataset.datePicker;
      row.append(button, picker);
      button.addEventListener("click", () => {
        picker.value = /^\d{4}-\d{2}-\d{2}$/.test(field.value.trim()) ? field.value.trim() : field.dataset.dateValue || "";
        try {
          picker.showPicker();
        } catch {
          field.focus();
        }
      });
      picker.addEventListener("change", () => {
        if (picker.value) field.value = picker.value;
        field.focus();
      });
    }
  }

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
