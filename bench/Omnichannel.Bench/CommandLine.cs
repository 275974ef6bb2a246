using System.Globalization;

namespace Omnichannel.Bench;

/// <summary>"--name value" options and "--flag" switches of a sub-command, checked against the names it knows.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly string _usage;

    public CommandLine(string[] args, string usage, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags)
    {
        _usage = usage;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (flags.Contains(name))
            {
                _values[name] = null;
            }
            else if (options.Contains(name) && i + 1 < args.Length)
            {
                _values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown option or missing value: '{name}'.\n{usage}");
            }
        }
    }

    public bool Has(string flag) => _values.ContainsKey(flag);

    public string Text(string name, string fallback) => _values.TryGetValue(name, out var value) && value is not null ? value : fallback;

    public int Number(string name, int fallback)
    {
        if (!_values.TryGetValue(name, out var value) || value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a positive whole number.\n{_usage}");
    }
}
