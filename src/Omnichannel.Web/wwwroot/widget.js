/*
 * Omnichannel web-chat widget. Paste on any site:
 *   <script async src="https://<host>/widget.js" data-inbox="<public inbox token>"></script>
 * Optional: data-identifier + data-identifier-hash (HMAC-SHA256 of the identifier with the inbox's
 * identity secret, hex) link the visitor to a known contact; data-language="pt-BR"|"en" overrides the inbox's.
 * No framework: a chat bubble and panel inside a Shadow DOM (the host page's CSS cannot reach them),
 * the visitor token in localStorage (the conversation survives page loads), live updates over SignalR.
 * Customer and agent text is only ever set with textContent.
 */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-inbox][src*='widget.js']");
  if (!script || window.__omnichannelWidget) { return; }
  window.__omnichannelWidget = true;

  var base = new URL(script.src, location.href).origin;
  var inboxToken = script.getAttribute("data-inbox");
  var storageKey = "omnichannel:" + inboxToken + ":visitor";
  var openKey = "omnichannel:" + inboxToken + ":open";

  var TEXT = {
    en: {
      open: "Chat with us", close: "Close chat", placeholder: "Type a message…", send: "Send",
      online: "We're online", offline: "We're away — leave a message", typing: "{0} is typing…", agent: "Agent",
      you: "You", prechatIntro: "Nobody is online right now. Leave your details and we'll answer by e-mail or here.",
      name: "Name", email: "E-mail", start: "Start chat", required: "Please fill in: {0}.", invalidEmail: "Please enter a valid e-mail address.",
      tooLong: "This message is too long (at most {0} characters).", failed: "Could not send. Check your connection and try again.",
      unavailable: "The chat is not available right now."
    },
    "pt-BR": {
      open: "Fale conosco", close: "Fechar chat", placeholder: "Digite uma mensagem…", send: "Enviar",
      online: "Estamos online", offline: "Estamos ausentes — deixe sua mensagem", typing: "{0} está digitando…", agent: "Atendente",
      you: "Você", prechatIntro: "Ninguém está online agora. Deixe seus dados e respondemos por e-mail ou por aqui.",
      name: "Nome", email: "E-mail", start: "Iniciar conversa", required: "Preencha: {0}.", invalidEmail: "Informe um e-mail válido.",
      tooLong: "Esta mensagem é longa demais (no máximo {0} caracteres).", failed: "Não foi possível enviar. Verifique a conexão e tente de novo.",
      unavailable: "O chat não está disponível agora."
    }
  };

  var state = { token: null, config: null, visitor: null, agentsOnline: false, messages: [], pending: [], open: false, connection: null, typingTimer: null, typingSentAt: 0, agentTypingTimer: null };
  var t = TEXT.en;

  function format(s, arg) { return s.replace("{0}", arg); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function api(method, path, body) {
    var headers = { "Content-Type": "application/json" };
    if (state.token) { headers["X-Visitor-Token"] = state.token; }
    return fetch(base + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined, credentials: "omit" })
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          return { ok: response.ok, status: response.status, body: json };
        });
      });
  }

  function readToken() { try { return localStorage.getItem(storageKey); } catch (e) { return null; } }
  function saveToken(token) { try { localStorage.setItem(storageKey, token); } catch (e) { /* private mode: this page only */ } }

  // ---- UI ----
  var host = el("div", { id: "omnichannel-widget" });
  var root = host.attachShadow({ mode: "open" });
  var ui = {};

  function build() {
    var color = state.config.color;
    var style = el("style", { text:
      ":host{all:initial}" +
      "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
      ".bubble{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:" + color + ";color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483646;display:flex;align-items:center;justify-content:center}" +
      ".bubble svg{width:28px;height:28px;fill:#fff}" +
      ".badge{position:absolute;top:-4px;right:-4px;background:#d92d20;color:#fff;border-radius:10px;font-size:12px;padding:1px 6px;display:none}" +
      ".panel{position:fixed;right:20px;bottom:88px;width:360px;max-width:calc(100vw - 40px);height:520px;max-height:calc(100vh - 120px);background:#fff;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:none;flex-direction:column;overflow:hidden;z-index:2147483647;color:#1d1d1f;font-size:14px}" +
      ".panel.open{display:flex}" +
      ".head{background:" + color + ";color:#fff;padding:14px 16px}" +
      ".head b{display:block;font-size:16px}.head span{font-size:12px;opacity:.9}" +
      ".list{flex:1;overflow-y:auto;padding:12px;background:#f6f7f9;display:flex;flex-direction:column;gap:6px}" +
      ".msg{max-width:80%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word;line-height:1.35}" +
      ".msg.agent{background:#fff;align-self:flex-start;border:1px solid #e4e6ea}" +
      ".msg.visitor{background:" + color + ";color:#fff;align-self:flex-end}" +
      ".msg.pending{opacity:.6}.who{font-size:11px;color:#667085;margin:0 0 2px 2px}" +
      ".typing{font-size:12px;color:#667085;padding:2px 14px;min-height:18px}" +
      ".error{color:#b42318;font-size:12px;padding:0 14px;min-height:0}" +
      ".composer{display:flex;gap:8px;padding:10px;border-top:1px solid #e4e6ea}" +
      "textarea{flex:1;resize:none;border:1px solid #d0d5dd;border-radius:8px;padding:8px;font-size:14px;height:40px}" +
      "button.send{background:" + color + ";color:#fff;border:0;border-radius:8px;padding:0 14px;cursor:pointer}" +
      "form.prechat{padding:16px;display:flex;flex-direction:column;gap:8px}" +
      "form.prechat input{border:1px solid #d0d5dd;border-radius:8px;padding:8px;font-size:14px}" +
      "form.prechat button{background:" + color + ";color:#fff;border:0;border-radius:8px;padding:10px;cursor:pointer}"
    });
    ui.badge = el("span", { "class": "badge", "data-testid": "omni-badge" });
    ui.bubble = el("button", { "class": "bubble", type: "button", "aria-label": t.open, title: t.open, "data-testid": "omni-bubble" });
    ui.bubble.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
    ui.bubble.appendChild(ui.badge);
    ui.title = el("b", { text: state.config.siteName || state.config.name });
    ui.status = el("span", { "data-testid": "omni-status" });
    ui.list = el("div", { "class": "list", role: "log", "aria-live": "polite", "data-testid": "omni-messages" });
    ui.typing = el("div", { "class": "typing", "data-testid": "omni-typing" });
    ui.error = el("div", { "class": "error", role: "alert", "data-testid": "omni-error" });
    ui.input = el("textarea", { placeholder: t.placeholder, "aria-label": t.placeholder, "data-testid": "omni-input" });
    ui.send = el("button", { "class": "send", type: "button", "data-testid": "omni-send", text: t.send });
    ui.composer = el("div", { "class": "composer" }, [ui.input, ui.send]);
    ui.prechat = buildPrechat();
    ui.panel = el("div", { "class": "panel", role: "dialog", "aria-label": ui.title.textContent, "data-testid": "omni-panel" },
      [el("div", { "class": "head" }, [ui.title, ui.status]), ui.list, ui.prechat, ui.typing, ui.error, ui.composer]);
    root.appendChild(style);
    root.appendChild(ui.panel);
    root.appendChild(ui.bubble);
    document.body.appendChild(host);

    ui.bubble.addEventListener("click", function () { setOpen(!state.open); });
    ui.send.addEventListener("click", send);
    ui.input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); send(); }
    });
    ui.input.addEventListener("input", typing);
  }

  function buildPrechat() {
    var required = state.config.preChatRequired || [];
    var name = el("input", { name: "name", autocomplete: "name", placeholder: t.name + (required.indexOf("name") >= 0 ? " *" : ""), "data-testid": "omni-prechat-name" });
    var email = el("input", { name: "email", type: "email", autocomplete: "email", placeholder: t.email + (required.indexOf("email") >= 0 ? " *" : ""), "data-testid": "omni-prechat-email" });
    var form = el("form", { "class": "prechat", "data-testid": "omni-prechat" },
      [el("p", { text: t.prechatIntro }), name, email, el("button", { type: "submit", text: t.start })]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var missing = [];
      if (required.indexOf("name") >= 0 && !name.value.trim()) { missing.push(t.name); }
      if (required.indexOf("email") >= 0 && !email.value.trim()) { missing.push(t.email); }
      if (missing.length) { showError(format(t.required, missing.join(", "))); return; }
      api("POST", "/widget/v1/inboxes/" + encodeURIComponent(inboxToken) + "/sessions", { visitorToken: state.token, name: name.value, email: email.value })
        .then(function (r) {
          if (!r.ok) { showError(r.body && r.body.errors && r.body.errors.email ? t.invalidEmail : t.failed); return; }
          applySession(r.body);
          state.prechatDone = true;
          showError("");
          render();
        });
    });
    return form;
  }

  function needsPrechat() {
    var c = state.config;
    if (!c.preChatForm || state.agentsOnline || state.messages.length > 0) { return false; }
    var v = state.visitor || {};
    if (!c.preChatRequired || !c.preChatRequired.length) { return !state.prechatDone && !v.name && !v.email; }
    return c.preChatRequired.some(function (f) { return !v[f]; });
  }

  function setOpen(open) {
    state.open = open;
    try { sessionStorage.setItem(openKey, open ? "1" : ""); } catch (e) { /* ignore */ }
    ui.panel.classList.toggle("open", open);
    ui.bubble.setAttribute("aria-label", open ? t.close : t.open);
    if (open) { ui.badge.style.display = "none"; ui.badge.textContent = ""; refresh(); ui.input.focus(); }
  }

  function showError(text) { ui.error.textContent = text; }

  function render() {
    ui.status.textContent = state.agentsOnline ? t.online : t.offline;
    var prechat = needsPrechat();
    ui.prechat.style.display = prechat ? "flex" : "none";
    ui.composer.style.display = prechat ? "none" : "flex";
    ui.list.textContent = "";
    if (state.config.greeting) {
      ui.list.appendChild(el("div", { "class": "msg agent", "data-testid": "omni-greeting", text: state.config.greeting }));
    }
    var lastAgent = null;
    state.messages.concat(state.pending).forEach(function (m) {
      if (m.from === "agent" && m.agentName && m.agentName !== lastAgent) {
        ui.list.appendChild(el("div", { "class": "who", text: m.agentName }));
      }
      lastAgent = m.from === "agent" ? m.agentName : null;
      ui.list.appendChild(el("div", { "class": "msg " + m.from + (m.pending ? " pending" : ""), "data-testid": "omni-message", "data-from": m.from, text: m.text }));
    });
    ui.list.scrollTop = ui.list.scrollHeight;
  }

  // ---- data ----
  function applySession(body) {
    state.token = body.visitorToken;
    saveToken(body.visitorToken);
    state.visitor = body.visitor;
    state.agentsOnline = body.agentsOnline;
    state.config = body.config;
  }

  function refresh() {
    return api("GET", "/widget/v1/messages" + (state.open ? "?seen=true" : "")).then(function (r) {
      if (!r.ok) { return; }
      var before = state.messages.length;
      var known = {};
      state.messages.forEach(function (m) { known[m.id] = true; });
      var fresh = r.body.items.filter(function (m) { return !known[m.id] && m.from === "agent"; }).length;
      state.messages = r.body.items;
      state.pending = state.pending.filter(function (p) { return !r.body.items.some(function (m) { return m.id === p.id; }); });
      // The agent's message has arrived: whatever they were typing is done.
      if (fresh > 0) { showAgentTyping({ typing: false }); }
      render();
      if (!state.open && before > 0 && fresh > 0) {
        ui.badge.textContent = String((parseInt(ui.badge.textContent, 10) || 0) + fresh);
        ui.badge.style.display = "block";
      }
    });
  }

  function send() {
    var text = ui.input.value;
    if (!text.trim()) { return; }
    var max = state.config.maxMessageLength;
    var clientMessageId = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
    var pending = { id: clientMessageId, from: "visitor", text: text, pending: true };
    state.pending.push(pending);
    ui.input.value = "";
    showError("");
    stopTyping();
    render();
    api("POST", "/widget/v1/messages", { clientMessageId: clientMessageId, text: text }).then(function (r) {
      state.pending = state.pending.filter(function (p) { return p !== pending; });
      if (!r.ok) {
        ui.input.value = text;
        showError(r.status === 400 && r.body && r.body.errors && r.body.errors.text && text.length > max ? format(t.tooLong, max) : t.failed);
        render();
        return;
      }
      state.messages.push(r.body);
      render();
      // The first message created this visitor's contact: ask the hub to add us to its group.
      if (state.connection) { state.connection.invoke("Join").then(refresh, function () { /* reconnect retries */ }); }
    }, function () {
      state.pending = state.pending.filter(function (p) { return p !== pending; });
      ui.input.value = text;
      showError(t.failed);
      render();
    });
  }

  function typing() {
    if (!state.connection || state.connection.state !== "Connected") { return; }
    var now = Date.now();
    if (now - state.typingSentAt > 3000) {
      state.typingSentAt = now;
      state.connection.invoke("Typing", true).catch(function () { });
    }
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, 4000);
  }

  function stopTyping() {
    clearTimeout(state.typingTimer);
    if (state.typingSentAt && state.connection && state.connection.state === "Connected") {
      state.connection.invoke("Typing", false).catch(function () { });
    }
    state.typingSentAt = 0;
  }

  function showAgentTyping(event) {
    clearTimeout(state.agentTypingTimer);
    ui.typing.textContent = event.typing ? format(t.typing, event.name || t.agent) : "";
    if (event.typing) { state.agentTypingTimer = setTimeout(function () { ui.typing.textContent = ""; }, 7000); }
  }

  function loadSignalR() {
    if (window.signalR) { return Promise.resolve(window.signalR); }
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = base + "/widget/signalr.min.js";
      s.async = true;
      s.onload = function () { resolve(window.signalR); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function connect() {
    return loadSignalR().then(function (signalR) {
      var connection = new signalR.HubConnectionBuilder()
        .withUrl(base + "/hubs/widget", { accessTokenFactory: function () { return state.token; }, withCredentials: false })
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel.Warning)
        .build();
      connection.on("changed", function () { refresh(); });
      connection.on("typing", showAgentTyping);
      connection.onreconnected(function () { refresh(); });
      state.connection = connection;
      // Join again once connected: a first message sent while connecting could create the contact after the
      // server's connect-time join looked for it, and its own Join was refused because we were not yet connected.
      return connection.start().then(function () {
        host.setAttribute("data-live", "true");
        return connection.invoke("Join").catch(function () { }).then(refresh);
      });
    });
  }

  function start() {
    var body = { visitorToken: readToken() };
    if (script.getAttribute("data-identifier")) {
      body.identifier = script.getAttribute("data-identifier");
      body.identifierHash = script.getAttribute("data-identifier-hash");
    }
    api("POST", "/widget/v1/inboxes/" + encodeURIComponent(inboxToken) + "/sessions", body).then(function (r) {
      if (!r.ok) { if (window.console) { console.warn("Omnichannel widget:", (r.body && r.body.detail) || r.status); } return; }
      applySession(r.body);
      var language = script.getAttribute("data-language") || state.config.language;
      t = TEXT[language] || TEXT.en;
      build();
      render();
      refresh();
      var wasOpen = false;
      try { wasOpen = sessionStorage.getItem(openKey) === "1"; } catch (e) { wasOpen = false; }
      if (wasOpen) { setOpen(true); }
      connect().catch(function (e) { if (window.console) { console.warn("Omnichannel widget: live updates unavailable", e); } });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
