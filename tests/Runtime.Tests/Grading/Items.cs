using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Tests.Grading;

/// <summary>Items and graders for scorer tests.</summary>
internal static class Items
{
    public static Item With(string? target, params string[] choices) =>
        new("d", "1", "q", target, choices, null, new Dictionary<string, string>(), "h");

    public static GraderConfig Grader(string type, params (string Key, string Value)[] options) =>
        new(type, type, null, options.ToDictionary(option => option.Key, option => option.Value), SourceLocation.Start("study.yaml"));
}
