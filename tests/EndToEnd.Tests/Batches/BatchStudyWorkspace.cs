using ItemEval.FakeProviders;

namespace ItemEval.EndToEnd.Tests.Batches;

/// <summary>The paid example study with <c>batch: true</c>, its model batching against the fake provider.</summary>
internal static class BatchStudyWorkspace
{
    public const int Cells = PaidExampleStudy.Cells;

    /// <summary>The study's price override: $1000 per million tokens in and out (the batch rate is half of it).</summary>
    public static readonly FakePrice Price = new(1000m, 1000m);

    public static StudyWorkspace Create() =>
        PaidExampleStudy.Create("batched", top: "batch: true", budget: "policy: full-batch, max_usd: 20, prices: {openai/gpt-4o-mini: {input: 1000, output: 1000}}");

    public static Dictionary<string, string> Environment(FakeProviderServer server) => new()
    {
        ["OPENAI_API_KEY"] = "test-key",
        ["OPENAI_BASE_URL"] = server.BaseUrl + "/v1",
        ["ITEMEVAL_BATCH_POLL_SECONDS"] = "0.05",
    };
}
