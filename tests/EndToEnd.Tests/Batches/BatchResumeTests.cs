using ItemEval.FakeProviders;

namespace ItemEval.EndToEnd.Tests.Batches;

/// <summary>Provider batches through the front end, as a user runs them: killed while waiting, resumed, cleaned.</summary>
public sealed class BatchResumeTests : IAsyncLifetime
{
    private FakeProviderServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Killed_while_polling_the_next_run_polls_the_same_batch_and_nothing_is_submitted_or_billed_twice()
    {
        using var study = BatchStudyWorkspace.Create();
        var batches = _server.OpenAIBatches;
        batches.Behavior.PollsInProgress = int.MaxValue;
        batches.Behavior.Shuffle = true;
        var kill = new KillWhilePolling("batch_fake1", () => batches.Reads.GetValueOrDefault("batch_fake1"));

        var killed = await study.BuildAsync(["Generate", "--yes"], kill.OnOutput, BatchStudyWorkspace.Environment(_server));
        await kill.Done;

        Assert.True(killed.ExitCode != 0, killed.ToString());
        Assert.Empty(_server.BilledRequests);
        Assert.Equal("batch_fake1", study.Query<string>("SELECT batch_id FROM batches WHERE state = 'in_progress'"));
        Assert.Equal(BatchStudyWorkspace.Cells, study.Query<int>("SELECT count(*) FROM batch_cells"));

        var status = study.Build("Status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("batches in flight: 1", status.Output, StringComparison.Ordinal);
        Assert.Contains("batch_fake1  openai/gpt-4o-mini  in_progress", status.Output, StringComparison.Ordinal);

        var refused = study.Build("Clean");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("IEV0504", refused.Output, StringComparison.Ordinal);

        var readsBefore = batches.Reads["batch_fake1"];
        batches.Behavior.PollsInProgress = readsBefore + 1;
        var resumed = await study.BuildAsync(["Generate", "--yes"], (_, _) => { }, BatchStudyWorkspace.Environment(_server));

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("re-attached to batch batch_fake1", resumed.Output, StringComparison.Ordinal);
        Assert.True(batches.Reads["batch_fake1"] > readsBefore);
        Assert.Equal(1, batches.CreatedCount);
        Assert.Equal(1, batches.UploadCount);
        BatchBooks.AssertEachCellPaidOnceAtTheBatchRate(study, _server);
    }

    [Fact]
    public async Task Ctrl_c_while_waiting_leaves_the_batch_running_at_the_provider_and_says_so()
    {
        CtrlC.AssertDeliverable();
        using var study = BatchStudyWorkspace.Create();
        var batches = _server.OpenAIBatches;
        batches.Behavior.PollsInProgress = int.MaxValue;
        var interrupting = Task.CompletedTask;

        var stopped = await study.BuildAsync(["Generate", "--yes"], (process, line) =>
        {
            if (line.Contains("batch batch_fake1 submitted", StringComparison.Ordinal))
            {
                interrupting = Task.Run(async () =>
                {
                    await WaitFor.ConditionAsync(() => batches.Reads.GetValueOrDefault("batch_fake1") >= 1, TimeSpan.FromSeconds(60), "the run to poll its batch");
                    using var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    await interrupt.WaitForExitAsync();
                });
            }
        }, BatchStudyWorkspace.Environment(_server));
        await interrupting;

        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        Assert.Contains("still running at the provider (batch_fake1)", stopped.Output, StringComparison.Ordinal);
        Assert.Equal("in_progress", study.Query<string>("SELECT state FROM batches"));
        Assert.Empty(_server.BilledRequests);
    }

    [Fact]
    public async Task No_wait_exits_zero_with_generate_still_out_of_date_and_clean_cancel_batches_cancels_at_the_provider()
    {
        using var study = BatchStudyWorkspace.Create();
        _server.OpenAIBatches.Behavior.PollsInProgress = int.MaxValue;

        var submitted = await study.BuildAsync(["Generate", "--yes", "--no-wait"], (_, _) => { }, BatchStudyWorkspace.Environment(_server));

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.Contains("still running at the provider (batch_fake1)", submitted.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(study.StudyArtifacts, "stamps", "generate.done")));

        var cleaned = await study.BuildAsync(["Clean", "--cancel-batches"], (_, _) => { }, BatchStudyWorkspace.Environment(_server));

        Assert.True(cleaned.ExitCode == 0, cleaned.ToString());
        Assert.Contains("batch batch_fake1 (openai/gpt-4o-mini) cancelled at the provider (cancelled)", cleaned.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(study.StudyArtifacts));
        Assert.Empty(_server.BilledRequests);
    }
}
