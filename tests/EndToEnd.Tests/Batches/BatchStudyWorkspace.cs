using ItemEval.FakeProviders;

namespace ItemEval.EndToEnd.Tests.Batches;

/// <summary>The example's 20 items × 2 templates on one OpenAI model that batches against the fake provider.</summary>
internal static class BatchStudyWorkspace
{
    public const int Cells = 40;

    /// <summary>The study's price override: $1000 per million tokens in and out (the batch rate is half of it).</summary>
    public static readonly FakePrice Price = new(1000m, 1000m);

    public static StudyWorkspace Create()
    {
        var study = StudyWorkspace.CopyOf("example");
        study.Edit("study.yaml", _ => """
            name: batched
            batch: true
            datasets:
              - name: quiz
                path: data/items.jsonl
                mapping: {id: id, input: question, target: answer, choices: choices, scheme: scheme, metadata: [topic]}
            design:
              models:
                - id: openai/gpt-4o-mini
                  lanes:
                    - name: t0
                      temperature: 0
                      max_tokens: 64
              templates:
                - name: direct
                  path: prompts/direct.txt
                - name: cot
                  path: prompts/cot.txt
            graders:
              - name: numeric
                type: numeric
                scheme: numeric
            budget:
              max_usd: 20
              prices:
                openai/gpt-4o-mini: {input: 1000, output: 1000}
            """);
        return study;
    }

    public static Dictionary<string, string> Environment(FakeProviderServer server) => new()
    {
        ["OPENAI_API_KEY"] = "test-key",
        ["OPENAI_BASE_URL"] = server.BaseUrl + "/v1",
        ["ITEMEVAL_BATCH_POLL_SECONDS"] = "0.05",
    };
}
