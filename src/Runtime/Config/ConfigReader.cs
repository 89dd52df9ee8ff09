using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>
/// Reads typed values out of YAML nodes while collecting every problem with its line and column, so one run of
/// the loader reports all mistakes in a study file at once.
/// </summary>
internal sealed partial class ConfigReader
{
    private readonly string _file;

    public ConfigReader(string file) => _file = file;

    public List<Diagnostic> Diagnostics { get; } = [];

    public SourceLocation At(YamlNode node) => new(_file, (int)node.Start.Line, (int)node.Start.Column);

    public void Error(string code, string message, YamlNode node) => Diagnostics.Add(Diagnostic.Error(code, message, At(node)));

    /// <summary>The node as a mapping whose keys are all in <paramref name="allowed"/>; unknown keys are reported.</summary>
    public YamlMappingNode? Mapping(YamlNode node, string what, IReadOnlyCollection<string> allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(DiagnosticCodes.WrongType, $"{what} must be a mapping of keys to values", node);
            return null;
        }

        foreach (var key in mapping.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = key.Value ?? "";
            if (!allowed.Contains(name))
            {
                var hint = Suggestions.Closest(name, allowed) is { } close ? $"did you mean '{close}'? " : "";
                Error(DiagnosticCodes.UnknownKey, $"unknown key '{name}' in {what}: {hint}allowed keys are {string.Join(", ", allowed)}", key);
            }
        }

        return mapping;
    }

    public YamlNode? Node(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) && !IsNull(node) ? node : null;

    public YamlNode? Required(YamlMappingNode mapping, string key, string what)
    {
        var node = Node(mapping, key);
        if (node is null)
        {
            Error(DiagnosticCodes.MissingKey, $"{what} needs '{key}'", mapping);
        }

        return node;
    }

    public string? String(YamlMappingNode mapping, string key, string what, bool required = false)
    {
        var node = required ? Required(mapping, key, what) : Node(mapping, key);
        return node is null ? null : Scalar(node, $"{what}.{key}", "text");
    }

    public int? Int(YamlMappingNode mapping, string key, string what, int min, int max = int.MaxValue)
    {
        var node = Node(mapping, key);
        var text = node is null ? null : Scalar(node, $"{what}.{key}", "a whole number");
        if (node is null || text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (!WholeNumber().IsMatch(text))
            {
                Error(DiagnosticCodes.WrongType, $"{what}.{key} must be a whole number, got '{text}'", node);
                return null;
            }

            // Digits too many even for a long: out of range, not of the wrong type.
            value = text.StartsWith('-') ? long.MinValue : long.MaxValue;
        }

        if (value < min)
        {
            Error(DiagnosticCodes.InvalidValue, $"{what}.{key} must be at least {min}, got {text}", node);
            return null;
        }

        if (value > max)
        {
            Error(DiagnosticCodes.InvalidValue, $"{what}.{key} must be at most {max}, got {text} (the limits are in docs/study-yaml.md)", node);
            return null;
        }

        return (int)value;
    }

    public bool? Bool(YamlMappingNode mapping, string key, string what)
    {
        var node = Node(mapping, key);
        var text = node is null ? null : Scalar(node, $"{what}.{key}", "true or false");
        if (node is null || text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            Error(DiagnosticCodes.WrongType, $"{what}.{key} must be true or false, got '{text}'", node);
            return null;
        }

        return value;
    }

    public double? Double(YamlMappingNode mapping, string key, string what, double min, double max, bool minExclusive = false)
    {
        var node = Node(mapping, key);
        var text = node is null ? null : Scalar(node, $"{what}.{key}", "a number");
        if (node is null || text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Error(DiagnosticCodes.WrongType, $"{what}.{key} must be a number, got '{text}'", node);
            return null;
        }

        if (value < min || value > max || (minExclusive && value <= min))
        {
            var range = minExclusive ? $"above {min} and at most {max}" : $"between {min} and {max}";
            Error(DiagnosticCodes.InvalidValue, $"{what}.{key} must be {range}, got {text}", node);
            return null;
        }

        return value;
    }

    public decimal? Decimal(YamlNode node, string what)
    {
        var text = Scalar(node, what, "a number");
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            Error(DiagnosticCodes.InvalidValue, $"{what} must be a number of at least 0, got '{text}'", node);
            return null;
        }

        return value;
    }

    public string? OneOf(YamlMappingNode mapping, string key, string what, IReadOnlyCollection<string> allowed)
    {
        var value = String(mapping, key, what);
        if (value is not null && !allowed.Contains(value))
        {
            Error(DiagnosticCodes.InvalidValue, $"{what}.{key} must be one of {string.Join(", ", allowed)}, got '{value}'", Node(mapping, key)!);
            return null;
        }

        return value;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlMappingNode mapping, string key, string what, bool required)
    {
        var node = required ? Required(mapping, key, what) : Node(mapping, key);
        switch (node)
        {
            case null:
                return [];
            case YamlSequenceNode sequence when sequence.Children.Count == 0 && required:
                Error(DiagnosticCodes.MissingKey, $"{what}.{key} needs at least one entry", sequence);
                return [];
            case YamlSequenceNode sequence:
                return sequence.Children.ToList();
            default:
                Error(DiagnosticCodes.WrongType, $"{what}.{key} must be a list (entries starting with '- ')", node);
                return [];
        }
    }

    public IReadOnlyList<string> StringList(YamlMappingNode mapping, string key, string what) =>
        Node(mapping, key) switch
        {
            null => [],
            YamlScalarNode scalar => [scalar.Value ?? ""],
            YamlSequenceNode sequence => sequence.Children.Select(child => Scalar(child, $"{what}.{key}", "text")).OfType<string>().ToList(),
            var other => WrongList(other, $"{what}.{key}"),
        };

    /// <summary>A flat mapping of scalars (provider or scorer options), values kept as invariant text.</summary>
    public IReadOnlyDictionary<string, string> ScalarMap(YamlMappingNode mapping, string key, string what)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = Node(mapping, key);
        if (node is null)
        {
            return result;
        }

        if (node is not YamlMappingNode options)
        {
            Error(DiagnosticCodes.WrongType, $"{what}.{key} must be a mapping like {{name: value}}", node);
            return result;
        }

        foreach (var (optionKey, optionValue) in options.Children)
        {
            var name = ((YamlScalarNode)optionKey).Value ?? "";
            if (Scalar(optionValue, $"{what}.{key}.{name}", "a single value") is { } value)
            {
                result[name] = value;
            }
        }

        return result;
    }

    public string? Scalar(YamlNode node, string what, string expected)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        Error(DiagnosticCodes.WrongType, $"{what} must be {expected}, not a {(node is YamlSequenceNode ? "list" : "mapping")}", node);
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    [GeneratedRegex(@"^\s*[-+]?\d+\s*$")]
    private static partial Regex WholeNumber();

    private List<string> WrongList(YamlNode node, string what)
    {
        Error(DiagnosticCodes.WrongType, $"{what} must be a list of names", node);
        return [];
    }
}
