using ItemEval.Runtime.Config;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

/// <summary>Minimal conditions and solutions for tests that write rows straight into a store.</summary>
internal static class StoredRows
{
    public static Condition Condition(string id, string lane = "cold") => new(
        id,
        new ModelConfig("mock/a", [], new Dictionary<string, string>(), SourceLocation.Start("study.yaml")),
        new LaneConfig(lane, LaneParameters.None, SourceLocation.Start("study.yaml")),
        new PromptTemplate("plain", "{input}", null, "hash"));

    public static SolutionRecord Solution(string key, string status, string conditionId) =>
        new(key, conditionId, "quiz/1", 1, "mock/a", status, status == SolutionStatus.Done ? "42" : "", status == SolutionStatus.Error ? "boom" : null,
            "stop", "{}", "{}", new TokenUsage(1, 1), 0m, 1, null, 0, false, "run1");
}
