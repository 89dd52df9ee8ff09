using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>A study whose one model (OpenAI unless told) batches against the fake provider, polled every 10 ms.</summary>
internal static partial class BatchStudy
{
    /// <summary>$1000 per million tokens in and out, so a cent shows in the books; the fake provider bills half for batches.</summary>
    public static readonly FakeProviders.FakePrice Price = new(1000m, 1000m);

    /// <summary>A reply that names the item's target ("What is 3 + 3?" → "The answer is 6."), so a test can tell which cell an answer landed on.</summary>
    public static string AnswerNamingTheTarget(string prompt) =>
        $"The answer is {2 * int.Parse(Addend().Match(prompt).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)}.";

    public const string Anthropic = "anthropic/claude-haiku-4-5";

    public static TempStudy Create(string baseUrl, int items = 10, string maxUsd = "5", string batch = "true", string model = "openai/gpt-4o-mini")
    {
        var environment = new DictionaryEnvironment(new()
        {
            ["OPENAI_API_KEY"] = "test-key",
            ["ANTHROPIC_API_KEY"] = "test-key",
            [Runtime.Batches.BatchPolling.FirstSecondsVariable] = "0.01",
        });
        var study = FakeServerStudy.Create(
            baseUrl,
            environment,
            models: model,
            items: items,
            budget: $"  policy: full-interactive\n  max_usd: {maxUsd}\n  prices:\n    {model}: {{input: 1000, output: 1000}}");
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("name: real\n", $"name: real\nbatch: {batch}\n", StringComparison.Ordinal));
        study.Prepare();
        return study;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"What is (\d+) \+")]
    private static partial System.Text.RegularExpressions.Regex Addend();
}
