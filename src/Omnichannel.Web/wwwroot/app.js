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
         * Enter sends, Shift+Enter inserts a new line. A Blazor key handler cannot decide per key
         * whether to prevent the default (the newline), so it is decided here and the text the
         * agent sees is passed along.
         */
        attach(editor, dotNet) {
            const onKeyDown = event => {
                if (event.key !== "Enter" || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) {
                    return;
                }
                const textarea = event.target;
                if (textarea.tagName !== "TEXTAREA") {
                    return;
                }
                event.preventDefault();
                if (textarea.value.trim() !== "") {
                    dotNet.invokeMethodAsync("SendFromKeyboard", textarea.value);
                }
            };
            editor.addEventListener("keydown", onKeyDown);
            return {
                focus: () => editor.querySelector("textarea")?.focus(),
                dispose: () => editor.removeEventListener("keydown", onKeyDown),
            };
        },
    },
};
