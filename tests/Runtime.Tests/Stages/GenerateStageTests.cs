using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Resilience;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Stages;

public sealed class GenerateStageTests
{
    [Fact]
    public async Task Runs_every_cell_once_and_a_second_run_makes_no_call()
    {
        using var study = new TempStudy(items: 10);
        study.Prepare();
        var client = new ScriptedClient((_, request, _) => Task.FromResult(ScriptedClient.Answer($"The answer is {request.Reference}.")));

        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));

        Assert.Equal(20, first.Done);
        Assert.Equal(0, second.Pending);
        Assert.Equal(20, client.Calls);
    }

    [Fact]
    public async Task Fast_models_are_stored_in_transactions_of_at_most_a_thousand_cells_with_every_ledger_row()
    {
        using var study = new TempStudy(items: 1600);
        study.Prepare();
        var client = new ScriptedClient((_, _, _) => Task.FromResult(ScriptedClient.Answer("The answer is 5.")));

        var run = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));

        using var store = StudyStore.Open(study.Artifacts);
        // created_at is now(), the start of the row's transaction: rows sharing it were committed together.
        var largestTransaction = Convert.ToInt32(store.Connection.Scalar("SELECT max(rows) FROM (SELECT count(*) AS rows FROM solutions GROUP BY created_at)"), System.Globalization.CultureInfo.InvariantCulture);
        var ledgerRows = Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM ledger WHERE run_id = $run", ("run", run.RunId)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3200, run.Done);
        Assert.Empty(store.Solutions.Pending());
        Assert.Equal(3200, ledgerRows);
        Assert.InRange(largestTransaction, 1, 1000);
    }

    [Fact]
    public async Task A_cancelled_run_keeps_finished_cells_and_the_next_run_does_only_the_rest()
    {
        using var study = new TempStudy(items: 30);
        study.Prepare();
        using var cancellation = new CancellationTokenSource();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new ScriptedClient(async (call, request, token) =>
        {
            if (call == 25)
            {
                await cancellation.CancelAsync();
                cancelled.SetResult();
            }
            else if (call > 25)
            {
                // Under load, later calls could otherwise all finish (and every cell start) before call 25 cancels:
                // holding them until the stop keeps the workers busy, so cells beyond the in-flight ones never start.
                await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
            }

            token.ThrowIfCancellationRequested();
            return ScriptedClient.Answer("The answer is 1.");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            GenerateStage.RunAsync(study.Context(), cancellation.Token, new ModelClientRouter(_ => client)));
        int kept;
        using (var store = StudyStore.Open(study.Artifacts))
        {
            kept = 60 - store.Solutions.Pending().Count;
        }

        var resumedClient = new ScriptedClient((_, request, _) => Task.FromResult(ScriptedClient.Answer("The answer is 2.")));
        var resumed = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => resumedClient));

        Assert.InRange(kept, 1, 59);
        Assert.Equal(60 - kept, resumedClient.Calls);
        Assert.Equal(60 - kept, resumed.Done);
        using var after = StudyStore.Open(study.Artifacts);
        Assert.Empty(after.Solutions.Pending());
        var ledgerRows = Convert.ToInt32(after.Connection.Scalar("SELECT count(*) FROM ledger WHERE run_id = $run AND NOT cache_hit", ("run", resumed.RunId)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(60 - kept, ledgerRows);
    }

    [Fact]
    public async Task Failed_cells_are_stored_as_errors_and_only_they_run_again()
    {
        using var study = new TempStudy(items: 10) { Retries = new RetrySettings { MaxRetries = 0 } };
        study.Prepare();
        var failing = FailingEveryFourthCall();

        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => failing));
        var healthy = new ScriptedClient((_, _, _) => Task.FromResult(ScriptedClient.Answer("The answer is 4.")));
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => healthy));

        Assert.Equal(5, first.Failed);
        Assert.Contains(first.RemainingFailures, failure => failure.FirstError.Contains("server exploded", StringComparison.Ordinal));
        Assert.Equal(5, healthy.Calls);
        Assert.Empty(second.RemainingFailures);
    }

    [Fact]
    public async Task A_run_over_errored_and_never_run_cells_keeps_one_row_per_cell_and_says_when_nothing_is_left()
    {
        using var study = new TempStudy(items: 10) { Retries = new RetrySettings { MaxRetries = 0 } };
        study.Prepare();
        var failing = FailingEveryFourthCall();
        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => failing));
        using (var store = StudyStore.Open(study.Artifacts))
        {
            // Three done cells lose their row, as if never run: the next run's batch mixes them with the errored ones.
            store.Connection.Execute("DELETE FROM solutions WHERE cell_key IN (SELECT cell_key FROM solutions WHERE status = 'done' ORDER BY cell_key LIMIT 3)");
        }

        var healthy = new ScriptedClient((_, _, _) => Task.FromResult(ScriptedClient.Answer("The answer is 4.")));
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => healthy));

        Assert.False(first.Complete);
        Assert.Equal(8, second.Done); // the three whose row went are served from the cache, the five errored are called
        Assert.True(second.Complete);
        using var after = StudyStore.Open(study.Artifacts);
        var rows = after.Connection.Query("SELECT cell_key, attempts FROM solutions", reader => (Key: reader.GetString(0), Attempts: reader.GetInt32(1))).ToList();
        Assert.Equal(20, rows.Count);
        Assert.Equal(20, rows.Select(row => row.Key).Distinct().Count());
        Assert.Equal(5, rows.Count(row => row.Attempts == 2));
        Assert.Empty(after.Solutions.Pending());
    }

    [Fact]
    public async Task A_run_appends_its_rows_without_rewriting_the_row_groups_already_stored()
    {
        using var study = new TempStudy(items: 10);
        study.Prepare();
        var client = new ScriptedClient((_, _, _) => Task.FromResult(ScriptedClient.Answer("The answer is 3.")));
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));
        IReadOnlyList<(long RowGroup, long Block)> before;
        using (var store = StudyStore.Open(study.Artifacts))
        {
            // Five cells lose their row, as if never run; DuckDB compacts the table as this store closes.
            store.Connection.Execute("DELETE FROM solutions WHERE cell_key IN (SELECT cell_key FROM solutions ORDER BY cell_key LIMIT 5)");
            store.Connection.Execute("CHECKPOINT");
            before = SolutionBlocks(store);
        }

        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));

        // DuckDB's default checkpoint would merge the two row groups (15 rows and 5) into one, writing the 15 again.
        using var after = StudyStore.Open(study.Artifacts);
        Assert.Equal(5, second.Done);
        Assert.Empty(after.Solutions.Pending());
        Assert.Single(before.Select(block => block.RowGroup).Distinct());
        Assert.Equal(2, SolutionBlocks(after).Select(block => block.RowGroup).Distinct().Count());
        Assert.Subset(SolutionBlocks(after).ToHashSet(), before.ToHashSet());
    }

    [Fact]
    public async Task A_run_that_leaves_errors_is_not_complete()
    {
        using var study = new TempStudy(items: 5) { Retries = new RetrySettings { MaxRetries = 0 } };
        study.Prepare();
        var failing = new ScriptedClient((call, _, _) => call == 1
            ? throw new ModelCallException("server exploded", 500, isTransient: true)
            : Task.FromResult(ScriptedClient.Answer("The answer is 3.")));

        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => failing));
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => failing));

        Assert.Equal(1, first.Failed);
        Assert.False(first.Complete);
        Assert.Equal(0, second.Failed);
        Assert.True(second.Complete);
    }

    [Fact]
    public async Task Empty_answers_are_marked_empty_and_not_rerun()
    {
        using var study = new TempStudy(items: 5);
        study.Prepare();
        var client = new ScriptedClient((_, _, _) => Task.FromResult(new ModelResponse("", "length", new TokenUsage(10, 256), TimeSpan.Zero)));

        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(_ => client));

        Assert.Equal(10, first.Empty);
        Assert.Equal(0, second.Pending);
    }

    private static ScriptedClient FailingEveryFourthCall() =>
        new((call, _, _) => call % 4 == 0
            ? throw new ModelCallException("server exploded", 500, isTransient: true)
            : Task.FromResult(ScriptedClient.Answer("The answer is 3.")));

    /// <summary>Where each row group of <c>solutions</c> is stored: a row group written again moves to other blocks.</summary>
    private static IReadOnlyList<(long RowGroup, long Block)> SolutionBlocks(StudyStore store) =>
        store.Connection.Query(
                "SELECT DISTINCT row_group_id, block_id FROM pragma_storage_info('solutions') WHERE persistent AND block_id >= 0",
                reader => (reader.GetInt64(0), reader.GetInt64(1)))
            .ToList();
}
