using System.Xml.Linq;

namespace ItemEval.Build.Help;

/// <summary>
/// The targets read straight from ItemEval.targets (name, DependsOnTargets, Label as description), so help and plan
/// never drift from the real graph. <c>Test</c> is the front end's own and is added here.
/// </summary>
internal sealed class TargetCatalog
{
    public const string TestTarget = "Test";

    private TargetCatalog(IReadOnlyList<TargetInfo> targets) => Targets = targets;

    public IReadOnlyList<TargetInfo> Targets { get; }

    public IEnumerable<TargetInfo> Public => Targets.Where(target => target.IsPublic);

    public static TargetCatalog Load(string targetsFile)
    {
        var targets = XDocument.Load(targetsFile).Root!.Elements("Target")
            .Select(element => new TargetInfo(
                (string)element.Attribute("Name")!,
                ((string?)element.Attribute("DependsOnTargets") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                (string?)element.Attribute("Label") ?? ""))
            .Append(new TargetInfo(TestTarget, [], "Build the whole solution and run every test project; needs no --study"))
            .ToList();
        return new TargetCatalog(targets);
    }

    /// <summary>The canonical spelling of a target the user typed in any case, or null.</summary>
    public string? Canonical(string typed) =>
        Public.FirstOrDefault(target => string.Equals(target.Name, typed, StringComparison.OrdinalIgnoreCase))?.Name;

    /// <summary>The public targets a build of <paramref name="requested"/> runs, dependencies first.</summary>
    public IReadOnlyList<string> Plan(IEnumerable<string> requested)
    {
        var byName = Targets.ToDictionary(target => target.Name, StringComparer.Ordinal);
        var order = new List<string>();
        void Visit(string name)
        {
            if (order.Contains(name) || !byName.TryGetValue(name, out var target))
            {
                return;
            }

            foreach (var dependency in target.DependsOn)
            {
                Visit(dependency);
            }

            order.Add(name);
        }

        foreach (var name in requested)
        {
            Visit(name);
        }

        return order.Where(name => byName[name].IsPublic).ToList();
    }
}
