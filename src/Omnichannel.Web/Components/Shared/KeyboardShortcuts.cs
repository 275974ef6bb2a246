using System.Collections.Immutable;

namespace Omnichannel.Web.Components.Shared;

/// <summary>What a keyboard shortcut asks for (see wwwroot/shortcuts.js for the keys).</summary>
public enum Shortcut
{
    Next,
    Previous,
    FocusReply,
    WriteNote,
    Resolve,
    AssignToMe,
    Search,
    Help,
    Close,
}

/// <summary>
/// The keyboard shortcuts of one tab: <see cref="ShortcutListener"/> (in the layout) receives the
/// keys from the browser and raises them here; the screens that can act on one (the list for j/k,
/// the open conversation for e/a, the composer for r/n) handle it while they are shown.
/// Scoped: one per circuit. Raised and handled on the renderer's thread.
/// </summary>
public sealed class KeyboardShortcuts
{
    private ImmutableList<(Shortcut Shortcut, Func<Task> Handler)> _handlers = [];

    public IDisposable On(Shortcut shortcut, Func<Task> handler)
    {
        var entry = (shortcut, handler);
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(entry));
        return new Registration(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(entry)));
    }

    /// <summary>Runs the handlers of <paramref name="shortcut"/>; returns whether any screen took it.</summary>
    public async Task<bool> RaiseAsync(Shortcut shortcut)
    {
        var handlers = _handlers.Where(h => h.Shortcut == shortcut).Select(h => h.Handler).ToList();
        foreach (var handler in handlers)
        {
            await handler();
        }

        return handlers.Count > 0;
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
