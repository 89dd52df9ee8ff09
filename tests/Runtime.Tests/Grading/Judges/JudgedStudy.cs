using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Grading.Judges;

/// <summary>
/// A study whose answers come from <c>openai/gpt-4o-mini</c> and whose judges are <c>anthropic/claude-haiku-4-5</c>, both
/// on the fake provider server, so a test counts at the server what generation and judging each asked and billed.
/// </summary>
internal static class JudgedStudy
{
    public const string Generator = "gpt-4o-mini";
    public const string Judge = "claude-haiku-4-5";
    public const string OpenAIJudge = "gpt-4.1-mini";

    /// <summary>Every judge prompt starts with this, so the fake server's reply function can tell judging from generating.</summary>
    public const string JudgeMarker = "JUDGE THIS";

    public static string Rubric(string name, string baseUrl, string file = "rubrics/correct.txt", string scale = "[1, 10]", string judge = "anthropic/" + Judge) => $$$"""
          - name: {{{name}}}
            type: rubric
            model: {id: {{{judge}}}, options: {base_url: "{{{baseUrl}}}{{{(judge.StartsWith("openai/", StringComparison.Ordinal) ? "/v1" : "")}}}"}}
            lane: {temperature: 0, max_tokens: 256}
            template: prompts/judge.txt
            rubric: {{{file}}}
            options: {scale: {{{scale}}}}
        """;

    public static string Pairwise(string name, string baseUrl, string? against = null) => $$$"""
          - name: {{{name}}}
            type: pairwise
            model: {id: anthropic/{{{Judge}}}, options: {base_url: "{{{baseUrl}}}"}}
            lane: {temperature: 0, max_tokens: 64}
            template: prompts/pairwise.txt
            {{{(against is null ? "" : "against: " + against)}}}
        """;

    /// <param name="conditions">Lanes l1, l2, … of the generating model (they differ in temperature only).</param>
    /// <param name="stepByStep">Adds the template <c>cot</c> ("Think step by step. Q: …") beside <c>plain</c> ("Q: …").</param>
    /// <param name="environment">The process environment the stages see (default: the fake server's keys).</param>
    public static TempStudy Create(string baseUrl, string graders, int items = 8, int conditions = 1, bool stepByStep = false, DictionaryEnvironment? environment = null)
    {
        var cot = stepByStep ? "\n    - name: cot\n      path: prompts/cot.txt" : "";
        var lanes = string.Join('\n', Enumerable.Range(1, conditions).Select(i => $"""
                      - name: l{i}
                        temperature: 0.{i}
                        max_tokens: 100
            """));
        var yaml = $$"""
            name: judged
            datasets:
              - name: quiz
                path: data/items.jsonl
                mapping: {id: id, input: question, target: answer, scheme: scheme}
            design:
              models:
                - id: openai/{{Generator}}
                  options: {base_url: "{{baseUrl}}/v1"}
                  lanes:
            {{lanes}}
              templates:
                - name: plain
                  path: prompts/plain.txt{{cot}}
            graders:
            {{graders}}
            budget:
              max_usd: 5
              prices:
                openai/{{Generator}}: {input: 1, output: 1}
                anthropic/{{Judge}}: {input: 3, output: 15}
                openai/{{OpenAIJudge}}: {input: 3, output: 15}
            """;
        var study = new TempStudy(items, yaml) { Environment = environment ?? FakeServerStudy.Keys, Retries = FakeServerStudy.FastRetries };
        Directory.CreateDirectory(Path.Combine(study.Directory, "rubrics"));
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "judge.txt"), JudgeMarker + "\n{rubric}\nQuestion: {input}\nReference: {target}\nAnswer: {output}\nEnd with Rating: [[n]].\n");
        File.WriteAllText(Path.Combine(study.Directory, "prompts", "pairwise.txt"), JudgeMarker + "\nQuestion: {input}\n[A]\n{output_a}\n[B]\n{output_b}\nAnswer [[A]], [[B]] or [[C]] for a tie.\n");
        File.WriteAllText(Path.Combine(study.Directory, "rubrics", "correct.txt"), "Score 10 when the answer equals the reference.\n");
        File.WriteAllText(Path.Combine(study.Directory, "rubrics", "concise.txt"), "Score 10 when the answer is one sentence.\n");
        return study;
    }

    /// <summary>Resolve, lock, expand and generate, as the targets before Grade would.</summary>
    public static async Task GenerateAsync(TempStudy study)
    {
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
    }

    /// <summary>Rows of an exported Parquet table.</summary>
    public static List<T> Exported<T>(TempStudy study, string table, string columns, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection.Query($"SELECT {columns} FROM read_parquet('{Path.Combine(study.Artifacts, "export", table is "long" or "solutions" or "gradings" ? Path.Combine(table, "*.parquet") : table + ".parquet")}')", read).ToList();
    }

    public static List<StoredGrading> Gradings(TempStudy study, string grader)
    {
        using var store = StudyStore.Open(study.Artifacts);
        return store.Connection.Query(
                """
                SELECT i.item_id, g.status, g.verdict_code, g.raw_text, g.score, g.extracted, g.transcript
                FROM grading_plan p JOIN gradings g ON g.grading_key = p.grading_key
                JOIN solutions s ON s.cell_key = g.cell_key JOIN items i ON i.item_uid = s.item_uid
                WHERE p.grader = $grader ORDER BY i.item_id
                """,
                reader => new StoredGrading(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)),
                ("grader", grader))
            .ToList();
    }
}

internal sealed record StoredGrading(string ItemId, string Status, string? Code, string? Raw, double? Score, string? Extracted, string? Transcript);
