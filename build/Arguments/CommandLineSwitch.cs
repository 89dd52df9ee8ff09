namespace ItemEval.Build.Arguments;

/// <summary>One option of the front end, as <see cref="CommandLine"/> parses it and the help page shows it.</summary>
/// <param name="Name">The long name, without dashes; what the parser dispatches on.</param>
/// <param name="Value">The value's placeholder (<c>&lt;dir&gt;</c>), or null for a flag.</param>
/// <param name="Aliases">Short names, without dashes.</param>
/// <param name="Environment">What the help page says the option falls back to (the variables <see cref="CommandLine"/> reads).</param>
/// <param name="Help">The description, one help line each.</param>
internal sealed record CommandLineSwitch(string Name, string? Value, IReadOnlyList<string> Aliases, string Environment, IReadOnlyList<string> Help)
{
    /// <summary>How the help page writes it: <c>--study &lt;name|path&gt;</c>, <c>--help, -h</c>.</summary>
    public string Usage => string.Join(", ", [$"--{Name}{(Value is null ? "" : " " + Value)}", .. Aliases.Select(alias => "-" + alias)]);

    public bool Matches(string option) =>
        option.Equals(Name, StringComparison.OrdinalIgnoreCase) || Aliases.Contains(option, StringComparer.OrdinalIgnoreCase);
}
