// Starts Blazor (blazor.web.js is loaded with autostart="false") with a reconnection schedule
// suited to an inbox: a few quick attempts, then every 2 s for two minutes, then every 10 s.
// Blazor's default waits 5 s between attempts after the first ten, so a short network blip
// could leave an agent looking at a stale screen for seconds after the network is back.
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: 200,
            retryIntervalMilliseconds: attempt => attempt < 3 ? attempt * 500 : attempt < 60 ? 2000 : 10000,
        },
    },
});

// Helpers the inbox components call through JS interop. They live here, loaded with the page,
// rather than in modules imported on first render: an import is a network request, and one
// failing during a network blip would take the component (and the circuit) down with it.
window.omnichannel = {
    /** The browser's IANA time zone, so the server can show times as the agent reads them. */
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,

    /** Scrolls an element into view if it is not (a list row opened from the keyboard). */
    reveal(selector) {
        document.querySelector(selector)?.scrollIntoView({ block: "nearest" });
    },

    /** Desktop notifications (the Notification API), asked for only when the agent clicks a button. */
    notify: {
        permission: () => ("Notification" in window ? Notification.permission : "unsupported"),

        async request() {
            return "Notification" in window ? await Notification.requestPermission() : "unsupported";
        },

        /** Shows one when permitted and the agent is looking elsewhere; a click brings them to the conversation. */
        show(title, body, url, tag) {
            if (!("Notification" in window) || Notification.permission !== "granted"
                || (document.visibilityState === "visible" && document.hasFocus())) {
                return false;
            }
            const notification = new Notification(title, { body, tag, icon: "/favicon.svg" });
            notification.onclick = () => {
                window.focus();
                if (url) {
                    Blazor.navigateTo(url);
                }
                notification.close();
            };
            return true;
        },
    },

    thread: {
        /** Tracks whether the agent is at the bottom of the thread. */
        watch(scroller) {
            const update = () => {
                scroller.omnichannelPinned = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
            };
            scroller.omnichannelPinned = true;
            scroller.addEventListener("scroll", update, { passive: true });
        },

        /** Shows the newest message if forced or if the agent was at the bottom already. */
        follow(scroller, force) {
            if (force || scroller.omnichannelPinned !== false) {
                scroller.scrollTop = scroller.scrollHeight;
                scroller.omnichannelPinned = true;
            }
        },
    },

    composer: {
        /**
         * The composer's keys. Enter (or Ctrl/Cmd+Enter) sends, Shift+Enter inserts a new line. A
         * word starting with "/" (canned responses) or "@" (teammates, in notes) asks the server for
         * suggestions; while they show, ↑/↓ move, Enter/Tab insert and Esc closes. A Blazor key
         * handler cannot decide per key whether to prevent the default, so it is decided here and
         * the text the agent sees is passed along.
         */
        attach(editor, dotNet) {
            const textarea = () => editor.querySelector("textarea");
            // open: suggestions are showing; pending: the server has not answered for the current word yet.
            const state = { open: false, pending: null, trigger: null, query: null, start: -1, dismissed: -1, seq: 0 };

            const reset = () => Object.assign(state, { open: false, pending: null, trigger: null, query: null, start: -1 });

            const wordAtCaret = ta => {
                if (ta.selectionStart !== ta.selectionEnd) {
                    return null;
                }
                const caret = ta.selectionStart;
                const match = /(^|\s)([/@])([^\s/@]{0,40})$/.exec(ta.value.slice(0, caret));
                return match ? { trigger: match[2], query: match[3], start: caret - match[3].length - 1 } : null;
            };

            const evaluate = () => {
                const ta = textarea();
                if (!ta) {
                    return;
                }
                const word = wordAtCaret(ta);
                if (!word || word.start === state.dismissed) {
                    if (!word) {
                        state.dismissed = -1;
                    }
                    if (state.trigger !== null) {
                        reset();
                        dotNet.invokeMethodAsync("Suggest", ++state.seq, null, null);
                    }
                    return;
                }
                if (word.trigger === state.trigger && word.query === state.query && word.start === state.start) {
                    return;
                }
                Object.assign(state, { trigger: word.trigger, query: word.query, start: word.start });
                const seq = ++state.seq;
                state.pending = dotNet.invokeMethodAsync("Suggest", seq, word.trigger, word.query)
                    .then(count => {
                        if (seq === state.seq) {
                            state.open = count > 0;
                            state.pending = null;
                        }
                        return seq === state.seq ? count : -1;
                    })
                    .catch(() => 0);
            };

            const send = ta => {
                if (ta.value.trim() !== "") {
                    dotNet.invokeMethodAsync("SendFromKeyboard", ta.value);
                }
            };

            const onKeyDown = event => {
                const ta = event.target;
                if (ta.tagName !== "TEXTAREA" || event.isComposing) {
                    return;
                }
                const plainEnter = event.key === "Enter" && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
                if (state.open || state.pending) {
                    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                        if (state.open) {
                            event.preventDefault();
                            dotNet.invokeMethodAsync("PopupKey", event.key === "ArrowDown" ? "down" : "up");
                        }
                        return;
                    }
                    if (plainEnter || (event.key === "Tab" && !event.shiftKey)) {
                        event.preventDefault();
                        if (state.open) {
                            dotNet.invokeMethodAsync("PopupKey", "pick");
                        } else {
                            // Typed faster than the suggestions came: decide once they are here.
                            const isEnter = plainEnter;
                            state.pending.then(count => {
                                if (count > 0) {
                                    dotNet.invokeMethodAsync("PopupKey", "pick");
                                } else if (isEnter) {
                                    send(ta);
                                }
                            });
                        }
                        return;
                    }
                    if (event.key === "Escape") {
                        // Closes the suggestions only (not the composer, not a dialog).
                        event.preventDefault();
                        event.stopPropagation();
                        state.dismissed = state.start;
                        reset();
                        dotNet.invokeMethodAsync("PopupKey", "close");
                        return;
                    }
                }
                if (event.key !== "Enter" || event.shiftKey || event.altKey) {
                    return;
                }
                event.preventDefault();
                send(ta);
            };

            const onInput = () => {
                if (!state.inserting) {
                    evaluate();
                }
            };
            const onCaretMove = event => {
                if (event.type === "click" || ["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) {
                    evaluate();
                }
            };

            editor.addEventListener("keydown", onKeyDown);
            editor.addEventListener("input", onInput);
            editor.addEventListener("keyup", onCaretMove);
            editor.addEventListener("click", onCaretMove);
            return {
                focus: () => textarea()?.focus(),
                closePopup: () => {
                    reset();
                    state.seq++;
                },
                /** Replaces the "/word" or "@word" at the caret with the chosen text. */
                insert(text) {
                    const ta = textarea();
                    if (!ta) {
                        return;
                    }
                    const end = ta.selectionStart;
                    const start = state.start >= 0 && state.start <= end ? state.start : end;
                    ta.value = ta.value.slice(0, start) + text + ta.value.slice(end);
                    const caret = start + text.length;
                    reset();
                    state.seq++;
                    state.inserting = true;
                    try {
                        ta.dispatchEvent(new Event("input", { bubbles: true }));
                    } finally {
                        state.inserting = false;
                    }
                    ta.focus();
                    ta.setSelectionRange(caret, caret);
                },
                dispose: () => {
                    editor.removeEventListener("keydown", onKeyDown);
                    editor.removeEventListener("input", onInput);
                    editor.removeEventListener("keyup", onCaretMove);
                    editor.removeEventListener("click", onCaretMove);
                },
            };
        },
    },
};
