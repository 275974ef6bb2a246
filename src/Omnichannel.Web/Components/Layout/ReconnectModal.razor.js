// Drives the reconnect banner from Blazor's reconnect state events (the .NET 10 template's pattern).
// The server keeps the circuit, and its live subscriptions, while the browser is away; once the
// connection is back the inbox re-queries what it shows, so nothing needs a reload.
const modal = document.getElementById("components-reconnect-modal");
modal.addEventListener("components-reconnect-state-changed", onStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("components-reload-button").addEventListener("click", () => location.reload());

function onStateChanged(event) {
    const state = event.detail.state;
    if (state === "show") {
        if (!modal.open) {
            modal.showModal();
        }
    } else if (state === "hide") {
        modal.close();
    } else if (state === "failed") {
        document.addEventListener("visibilitychange", retryWhenVisible);
        window.addEventListener("online", retry);
    } else if (state === "rejected") {
        // The server no longer has this circuit (restart, or away too long): start a fresh page.
        location.reload();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    window.removeEventListener("online", retry);
    try {
        // true: reconnected; false: the server answered but dropped the circuit; throws: unreachable.
        if (!await Blazor.reconnect()) {
            if (await Blazor.resumeCircuit()) {
                modal.close();
            } else {
                location.reload();
            }
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
        window.addEventListener("online", retry);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) {
            location.reload();
        }
    } catch {
        location.reload();
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
