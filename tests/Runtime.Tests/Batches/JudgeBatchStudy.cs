using ItemEval.FakeProviders;
using ItemEval.Runtime.Tests.Grading.Judges;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>
/// A judged study (<see cref="JudgedStudy"/>) run under the full-interactive policy, so judge models with
/// <c>batch: true</c> batch (the default dev policy never does), polled every 10 ms, with room under <c>max_usd</c>.
/// </summary>
internal static class JudgeBatchStudy
{
    public const string AnthropicJudge = "anthropic/" + JudgedStudy.Judge;

    public const string OpenAIJudge = "openai/" + JudgedStudy.OpenAIJudge;

    /// <summary>
    /// The Anthropic judge's price in this study, USD per million tokens: cache reads and writes at their own rates, and
    /// every row's cost at the batch's half exact to the store's 6 decimals, so the books can equal the invoice.
    /// </summary>
    public static readonly FakePrice AnthropicPrice = new(1000m, 1000m, CacheReadPerMillion: 100m, CacheWritePerMillion: 1250m);

    /// <summary>A judge's <c>model:</c> on the fake server, batching or not.</summary>
    public static string Model(string baseUrl, string id, bool batch) =>
        $$$"""{id: {{{id}}}, batch: {{{(batch ? "true" : "false")}}}, options: {base_url: "{{{baseUrl}}}{{{(id.StartsWith("openai/", StringComparison.Ordinal) ? "/v1" : "")}}}"}}""";

    /// <summary>A rubric judge (<c>correct</c>, scale 1–10) and a pairwise judge (<c>head2head</c>) on one judge model.</summary>
    public static string RubricAndPairwise(string model) => $$"""
          - name: correct
            type: rubric
            model: {{model}}
            lane: {temperature: 0, max_tokens: 256}
            template: prompts/judge.txt
            rubric: rubrics/correct.txt
            options: {scale: [1, 10]}
          - name: head2head
            type: pairwise
            model: {{model}}
            lane: {temperature: 0, max_tokens: 64}
            template: prompts/pairwise.txt
        """;

    public static TempStudy Create(string baseUrl, string graders, int items = 4, int conditions = 1, bool stepByStep = false)
    {
        var environment = new DictionaryEnvironment(new()
        {
            ["OPENAI_API_KEY"] = "test-key",
            ["ANTHROPIC_API_KEY"] = "test-key",
            [Runtime.Batches.BatchPolling.FirstSecondsVariable] = "0.01",
        });
        var study = JudgedStudy.Create(baseUrl, graders, items, conditions, stepByStep, environment);
        var yaml = Replaced(File.ReadAllText(study.StudyFile), "budget:\n  max_usd: 5\n", "budget:\n  policy: full-interactive\n  max_usd: 100\n");
        File.WriteAllText(study.StudyFile, Replaced(yaml, $"{AnthropicJudge}: {{input: 3, output: 15}}", $"{AnthropicJudge}: {{input: 1000, output: 1000, cache_read: 100, cache_write: 1250}}"));
        return study;
    }

    /// <summary>An edit that must apply: a study left as it was would test something else without saying so.</summary>
    public static string Replaced(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal) ? text.Replace(from, to, StringComparison.Ordinal) : throw new InvalidOperationException($"'{from}' is not in the study");
}
