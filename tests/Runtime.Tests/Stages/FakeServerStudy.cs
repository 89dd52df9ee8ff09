using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>A small study whose real-provider models all point at the fake provider server.</summary>
internal static class FakeServerStudy
{
    public const string AllModels = "openai/gpt-4o-mini,openai/o3-mini,anthropic/claude-haiku-4-5,google/gemini-2.5-flash";

    /// <summary>Retries quick enough for tests: the policy is the real one, only the waits are short.</summary>
    public static readonly RetrySettings FastRetries = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50), MaxRetries = 3 };

    public static readonly DictionaryEnvironment Keys = new(new() { ["OPENAI_API_KEY"] = "test-key", ["ANTHROPIC_API_KEY"] = "test-key", ["GEMINI_API_KEY"] = "test-key" });

    /// <param name="options">More model options, written inside the options mapping (e.g. <c>timeout_seconds: 1</c>).</param>
    /// <param name="budget">
    /// The lines under <c>budget:</c>, each indented by two spaces (e.g. a cap and prices). The default runs every item
    /// (<c>policy: full-interactive</c>); a budget given without a policy gets the default <c>dev</c> policy.
    /// </param>
    public static TempStudy Create(
        string baseUrl,
        DictionaryEnvironment? environment = null,
        string models = AllModels,
        string onEmpty = "keep",
        int items = 3,
        string options = "",
        RetrySettings? retries = null,
        int maxTokens = 200,
        string budget = "  policy: full-interactive\n  max_usd: 1")
    {
        var more = options.Length == 0 ? "" : ", " + options;
        var entries = string.Join('\n', models.Split(',').Select(model => $$"""
                - id: {{model}}
                  options: {base_url: "{{baseUrl}}{{(model.StartsWith("openai/", StringComparison.Ordinal) ? "/v1" : "")}}"{{more}}}
                  lanes:
                    - name: warm
                      temperature: 0.7
                      max_tokens: {{maxTokens}}
                      {{(model.Contains("o3", StringComparison.Ordinal) ? "reasoning_effort: low" : "")}}
            """));
        var yaml = $"""
            name: real
            datasets:
              - name: quiz
                path: data/items.jsonl
                mapping: {"{"}id: id, input: question, target: answer, scheme: scheme{"}"}
            design:
              on_empty: {onEmpty}
              models:
            {entries}
              templates:
                - name: plain
                  path: prompts/plain.txt
            budget:
            {budget}
            """;
        return new TempStudy(items, yaml) { Environment = environment ?? Keys, Retries = retries ?? FastRetries };
    }
}
