using ItemEval.FakeProviders;

namespace ItemEval.EndToEnd.Tests.Batches;

/// <summary>Anthropic Message Batches through the front end, as a user runs them: killed while waiting, resumed, cancelled.</summary>
public sealed class AnthropicBatchResumeTests : IAsyncLifetime
{
    private const string Model = "anthropic/claude-haiku-4-5";

    private FakeProviderServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Killed_while_polling_the_next_run_polls_the_same_message_batch_and_nothing_is_submitted_or_billed_twice()
    {
        using var study = Create();
        var batches = _server.AnthropicBatches;
        batches.Behavior.PollsInProgress = int.MaxValue;
        batches.Behavior.Shuffle = true;
        var kill = new KillWhilePolling("msgbatch_fake1", () => batches.Reads.GetValueOrDefault("msgbatch_fake1"));

        var killed = await study.BuildAsync(["Generate", "--yes"], kill.OnOutput, Environment());
        await kill.Done;

        Assert.True(killed.ExitCode != 0, killed.ToString());
        Assert.Empty(_server.BilledRequests);
        Assert.Equal("msgbatch_fake1", study.Query<string>("SELECT batch_id FROM batches WHERE state = 'in_progress'"));
        var status = study.Build("Status");
        Assert.Contains($"msgbatch_fake1  {Model}  in_progress", status.Output, StringComparison.Ordinal);

        batches.Behavior.PollsInProgress = batches.Reads["msgbatch_fake1"] + 1;
        var resumed = await study.BuildAsync(["Generate", "--yes"], (_, _) => { }, Environment());

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("re-attached to batch msgbatch_fake1", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(1, batches.CreatedCount);
        BatchBooks.AssertEachCellPaidOnceAtTheBatchRate(study, _server);
    }

    [Fact]
    public async Task Clean_cancel_batches_cancels_a_message_batch_at_the_provider()
    {
        using var study = Create();
        _server.AnthropicBatches.Behavior.PollsInProgress = int.MaxValue;

        var submitted = await study.BuildAsync(["Generate", "--yes", "--no-wait"], (_, _) => { }, Environment());
        Assert.True(submitted.ExitCode == 0, submitted.ToString());

        var cleaned = await study.BuildAsync(["Clean", "--cancel-batches"], (_, _) => { }, Environment());

        Assert.True(cleaned.ExitCode == 0, cleaned.ToString());
        Assert.Contains($"batch msgbatch_fake1 ({Model}) cancelled at the provider (canceling)", cleaned.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(study.StudyArtifacts));
        Assert.Empty(_server.BilledRequests);
    }

    private static StudyWorkspace Create() =>
        PaidExampleStudy.Create("batched", top: "batch: true", budget: $"policy: full-batch, max_usd: 20, prices: {{{Model}: {{input: 1000, output: 1000}}}}", model: Model);

    private Dictionary<string, string> Environment() => new()
    {
        ["ANTHROPIC_API_KEY"] = "test-key",
        ["ANTHROPIC_BASE_URL"] = _server.BaseUrl,
        ["ITEMEVAL_BATCH_POLL_SECONDS"] = "0.05",
    };
}
