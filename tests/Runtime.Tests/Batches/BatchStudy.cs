using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>A study whose one OpenAI model batches against the fake provider, polled every 10 ms.</summary>
internal static class BatchStudy
{
    /// <summary>$1000 per million tokens in and out, so a cent shows in the books; the fake provider bills half for batches.</summary>
    public static readonly FakeProviders.FakePrice Price = new(1000m, 1000m);

    public static TempStudy Create(string baseUrl, int items = 10, string maxUsd = "5", string batch = "true")
    {
        var environment = new DictionaryEnvironment(new()
        {
            ["OPENAI_API_KEY"] = "test-key",
            [Runtime.Batches.BatchPolling.FirstSecondsVariable] = "0.01",
        });
        var study = FakeServerStudy.Create(
            baseUrl,
            environment,
            models: "openai/gpt-4o-mini",
            items: items,
            budget: $"  policy: full-interactive\n  max_usd: {maxUsd}\n  prices:\n    openai/gpt-4o-mini: {{input: 1000, output: 1000}}");
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("name: real\n", $"name: real\nbatch: {batch}\n", StringComparison.Ordinal));
        study.Prepare();
        return study;
    }
}
