using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Omnichannel.Bench.Queries;

/// <summary>One SQL command the app sent, with copies of its parameters (values and types as EF Core bound them).</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters, double EfMilliseconds)
{
    public NpgsqlCommand ToCommand(NpgsqlConnection connection, string? prefix = null)
    {
        var command = new NpgsqlCommand(prefix + Sql, connection);
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    /// <summary>The first line that names a table, to tell commands apart in the report.</summary>
    public string Summary
    {
        get
        {
            var flat = string.Join(' ', Sql.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            var from = flat.IndexOf(" FROM ", StringComparison.OrdinalIgnoreCase);
            var text = from >= 0 ? flat[(from + 1)..] : flat;
            return text.Length > 70 ? text[..70] + "…" : text;
        }
    }
}

/// <summary>
/// Records the SQL EF Core sends while serving requests that carry <see cref="Header"/>: the exact
/// statements, parameters and all, of the real handlers (token lookup, inbox membership, the query),
/// so the bench can replay them in plain Npgsql and EXPLAIN them. It listens to EF Core's
/// <c>CommandExecuted</c> diagnostic event in this process and ties each command to its request
/// through the ASP.NET Core request activity, which it tags when the request starts; background
/// services (outbox, snooze alarm) have no such activity and are ignored. Off unless <see cref="Enabled"/>.
/// </summary>
public sealed class SqlCapture : IObserver<DiagnosticListener>, IDisposable
{
    public const string Header = "X-Bench-Capture";
    private const string Tag = "bench.capture";
    private const string RequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";
    private static readonly string CommandExecuted = RelationalEventId.CommandExecuted.Name!;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<CapturedCommand>> _captured = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;
    private volatile bool _enabled;

    public SqlCapture() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    public IReadOnlyList<CapturedCommand> Take(string key) =>
        _captured.TryRemove(key, out var commands) ? [.. commands] : [];

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.AspNetCore")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(new Observer(OnRequestEvent), (name, _, _) => _enabled && name.StartsWith(RequestActivity, StringComparison.Ordinal)));
            }
        }
        else if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(new Observer(OnEfEvent), (name, _, _) => _enabled && name == CommandExecuted));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    private void OnRequestEvent(KeyValuePair<string, object?> e)
    {
        if (e.Key == RequestActivity + ".Start" && e.Value is HttpContext context && context.Request.Headers.TryGetValue(Header, out var key))
        {
            Activity.Current?.SetTag(Tag, key.ToString());
        }
    }

    private void OnEfEvent(KeyValuePair<string, object?> e)
    {
        if (e.Value is not CommandExecutedEventData data || data.Command is not NpgsqlCommand command)
        {
            return;
        }

        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            if (activity.GetTagItem(Tag) is string key)
            {
                var parameters = command.Parameters.Select(p => p.Clone()).ToList();
                _captured.GetOrAdd(key, _ => new ConcurrentQueue<CapturedCommand>()).Enqueue(new CapturedCommand(command.CommandText, parameters, data.Duration.TotalMilliseconds));
                return;
            }
        }
    }

    private sealed class Observer(Action<KeyValuePair<string, object?>> onNext) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(KeyValuePair<string, object?> value) => onNext(value);
    }
}
