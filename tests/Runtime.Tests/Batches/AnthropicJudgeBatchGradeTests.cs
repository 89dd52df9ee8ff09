using System.Text.Json.Nodes;
using ItemEval.FakeProviders;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Grading.Judges;
using ItemEval.Runtime.Tests.Providers;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>
/// Grade sending an Anthropic judge's calls through Message Batches (the real stage, a real store, the fake provider's
/// <c>/v1/messages/batches</c>, the real Anthropic SDK for the interactive run compared with): two rubric judges (one
/// with extended thinking) and a pairwise judge, on two conditions whose answers differ (plain and step by step), so
/// a verdict landing on the wrong grading or the wrong pairwise order shows.
/// </summary>
public sealed class AnthropicJudgeBatchGradeTests : FakeServerTest
{
    private const string Judge = JudgedStudy.Judge;

    /// <summary>4 items × 2 conditions for each rubric judge, 4 items × 2 orders for the pairwise one.</summary>
    private const int Calls = 24;

    [Fact]
    public async Task Each_request_carries_the_params_the_interactive_messages_call_sends_with_the_shared_prefix_as_a_cached_block()
    {
        using var batched = await GeneratedAsync(batch: true);
        using var interactive = await GeneratedAsync(batch: false);

        await GradeStage.RunAsync(batched.Context(), CancellationToken.None);
        await GradeStage.RunAsync(interactive.Context(), CancellationToken.None);

        var sent = Assert.Single(Server.AnthropicBatches.Requests).Value.Select(request => request["params"]!.AsObject()).ToList();
        var asked = Server.Requests.Where(request => request.Path == "/v1/messages").Select(request => request.Body).ToDictionary(Prompt, StringComparer.Ordinal);
        Assert.Equal(Calls, sent.Count);
        Assert.Equal(Calls, asked.Count); // one interactive call per prompt: every prompt differs
        Assert.All(sent, parameters => Assert.True(JsonNode.DeepEquals(asked[Prompt(parameters)], parameters), $"batched {parameters.ToJsonString()}\ninteractive {asked[Prompt(parameters)].ToJsonString()}"));

        // What those params are: the judge's lane, and the prompt split where the judged answer starts.
        var lanes = sent.Select(parameters => parameters["max_tokens"]!.ToJsonString() + " " + (parameters["temperature"]?.ToJsonString() ?? "-") + " " + (parameters["thinking"]?.ToJsonString() ?? "-"))
            .GroupBy(lane => lane).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        Assert.Equal(
            new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["256 0 -"] = 8, ["64 0 -"] = 8, ["""2048 - {"type":"enabled","budget_tokens":1024}"""] = 8,
            },
            lanes);
        Assert.All(sent, parameters =>
        {
            var blocks = parameters["messages"]!.AsArray().Single()!["content"]!.AsArray();
            Assert.Equal(2, blocks.Count);
            Assert.Equal("""{"type":"ephemeral"}""", blocks[0]!["cache_control"]!.ToJsonString());
            Assert.Null(blocks[1]!["cache_control"]);
            Assert.StartsWith(JudgedStudy.JudgeMarker, (string)blocks[0]!["text"]!, StringComparison.Ordinal);
            Assert.Matches("^(Step by step: t|T)he answer is", (string)blocks[1]!["text"]!); // the judged answer starts the uncached block
        });
    }

    [Fact]
    public async Task Verdicts_land_on_their_own_gradings_in_both_pairwise_orders_and_are_priced_at_the_batch_rate_with_the_cache_rates()
    {
        using var study = await GeneratedAsync(batch: true);
        Server.AnthropicBatches.Behavior.Shuffle = true;
        Server.AnthropicBatches.Behavior.PollsInProgress = 2;

        var result = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((Calls, 0, 0), (result.NewGradings, result.FailedGradings, result.WaitingInBatches));
        Assert.Equal(1, Server.AnthropicBatches.CreatedCount);
        Assert.DoesNotContain(Server.Requests, request => request.Path == "/v1/messages"); // no interactive judge call
        using var store = StudyStore.Open(study.Artifacts);
        AssertEachVerdictOnItsOwnGrading(store);

        // Each item's shared prefix written to the cache by one call and read by the other, per judge.
        Assert.Equal((12L, 12L), ((long)store.Connection.Scalar("SELECT count(*) FROM gradings WHERE cache_write_tokens > 0 AND cache_read_tokens = 0")!,
            (long)store.Connection.Scalar("SELECT count(*) FROM gradings WHERE cache_read_tokens > 0 AND cache_write_tokens = 0")!));
        var bills = Server.BilledRequests.Where(bill => bill.Model == Judge).ToList();
        Assert.Equal(Calls, bills.Count(bill => bill.Reason == BillingReason.Batch));
        Assert.Equal(
            (bills.Sum(bill => (long)bill.CacheReadTokens), bills.Sum(bill => (long)bill.CacheWriteTokens)),
            (Long(store, "SELECT CAST(sum(cache_read_tokens) AS BIGINT) FROM gradings"), Long(store, "SELECT CAST(sum(cache_write_tokens) AS BIGINT) FROM gradings")));
        JudgeBooks.AssertBatchedAtTheInvoice(Server, store, Judge, JudgeBatchStudy.AnthropicPrice, Calls);
        // The batch rate with the cache rates: half of each row's tokens at $1000 in and out, $100 cache read, $1250 cache write.
        Assert.Equal(0L, store.Connection.Scalar(
            "SELECT count(*) FROM gradings WHERE usd <> (input_tokens * 1000 + cache_read_tokens * 100 + cache_write_tokens * 1250 + output_tokens * 1000) / 1e6 / 2"));
    }

    [Fact]
    public async Task A_batch_expired_half_done_keeps_its_verdicts_and_the_next_grade_asks_only_the_rest_once()
    {
        using var study = await GeneratedAsync(batch: true);
        Server.AnthropicBatches.Behavior.ExpireHalfDone = true;

        var expired = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((Calls / 2, 0, 0), (expired.NewGradings, expired.FailedGradings, expired.WaitingInBatches));
        Server.AnthropicBatches.Behavior.ExpireHalfDone = false;
        var rest = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((Calls / 2, 0, 0), (rest.NewGradings, rest.FailedGradings, rest.WaitingInBatches));
        Assert.Equal(2, Server.AnthropicBatches.CreatedCount);
        Assert.Equal(Calls / 2, Server.AnthropicBatches.Requests["msgbatch_fake2"].Count);
        using var store = StudyStore.Open(study.Artifacts);
        AssertEachVerdictOnItsOwnGrading(store);
        JudgeBooks.AssertBatchedAtTheInvoice(Server, store, Judge, JudgeBatchStudy.AnthropicPrice, Calls);
    }

    [Fact]
    public async Task A_collection_killed_between_two_writes_is_finished_by_the_next_grade_from_the_same_batch_and_books_nothing_twice()
    {
        using var study = await GeneratedAsync(batch: true);
        await GradeStage.RunAsync(study.Context(), CancellationToken.None);
        // What a kill between two of the collection's transactions leaves: the gradings of q1 and q2 stored with their
        // ledger rows (one transaction holds both), the others not, and the batch not yet marked collected.
        using (var store = StudyStore.Open(study.Artifacts))
        {
            const string Later = "SELECT s.cell_key FROM solutions s JOIN items i ON i.item_uid = s.item_uid WHERE i.item_id IN ('q3', 'q4')";
            store.Connection.Execute($"DELETE FROM gradings WHERE cell_key IN ({Later})");
            store.Connection.Execute($"DELETE FROM ledger WHERE kind = 'judge' AND cell_key IN ({Later})");
            store.Connection.Execute("UPDATE batches SET state = 'ended'");
        }

        var resumed = await GradeStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((Calls / 2, 0, 0), (resumed.NewGradings, resumed.FailedGradings, resumed.WaitingInBatches));
        Assert.Contains(study.Reporter.Lines, line => line.Contains("re-attached to batch msgbatch_fake1", StringComparison.Ordinal));
        Assert.Equal(1, Server.AnthropicBatches.CreatedCount);
        using var after = StudyStore.Open(study.Artifacts);
        Assert.Equal("collected", after.Connection.Scalar("SELECT state FROM batches"));
        AssertEachVerdictOnItsOwnGrading(after);
        JudgeBooks.AssertBatchedAtTheInvoice(Server, after, Judge, JudgeBatchStudy.AnthropicPrice, Calls);
    }

    /// <summary>
    /// The rubric verdicts by judge, item and condition, and the pairwise ones by order: the judge prefers the step-by-step
    /// answer wherever it stands, so a verdict stored on the wrong grading or the wrong order shows.
    /// </summary>
    private static void AssertEachVerdictOnItsOwnGrading(StudyStore store)
    {
        var rubric = store.Connection.Query(
                """
                SELECT g.grader, i.item_id, c.template, g.status, g.extracted FROM gradings g
                JOIN solutions s ON s.cell_key = g.cell_key JOIN conditions c ON c.condition_id = s.condition_id JOIN items i ON i.item_uid = s.item_uid
                WHERE g.grader_type = 'rubric' ORDER BY 1, 2, 3
                """,
                reader => $"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetString(3)} {reader.GetString(4)}")
            .ToList();
        Assert.Equal(
            [
                .. Enumerable.Range(1, 4).SelectMany(i => new[] { $"concise q{i} cot done 2", $"concise q{i} plain done 1" }),
                .. Enumerable.Range(1, 4).SelectMany(i => new[] { $"correct q{i} cot done {(2 * i) + 1}", $"correct q{i} plain done {2 * i}" }),
            ],
            rubric);
        var pairwise = store.Connection.Query(
                """
                SELECT i.item_id, c1.template, c2.template, g.status, g.score FROM gradings g
                JOIN solutions s1 ON s1.cell_key = g.cell_key JOIN conditions c1 ON c1.condition_id = s1.condition_id
                JOIN solutions s2 ON s2.cell_key = g.second_cell_key JOIN conditions c2 ON c2.condition_id = s2.condition_id
                JOIN items i ON i.item_uid = s1.item_uid WHERE g.grader = 'head2head' ORDER BY 1, 2
                """,
                reader => $"{reader.GetString(0)} {reader.GetString(1)}-{reader.GetString(2)} {reader.GetString(3)} {reader.GetDouble(4)}")
            .ToList();
        Assert.Equal(Enumerable.Range(1, 4).SelectMany(i => new[] { $"q{i} cot-plain done 1", $"q{i} plain-cot done 0" }), pairwise);
    }

    /// <summary>
    /// The prompt a Messages body asks (the user message's text blocks joined), the same whether the shared prefix was
    /// split off or not.
    /// </summary>
    private static string Prompt(JsonObject body)
    {
        var content = body["messages"]!.AsArray().Single()!["content"]!;
        return content is JsonArray blocks ? string.Concat(blocks.Select(block => (string?)block!["text"])) : (string)content!;
    }

    /// <summary>
    /// A study of four items on two conditions (plain, step by step), generated interactively, judged on the Anthropic
    /// judge by two rubric judges and a pairwise judge, which batch or not.
    /// </summary>
    private async Task<TempStudy> GeneratedAsync(bool batch)
    {
        Server.Behavior.Reply = Reply;
        var model = JudgeBatchStudy.Model(Server.BaseUrl, JudgeBatchStudy.AnthropicJudge, batch);
        var concise = $$"""
              - name: concise
                type: rubric
                model: {{model}}
                lane: {max_tokens: 2048, thinking_budget: 1024}
                template: prompts/judge.txt
                rubric: rubrics/concise.txt
                options: {scale: [1, 10]}
            """;
        var graders = JudgeBatchStudy.RubricAndPairwise(model) + "\n" + concise;
        var study = JudgeBatchStudy.Create(Server.BaseUrl, graders, items: 4, stepByStep: true);
        await JudgedStudy.GenerateAsync(study);
        return study;
    }

    /// <summary>
    /// The generating model answers step by step when asked to; the pairwise judge prefers the step-by-step answer in
    /// either position; the rubric judges score by item, judge and condition (correct: 2i, concise: 1; +1 step by step).
    /// </summary>
    private static string Reply(string prompt)
    {
        if (!prompt.StartsWith(JudgedStudy.JudgeMarker, StringComparison.Ordinal))
        {
            var addend = int.Parse(prompt[(prompt.IndexOf("What is ", StringComparison.Ordinal) + 8)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return prompt.StartsWith("Think step by step.", StringComparison.Ordinal) ? $"Step by step: the answer is {2 * addend}." : $"The answer is {2 * addend}.";
        }

        if (prompt.Contains("[[A]], [[B]]", StringComparison.Ordinal))
        {
            return prompt.Contains("[A]\nStep by step", StringComparison.Ordinal) ? "[[A]]" : "[[B]]";
        }

        var item = int.Parse(prompt[(prompt.IndexOf("Question: What is ", StringComparison.Ordinal) + 18)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var score = (prompt.Contains("one sentence", StringComparison.Ordinal) ? 1 : 2 * item) + (prompt.Contains("Answer: Step by step", StringComparison.Ordinal) ? 1 : 0);
        return $"Rating: [[{score}]]";
    }

    private static long Long(StudyStore store, string sql) => Convert.ToInt64(store.Connection.Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);
}
