using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ItemEval.FakeProviders;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>
/// Generate through Anthropic's Message Batches (the real stage, a real DuckDB store, the fake provider's
/// <c>/v1/messages/batches</c> endpoints). Money is asserted against the fake provider's invoice.
/// </summary>
public sealed class AnthropicBatchGenerateTests : FakeServerTest
{
    [Fact]
    public async Task The_requests_carry_the_messages_body_the_interactive_client_sends_under_the_stored_custom_ids()
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: BatchStudy.Anthropic);

        Assert.True((await GenerateStage.RunAsync(study.Context(), CancellationToken.None)).Complete);

        using var store = StudyStore.Open(study.Artifacts);
        var requests = Assert.Single(Server.AnthropicBatches.Requests).Value;
        var parameters = requests[0]["params"]!;
        Assert.Equal("claude-haiku-4-5", (string?)parameters["model"]);
        Assert.Equal(200, (int?)parameters["max_tokens"]);
        Assert.Equal(0.7, (double?)parameters["temperature"]);
        Assert.Equal("user", (string?)parameters["messages"]![0]!["role"]);
        Assert.Contains("What is", parameters["messages"]![0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        var stored = store.Connection.Query("SELECT custom_id FROM batch_cells", reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);
        Assert.True(stored.SetEquals(requests.Select(request => (string)request["custom_id"]!)));
    }

    [Fact]
    public async Task A_running_batch_created_but_never_stored_is_adopted_not_submitted_again()
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: BatchStudy.Anthropic);
        Server.AnthropicBatches.Behavior.PollsInProgress = 1;
        var submitted = await GenerateStage.RunAsync(study.Context(new StageOptions(NoWait: true)), CancellationToken.None);
        Assert.False(submitted.Complete);
        Assert.Empty(Server.BilledRequests);
        ForgetTheBatchId(study);

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(1, Server.AnthropicBatches.CreatedCount);
        Assert.Equal(10, Server.BilledRequests.Count);
        Assert.Contains(study.Reporter.Lines, line => line.Contains($"msgbatch_fake1 of {BatchStudy.Anthropic} was created by a run stopped before it stored the id", StringComparison.Ordinal));
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal("msgbatch_fake1", store.Connection.Scalar("SELECT batch_id FROM batches"));
        Assert.Equal(Server.BilledUsd(_ => BatchStudy.Price), store.Ledger.TotalUsd());
    }

    [Fact]
    public async Task An_ended_lost_batch_is_recognised_by_its_results_and_a_same_size_batch_of_someone_else_is_left_alone()
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: BatchStudy.Anthropic);
        using var provider = await SubmitThenAForeignBatchAsync(study, pollsInProgress: 1);
        // Both end before the next run.
        foreach (var id in new[] { "msgbatch_fake1", "msgbatch_fake2", "msgbatch_fake2" })
        {
            (await provider.GetAsync($"/v1/messages/batches/{id}")).EnsureSuccessStatusCode();
        }

        ForgetTheBatchId(study);

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(2, Server.AnthropicBatches.CreatedCount); // ours and the foreign one: nothing submitted again
        var ours = Server.BilledRequests.Where(bill => bill.Prompt.Contains("What is", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, ours.Count);
        Assert.All(ours.GroupBy(bill => bill.Prompt), bills => Assert.Single(bills));
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal("msgbatch_fake1", store.Connection.Scalar("SELECT batch_id FROM batches"));
        Assert.Equal(ours.Sum(bill => (bill.InputTokens + bill.OutputTokens) * 1000m / 1_000_000m * FakePrice.BatchDiscount), store.Ledger.TotalUsd());
        Assert.Equal(0, Count(store, "SELECT count(*) FROM solutions WHERE output LIKE '%foreign%'"));
    }

    [Fact]
    public async Task Two_running_batches_that_could_be_the_lost_one_are_left_undecided_until_its_results_tell()
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: BatchStudy.Anthropic);
        using var provider = await SubmitThenAForeignBatchAsync(study, pollsInProgress: 3);
        ForgetTheBatchId(study);

        var undecided = await GenerateStage.RunAsync(study.Context(new StageOptions(NoWait: true)), CancellationToken.None);

        Assert.False(undecided.Complete);
        Assert.Contains(study.Reporter.Lines, line => line.Contains("matches several of the provider's batches", StringComparison.Ordinal));
        Assert.Equal(2, Server.AnthropicBatches.CreatedCount); // its cells were not submitted again
        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Equal("submitting", store.Connection.Scalar("SELECT state FROM batches"));
        }

        // Both end at the provider; the next run tells ours by its results and collects it.
        foreach (var id in new[] { "msgbatch_fake1", "msgbatch_fake1", "msgbatch_fake1", "msgbatch_fake2", "msgbatch_fake2", "msgbatch_fake2", "msgbatch_fake2" })
        {
            (await provider.GetAsync($"/v1/messages/batches/{id}")).EnsureSuccessStatusCode();
        }

        var collected = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(collected.Complete);
        Assert.Equal(2, Server.AnthropicBatches.CreatedCount);
        Assert.Equal(10, Server.BilledRequests.Count(bill => bill.Prompt.Contains("What is", StringComparison.Ordinal)));
        using var after = StudyStore.Open(study.Artifacts);
        Assert.Equal("msgbatch_fake1", after.Connection.Scalar("SELECT batch_id FROM batches"));
    }

    /// <summary>What a kill between the provider's "created" and storing its id leaves behind.</summary>
    private static void ForgetTheBatchId(Stages.TempStudy study)
    {
        using var store = StudyStore.Open(study.Artifacts);
        store.Connection.Execute("UPDATE batches SET batch_id = NULL, state = 'submitting'");
    }

    /// <summary>
    /// Our batch is submitted (msgbatch_fake1, left running), then another study on the same key creates one of the same
    /// size just after it (msgbatch_fake2). Returns a client on the fake provider to move them along.
    /// </summary>
    private async Task<HttpClient> SubmitThenAForeignBatchAsync(Stages.TempStudy study, int pollsInProgress)
    {
        Server.AnthropicBatches.Behavior.PollsInProgress = pollsInProgress;
        await GenerateStage.RunAsync(study.Context(new StageOptions(NoWait: true)), CancellationToken.None);
        var provider = Provider();
        (await provider.PostAsJsonAsync("/v1/messages/batches", ForeignBatch(10))).EnsureSuccessStatusCode();
        return provider;
    }

    private HttpClient Provider()
    {
        var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        http.DefaultRequestHeaders.Add("x-api-key", "test-key");
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        return http;
    }

    private static JsonObject ForeignBatch(int requests) => new()
    {
        ["requests"] = new JsonArray([.. Enumerable.Range(0, requests).Select(i => (JsonNode)new JsonObject
        {
            ["custom_id"] = $"foreign-{i}",
            ["params"] = new JsonObject
            {
                ["model"] = "claude-haiku-4-5", ["max_tokens"] = 50,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"foreign question {i}" }),
            },
        })]),
    };

    private static int Count(StudyStore store, string sql) => Convert.ToInt32(store.Connection.Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

}
