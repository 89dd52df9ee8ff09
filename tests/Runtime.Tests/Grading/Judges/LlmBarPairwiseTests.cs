using System.Text.Json;
using System.Text.Json.Serialization;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Providers;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Grading.Judges;

/// <summary>
/// A pairwise study on a real judge benchmark: LLMBar Natural (../shared/datasets/llmbar_pairwise, read in place
/// through a mapping). Two conditions answer with the benchmark's two outputs (the fake OpenAI server looks them up),
/// and a fake Anthropic judge that knows the gold label prefers the better one. The export's win counts must equal the
/// labels counted straight from the file.
/// </summary>
public sealed class LlmBarPairwiseTests : FakeServerTest
{
    private const int Items = 24;
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The study reads the shared file where it is, as <c>--data-root ../shared/datasets</c> allows.</summary>
    private static readonly StageOptions SharedRoot = new(DataRoots: [TestPaths.SharedDatasets]);

    [Fact]
    public async Task The_pairwise_export_of_llmbar_counts_the_gold_labels_in_both_orders()
    {
        var file = Path.Combine(TestPaths.SharedDatasets, "llmbar_pairwise", "LLMBar", "Natural", "dataset.json");
        var rows = JsonSerializer.Deserialize<List<LlmBarRow>>(File.ReadAllText(file), SnakeCase)!.Take(Items).ToList();
        var byInput = rows.GroupBy(row => row.Input.TrimEnd()).ToDictionary(group => group.Key, group => group.First());
        Server.Behavior.Reply = prompt =>
        {
            if (prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal))
            {
                var row = byInput.Values.First(candidate => prompt.Contains(candidate.Output1.TrimEnd(), StringComparison.Ordinal) && prompt.Contains(candidate.Output2.TrimEnd(), StringComparison.Ordinal));
                var better = (row.Label == 1 ? row.Output1 : row.Output2).TrimEnd();
                return prompt.Contains("[A]\n" + better, StringComparison.Ordinal) ? "[[A]]" : "[[B]]";
            }

            var first = prompt.StartsWith("FIRST:\n", StringComparison.Ordinal);
            var item = byInput[prompt[(prompt.IndexOf('\n', StringComparison.Ordinal) + 1)..].TrimEnd()];
            return first ? item.Output1 : item.Output2;
        };
        using var study = Study(file);
        study.Prepare(SharedRoot);
        await GenerateStage.RunAsync(study.Context(SharedRoot), CancellationToken.None);

        var graded = await GradeStage.RunAsync(study.Context(SharedRoot), CancellationToken.None);
        ExportStage.Run(study.Context(SharedRoot));

        Assert.Equal(2 * Items, graded.NewGradings);
        var results = JudgedStudy.Exported(study, "pairwise_results", "condition_id[:-10], wins, ties, losses, inconsistent",
            reader => (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        var ones = rows.Count(row => row.Label == 1);
        Assert.InRange(ones, 1, Items - 1);
        Assert.Equal([("openai-gpt-4o-mini-default-first", ones, 0, Items - ones, 0), ("openai-gpt-4o-mini-default-second", Items - ones, 0, ones, 0)], results);
        Assert.Equal(0.0, Assert.Single(JudgedStudy.Exported(study, "pairwise_position_bias", "inconsistency_rate", reader => reader.GetDouble(0))));
    }

    private TempStudy Study(string file)
    {
        var yaml = $$"""
            name: llmbar
            datasets:
              - name: natural
                path: {{file}}
                limit: {{Items}}
                mapping: {id: '#row', input: input, target: label}
            design:
              models:
                - id: openai/{{JudgedStudy.Generator}}
                  options: {base_url: "{{Server.BaseUrl}}/v1"}
              templates:
                - name: first
                  path: prompts/first.txt
                - name: second
                  path: prompts/second.txt
            graders:
            {{JudgedStudy.Pairwise("better", Server.BaseUrl)}}
            budget:
              policy: full-interactive
              max_usd: 5
            """;
        var study = new TempStudy(1, yaml) { Environment = FakeServerStudy.Keys, Retries = FakeServerStudy.FastRetries };
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "first.txt"), "FIRST:\n{input}\n");
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "second.txt"), "SECOND:\n{input}\n");
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "pairwise.txt"), JudgedStudy.JudgeMarker + "\nInstruction: {input}\n[A]\n{output_a}\n[B]\n{output_b}\nAnswer [[A]] or [[B]].\n");
        return study;
    }

    private sealed record LlmBarRow(
        string Input,
        [property: JsonPropertyName("output_1")] string Output1,
        [property: JsonPropertyName("output_2")] string Output2,
        int Label);
}
