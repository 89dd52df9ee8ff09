using System.Globalization;
using ItemEval.FakeProviders;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Batches;

/// <summary>Generate through the provider's batch API (the real stage, a real DuckDB store, the fake provider's batch endpoints).</summary>
public sealed class BatchGenerateTests : FakeServerTest
{
    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData(BatchStudy.Anthropic)]
    public async Task A_slow_shuffled_batch_is_submitted_once_and_every_cell_is_stored_at_the_batch_rate(string model)
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: model);
        var fake = BatchFake.For(Server, model);
        fake.Behavior.PollsInProgress = 3;
        fake.Behavior.Shuffle = true;
        Server.Behavior.Reply = BatchStudy.AnswerNamingTheTarget;

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(1, fake.CreatedCount());
        Assert.Empty(Server.Requests); // no interactive call
        Assert.Equal(10, Server.BilledRequests.Count(bill => bill.Reason == BillingReason.Batch));
        using var store = StudyStore.Open(study.Artifacts);
        // Shuffled results still land on their cells: each answer names its own item's target.
        Assert.Equal(10, Count(store, "SELECT count(*) FROM solutions JOIN items USING (item_uid) WHERE status = 'done' AND batch_id IS NOT NULL AND output = 'The answer is ' || target || '.'"));
        Assert.Equal(Server.BilledUsd(_ => BatchStudy.Price), store.Ledger.TotalUsd());
        Assert.Equal(10, Count(store, "SELECT count(*) FROM ledger WHERE kind = 'batch'"));
        Assert.Equal(store.Ledger.TotalUsd(), Decimal(store, "SELECT sum(usd) FROM solutions"));
        Assert.Equal("collected", store.Connection.Scalar("SELECT state FROM batches"));
    }

    [Fact]
    public async Task No_wait_submits_and_returns_then_the_next_run_collects_the_same_batch()
    {
        using var study = BatchStudy.Create(Server.BaseUrl);
        Server.OpenAIBatches.Behavior.PollsInProgress = 1;

        var submitted = await GenerateStage.RunAsync(study.Context(new StageOptions(NoWait: true)), CancellationToken.None);

        Assert.False(submitted.Complete);
        Assert.Empty(Server.BilledRequests);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Equal("in_progress", store.Connection.Scalar("SELECT state FROM batches"));
            Assert.Equal(10, Count(store, "SELECT count(*) FROM batch_cells"));
        }

        var collected = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(collected.Complete);
        Assert.Equal(1, Server.OpenAIBatches.CreatedCount);
        Assert.Equal(1, Server.OpenAIBatches.UploadCount);
        Assert.Equal(10, Server.BilledRequests.Count);
        Assert.Contains(study.Reporter.Lines, message => message.Contains("re-attached to batch batch_fake1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_created_but_never_stored_is_adopted_from_the_providers_list_not_submitted_again()
    {
        using var study = BatchStudy.Create(Server.BaseUrl);
        Server.OpenAIBatches.Behavior.PollsInProgress = 1;
        await GenerateStage.RunAsync(study.Context(new StageOptions(NoWait: true)), CancellationToken.None);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            // What a kill between the provider's "created" and storing its id leaves behind.
            store.Connection.Execute("UPDATE batches SET batch_id = NULL, state = 'submitting'");
        }

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(1, Server.OpenAIBatches.CreatedCount);
        Assert.Equal(10, Server.BilledRequests.Count);
        Assert.Contains(study.Reporter.Lines, message => message.Contains("batch_fake1 of openai/gpt-4o-mini was created by a run stopped before it stored the id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData(BatchStudy.Anthropic)]
    public async Task A_batch_the_provider_would_not_create_is_a_warning_and_the_next_run_submits_its_cells_again(string model)
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: model);
        var fake = BatchFake.For(Server, model);
        fake.Behavior.RefuseCreation = true;

        var refused = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.False(refused.Complete);
        Assert.Equal(DiagnosticCodes.BatchNotSubmitted, Assert.Single(study.Reporter.Diagnostics).Code);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Equal("submitting", store.Connection.Scalar("SELECT state FROM batches"));
        }

        fake.Behavior.RefuseCreation = false;
        var resumed = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(resumed.Complete);
        Assert.Equal(1, fake.CreatedCount());
        Assert.Equal(10, Server.BilledRequests.Count);
        Assert.Contains(study.Reporter.Lines, line => line.Contains("never reached the provider: its 10 cells are submitted again", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini", "HTTP 400 invalid_request_error")]
    [InlineData(BatchStudy.Anthropic, "invalid_request_error \"max_tokens")]
    public async Task Errored_lines_become_errored_cells_that_the_next_run_submits_again_alone(string model, string error)
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: model);
        var fake = BatchFake.For(Server, model);
        fake.Behavior.Fails = prompt => prompt.Contains("What is 3 + 3?", StringComparison.Ordinal);

        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(1, first.Failed);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Contains(error, store.Connection.Scalar("SELECT error FROM solutions WHERE status = 'error'") as string, StringComparison.Ordinal);
            Assert.Equal(Server.BilledUsd(_ => BatchStudy.Price), store.Ledger.TotalUsd());
        }

        fake.Behavior.Fails = _ => false;
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(second.Complete);
        Assert.Equal(2, fake.CreatedCount());
        Assert.Equal(10, Server.BilledRequests.Count);
        Assert.All(Server.BilledRequests.GroupBy(bill => bill.Prompt), bills => Assert.Single(bills));
        using (var store = StudyStore.Open(study.Artifacts))
        {
            // The errored row is replaced by the second batch's answer (one attempt more), and only answers are booked.
            Assert.Equal(
                [1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
                store.Connection.Query("SELECT attempts FROM solutions WHERE status = 'done' ORDER BY attempts", reader => reader.GetInt32(0)));
            Assert.Equal(10L, Convert.ToInt64(store.Connection.Scalar("SELECT count(*) FROM ledger WHERE batch AND kind = 'batch'"), CultureInfo.InvariantCulture));
            Assert.Equal(Server.BilledUsd(_ => BatchStudy.Price), store.Ledger.TotalUsd());
        }
    }

    [Fact]
    public async Task A_batch_the_provider_fails_whole_errors_its_cells_with_the_providers_reason_and_bills_nothing()
    {
        using var study = BatchStudy.Create(Server.BaseUrl);
        Server.OpenAIBatches.Behavior.FailWhole = true;

        var failed = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(10, failed.Failed);
        Assert.Empty(Server.BilledRequests);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Contains("invalid_json_line", store.Connection.Scalar("SELECT min(error) FROM solutions") as string, StringComparison.Ordinal);
            Assert.Equal(0m, store.Ledger.TotalUsd());
        }

        Server.OpenAIBatches.Behavior.FailWhole = false;
        Assert.True((await GenerateStage.RunAsync(study.Context(), CancellationToken.None)).Complete);
        Assert.Equal(10, Server.BilledRequests.Count);
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData(BatchStudy.Anthropic)]
    public async Task An_expired_batch_keeps_its_half_and_the_rest_stays_pending_for_the_next_run(string model)
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: model);
        var fake = BatchFake.For(Server, model);
        fake.Behavior.ExpireHalfDone = true;

        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.False(first.Complete);
        Assert.Equal(5, Server.BilledRequests.Count);
        using (var store = StudyStore.Open(study.Artifacts))
        {
            Assert.Equal(5, Count(store, "SELECT count(*) FROM solutions WHERE status = 'done'"));
            Assert.Equal(5, store.Solutions.Pending().Count);
            Assert.Equal(0, Count(store, "SELECT stray_lines FROM batches"));
        }

        fake.Behavior.ExpireHalfDone = false;
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(second.Complete);
        Assert.Equal(10, Server.BilledRequests.Count);
        Assert.All(Server.BilledRequests.GroupBy(bill => bill.Prompt), bills => Assert.Single(bills));
        using var after = StudyStore.Open(study.Artifacts);
        Assert.Equal(Server.BilledUsd(_ => BatchStudy.Price), after.Ledger.TotalUsd());
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData(BatchStudy.Anthropic)]
    public async Task A_duplicated_and_an_unknown_custom_id_are_counted_on_the_batch_and_overwrite_nothing(string model)
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: model);
        var fake = BatchFake.For(Server, model);
        fake.Behavior.DuplicateLine = true;
        fake.Behavior.UnknownLine = true;

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(result.Complete);
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(2, Count(store, "SELECT stray_lines FROM batches"));
        Assert.Equal(10, Count(store, "SELECT count(*) FROM ledger"));
        Assert.Equal(1, Count(store, "SELECT max(attempts) FROM solutions"));
        Assert.Equal(0, Count(store, "SELECT count(*) FROM solutions WHERE output = 'stray'"));
        Assert.Equal(Server.BilledUsd(_ => BatchStudy.Price), store.Ledger.TotalUsd());
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData(BatchStudy.Anthropic)]
    public async Task Only_the_part_whose_worst_case_fits_under_max_usd_is_submitted(string model)
    {
        // A cell's worst case at the batch rate: about (40 prompt bytes + 200 max_tokens) × $1000/M × 0.5 ≈ $0.12.
        using var study = BatchStudy.Create(Server.BaseUrl, maxUsd: "0.5", model: model);

        var stopped = await Assert.ThrowsAsync<StudyException>(() => GenerateStage.RunAsync(study.Context(), CancellationToken.None));

        Assert.Equal(DiagnosticCodes.OverBudget, Assert.Single(stopped.Diagnostics).Code);
        using var store = StudyStore.Open(study.Artifacts);
        var submitted = Count(store, "SELECT cells FROM batches");
        Assert.InRange(submitted, 1, 9);
        Assert.Equal(submitted, Server.BilledRequests.Count);
        Assert.True(Server.BilledUsd(_ => BatchStudy.Price) <= 0.5m);
        Assert.Equal(Server.BilledUsd(_ => BatchStudy.Price), store.Ledger.TotalUsd());
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData(BatchStudy.Anthropic)]
    public async Task A_batch_result_is_cached_so_an_interactive_rerun_pays_nothing(string model)
    {
        using var study = BatchStudy.Create(Server.BaseUrl, model: model);
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("batch: true", "batch: false", StringComparison.Ordinal));
        using (var store = StudyStore.Open(study.Artifacts))
        {
            store.Connection.Execute("DELETE FROM solutions");
        }

        var rerun = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(10, rerun.CacheHits);
        Assert.Equal(10, Server.BilledRequests.Count);
    }

    private static int Count(StudyStore store, string sql) => Convert.ToInt32(store.Connection.Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

    private static decimal Decimal(StudyStore store, string sql) => DuckDBCommands.ToDecimal(store.Connection.Scalar(sql));
}
