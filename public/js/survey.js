// The survey answer screen, enhanced. Without this file the form is one page with every question
// and a plain POST. With it: one question per screen with progress, "Läs upp" where the browser can
// speak, a partial answer saved after each question, and a submission that survives a lost
// network: the answer is kept in localStorage (keyed by the form's action, holding only the form's
// fields) and sent again on the next page load or when the browser is back online. The invitation's
// submission key makes a resend store once.
(() => {
  const PREFIX = "sofia-survey:";

  const send = (action, fields) =>
    fetch(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-sofia-fetch": "1", accept: "application/json" },
      body: new URLSearchParams(fields).toString(),
      credentials: "same-origin",
    });

  const storage = () => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  };

  // Sends every kept answer; one that the server settles (stored, or refused for good) is dropped.
  let flushing = false;
  const flush = async () => {
    const store = storage();
    if (!store || flushing) return;
    flushing = true;
    try {
      const keys = [];
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
      for (const key of keys) {
        let fields;
        try {
          fields = JSON.parse(store.getItem(key) || "[]");
        } catch {
          store.removeItem(key);
          continue;
        }
        try {
          const res = await send(key.slice(PREFIX.length), fields);
          if (res.status < 500) store.removeItem(key);
        } catch {
          return; // still offline: try again later
        }
      }
    } finally {
      flushing = false;
    }
  };
  flush();
  window.addEventListener("online", flush);

  const form = document.querySelector("form[data-survey-form]");
  if (!form) return;
  const d = form.dataset;
  const action = form.getAttribute("action") || window.location.pathname;
  const items = Array.from(form.querySelectorAll("[data-survey-item]"));
  const progress = form.querySelector("[data-survey-progress]");
  const actions = form.querySelector("[data-survey-actions]");
  const submit = form.querySelector("[data-survey-submit]");
  const status = form.querySelector("[data-survey-status]");
  if (items.length === 0 || !actions || !submit || !progress) return;

  const fields = (complete) => {
    const out = [];
    for (const [k, v] of new FormData(form)) {
      if (typeof v === "string") out.push([k, k === "complete" ? complete : v]);
    }
    return out;
  };

  // "Läs upp": the question and its answers spoken in the respondent's language (decision 0042);
  // the text stays on the screen. No button where the browser cannot speak or has no voice for the
  // language: voices often arrive after the page (voiceschanged), and the buttons come then.
  const speech = "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function" ? window.speechSynthesis : null;
  if (speech) {
    const lang = d.speechLang || "sv-SE";
    const norm = (l) =>
      String(l || "")
        .replace("_", "-")
        .toLowerCase();
    const voiceFor = () => {
      const voices = speech.getVoices();
      return (
        voices.find((v) => norm(v.lang) === lang.toLowerCase()) ||
        voices.find((v) => norm(v.lang).split("-")[0] === lang.split("-")[0].toLowerCase())
      );
    };
    let added = false;
    const addButtons = () => {
      if (added || !voiceFor()) return;
      added = true;
      for (const item of items) {
        const legend = item.querySelector("legend");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "ds-button sofia-answer__read";
        button.dataset.variant = "secondary";
        button.textContent = d.readAloud || "Läs upp";
        button.addEventListener("click", () => {
          const labels = Array.from(item.querySelectorAll(".sofia-answer__text")).map((l) => l.textContent);
          const utterance = new window.SpeechSynthesisUtterance([legend ? legend.textContent : "", ...labels].join(". "));
          utterance.lang = lang;
          const voice = voiceFor();
          if (voice) utterance.voice = voice;
          speech.cancel();
          speech.speak(utterance);
        });
        if (legend) legend.after(button);
        else item.prepend(button);
      }
    };
    addButtons();
    if (!added && typeof speech.addEventListener === "function") speech.addEventListener("voiceschanged", addButtons);
  }

  // One question per screen.
  const makeButton = (text, variant) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "ds-button sofia-answer__nav";
    b.dataset.variant = variant;
    b.textContent = text;
    return b;
  };
  const previous = makeButton(d.previous || "Föregående", "secondary");
  const next = makeButton(d.next || "Nästa", "primary");
  actions.insertBefore(previous, submit);
  actions.insertBefore(next, submit);
  form.classList.add("sofia-answer--stepped");

  let current = 0;
  const show = (index, focus) => {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach((item, i) => {
      item.hidden = i !== current;
    });
    const last = current === items.length - 1;
    previous.hidden = current === 0;
    next.hidden = last;
    submit.hidden = !last;
    progress.hidden = false;
    progress.textContent = items[current].dataset.progress || "";
    if (focus) {
      const legend = items[current].querySelector("legend");
      if (legend) {
        legend.tabIndex = -1;
        legend.focus();
      }
    }
  };

  const answered = (item) => item.querySelector("input[type=radio]:checked") !== null;

  // A partial answer is kept after each answered question; a failure here is not the respondent's concern.
  const savePartial = () => {
    if (!items.some(answered)) return;
    send(action, fields("0")).catch(() => {});
  };

  const forward = () => {
    if (answered(items[current])) savePartial();
    show(current + 1, true);
  };
  next.addEventListener("click", forward);
  previous.addEventListener("click", () => show(current - 1, true));

  // Enter on an answer moves on (or sends on the last question); arrows and Space stay native.
  form.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key !== "Enter" || !(target instanceof HTMLInputElement) || target.type !== "radio") return;
    event.preventDefault();
    if (current < items.length - 1) forward();
    else form.requestSubmit(submit);
  });

  // An error summary link shows the question it names.
  for (const link of form.querySelectorAll("[data-error-summary] a")) {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      const index = items.findIndex((item) => item.contains(target));
      if (index < 0 || !target) return;
      event.preventDefault();
      show(index, false);
      target.focus();
    });
  }

  const firstError = items.findIndex((item) => item.querySelector(".sofia-answer__error"));
  show(Math.max(firstError, 0), false);

  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    submit.setAttribute("aria-disabled", "true");
    if (status) status.textContent = d.saving || "";
    const data = fields("1");
    let res;
    try {
      res = await send(action, data);
    } catch {
      const store = storage();
      try {
        store?.setItem(PREFIX + action, JSON.stringify(data));
      } catch {
        // no room to keep it: the message below still tells the respondent
      }
      if (d.offlineNext) {
        window.location.assign(d.offlineNext);
        return;
      }
      if (status) status.textContent = d.offline || "";
      sending = false;
      submit.removeAttribute("aria-disabled");
      return;
    }
    if (res.ok || res.status === 404 || res.status === 410) {
      let body = {};
      try {
        body = await res.json();
      } catch {
        body = {};
      }
      window.location.assign(body.next || action);
      return;
    }
    // A refused answer: the server's own page (the plain form post) says what to change.
    HTMLFormElement.prototype.submit.call(form);
  });
})();
