using ItemEval.FakeProviders;

namespace ItemEval.EndToEnd.Tests.Batches;

/// <summary>
/// Grade's judge calls through a provider batch, through the front end as a user runs it: the judged example's mock
/// answers graded by a rubric judge on an OpenAI model with <c>batch: true</c>, killed while waiting, resumed.
/// </summary>
public sealed class JudgeBatchResumeTests : IAsyncLifetime
{
    private const string Judge = "gpt-4o-mini";

    private FakeProviderServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Killed_while_grade_polls_the_next_grade_polls_the_same_batch_and_no_judge_call_is_submitted_or_billed_twice()
    {
        using var study = JudgedStudy();
        var batches = _server.OpenAIBatches;
        batches.Behavior.PollsInProgress = int.MaxValue;
        batches.Behavior.Shuffle = true;
        var kill = new KillWhilePolling("batch_fake1", () => batches.Reads.GetValueOrDefault("batch_fake1"));

        var killed = await study.BuildAsync(["Grade", "--yes"], kill.OnOutput, Environment());
        await kill.Done;

        Assert.True(killed.ExitCode != 0, killed.ToString());
        Assert.Empty(_server.BilledRequests);
        Assert.Equal("grade", study.Query<string>("SELECT stage FROM batches WHERE batch_id = 'batch_fake1' AND state = 'in_progress'"));
        var calls = study.Query<int>("SELECT count(*) FROM batch_cells");
        Assert.True(calls > 0);

        var status = study.Build("Status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"batch_fake1  openai/{Judge}  in_progress", status.Output, StringComparison.Ordinal);
        Assert.Contains("judge calls (Grade collects them)", status.Output, StringComparison.Ordinal);

        var readsBefore = batches.Reads["batch_fake1"];
        batches.Behavior.PollsInProgress = readsBefore + 1;
        var resumed = await study.BuildAsync(["Grade", "--yes"], (_, _) => { }, Environment());

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("re-attached to batch batch_fake1", resumed.Output, StringComparison.Ordinal);
        Assert.True(batches.Reads["batch_fake1"] > readsBefore);
        Assert.Equal(1, batches.CreatedCount);
        Assert.Equal(1, batches.UploadCount);
        AssertEachJudgeCallPaidOnceAtTheBatchRate(study, calls);
    }

    [Fact]
    public async Task No_wait_submits_the_judge_batch_and_leaves_grade_out_of_date_so_the_next_grade_collects_it()
    {
        using var study = JudgedStudy();
        _server.OpenAIBatches.Behavior.PollsInProgress = 1;

        var submitted = await study.BuildAsync(["Grade", "--yes", "--no-wait"], (_, _) => { }, Environment());

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.True(submitted.Output.Contains("waiting in provider batches", StringComparison.Ordinal), submitted.ToString());
        Assert.Empty(_server.BilledRequests);
        var calls = study.Query<int>("SELECT count(*) FROM batch_cells");

        var collected = await study.BuildAsync(["Grade", "--yes"], (_, _) => { }, Environment());

        Assert.True(collected.ExitCode == 0, collected.ToString());
        Assert.Contains("re-attached to batch batch_fake1", collected.Output, StringComparison.Ordinal);
        Assert.Equal(1, _server.OpenAIBatches.CreatedCount);
        AssertEachJudgeCallPaidOnceAtTheBatchRate(study, calls);
    }

    /// <summary>
    /// Every judge call billed once, none sent interactively, and the books match the invoice at the batch rate: one
    /// <c>judge</c> ledger row with the batch flag per answer, at half of $1000 per million tokens, equal to the gradings' sum.
    /// </summary>
    private void AssertEachJudgeCallPaidOnceAtTheBatchRate(StudyWorkspace study, int calls)
    {
        Assert.Empty(_server.Requests);
        Assert.Equal(calls, _server.BilledRequests.Count);
        Assert.Equal(calls, study.Query<int>("SELECT count(*) FROM gradings WHERE grader = 'correct' AND batch_id IS NOT NULL AND status = 'done'"));
        Assert.Equal(calls, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'judge' AND batch"));
        Assert.Equal(_server.BilledUsd(_ => BatchStudyWorkspace.Price), study.Query<decimal>("SELECT sum(usd) FROM ledger")); // the mock answers cost $0
        Assert.Equal(0, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'judge' AND usd <> (input_tokens + output_tokens) * 0.0005"));
        Assert.Equal(study.Query<decimal>("SELECT sum(usd) FROM ledger"), study.Query<decimal>("SELECT sum(usd) FROM gradings"));
    }

    /// <summary>The judged example's mock answers (free), graded by one rubric judge that batches on the fake OpenAI server.</summary>
    private StudyWorkspace JudgedStudy()
    {
        _server.Behavior.Reply = _ => "Rating: [[1]]";
        var study = StudyWorkspace.CopyOf("judged");
        study.Edit("study.yaml", yaml => yaml[..yaml.IndexOf("graders:", StringComparison.Ordinal)] + $$$"""
            graders:
              - name: correct
                type: rubric
                model: {id: openai/{{{Judge}}}, batch: true}
                lane: {temperature: 0, max_tokens: 64}
                template: prompts/judge-correct.txt
                rubric: rubrics/correct.txt
                options: {scale: [0, 1]}
            budget: {policy: full-interactive, max_usd: 100, prices: {openai/{{{Judge}}}: {input: 1000, output: 1000} } }
            """);
        return study;
    }

    private Dictionary<string, string> Environment() => BatchStudyWorkspace.Environment(_server);
}
