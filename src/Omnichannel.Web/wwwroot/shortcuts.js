// Keyboard shortcuts of the inbox. Keys are read here (the browser knows where focus is); what they
// do is decided in .NET (ShortcutListener → KeyboardShortcuts). Loaded with the page, like app.js.
//   j / Alt+↓   next conversation          k / Alt+↑   previous conversation
//   r           reply                      n           private note
//   e           resolve                    a           assign to me
//   / or Ctrl+K search                     ?           list of shortcuts
// Single keys are ignored while typing (inputs, text areas, editable content) and while a menu or
// dialog has focus; Esc leaves the composer, Ctrl/Cmd+K works everywhere.
window.omnichannel = window.omnichannel || {};
window.omnichannel.shortcuts = {
    attach(dotNet) {
        const typingIn = element => element instanceof HTMLElement
            && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
        const inOverlay = element => element instanceof HTMLElement
            && element.closest(".mud-popover-open, .mud-dialog, [role=menu], [role=listbox]") !== null;

        const keys = {
            j: "Next",
            k: "Previous",
            r: "FocusReply",
            n: "WriteNote",
            e: "Resolve",
            a: "AssignToMe",
            "/": "Search",
            "?": "Help",
        };

        const onKeyDown = event => {
            if (event.defaultPrevented || event.isComposing || event.repeat && event.key === "?") {
                return;
            }
            const target = event.target;
            let name = null;
            if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k") {
                name = "Search";
            } else if (event.key === "Escape") {
                if (typingIn(target)) {
                    // Leave the composer so that j/k work again; other fields keep their own Esc.
                    if (target.closest("[data-composer]")) {
                        target.blur();
                    }
                    return;
                }
                name = inOverlay(target) ? null : "Close";
            } else if (typingIn(target) || inOverlay(target) || event.ctrlKey || event.metaKey) {
                return;
            } else if (event.altKey) {
                name = event.key === "ArrowDown" ? "Next" : event.key === "ArrowUp" ? "Previous" : null;
            } else {
                name = keys[event.key] ?? null;
            }
            if (name === null) {
                return;
            }
            if (name !== "Close") {
                event.preventDefault();
            }
            dotNet.invokeMethodAsync("OnShortcut", name);
        };

        document.addEventListener("keydown", onKeyDown);
        return {
            dispose: () => document.removeEventListener("keydown", onKeyDown),
        };
    },
};
