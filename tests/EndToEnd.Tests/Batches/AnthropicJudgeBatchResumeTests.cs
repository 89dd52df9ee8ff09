using ItemEval.FakeProviders;

namespace ItemEval.EndToEnd.Tests.Batches;

/// <summary>
/// An Anthropic judge's calls through Message Batches, through the front end as a user runs it: the judged example's
/// mock answers graded by a rubric judge on an Anthropic model with <c>batch: true</c>, killed while Grade polls,
/// resumed. The judge template puts the rubric, question and reference first, so the batch reads and writes the prompt
/// cache and the books must price those tokens at their own rates.
/// </summary>
public sealed class AnthropicJudgeBatchResumeTests : IAsyncLifetime
{
    private const string Judge = "claude-haiku-4-5";

    /// <summary>USD per million tokens: $1000 in and out, $100 cache read, $1250 cache write (every row exact at the batch's half).</summary>
    private static readonly FakePrice Price = new(1000m, 1000m, CacheReadPerMillion: 100m, CacheWritePerMillion: 1250m);

    private FakeProviderServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Killed_while_grade_polls_the_next_grade_polls_the_same_message_batch_and_no_judge_call_is_submitted_or_billed_twice()
    {
        using var study = JudgedStudy();
        var batches = _server.AnthropicBatches;
        batches.Behavior.PollsInProgress = int.MaxValue;
        batches.Behavior.Shuffle = true;
        var kill = new KillWhilePolling("msgbatch_fake1", () => batches.Reads.GetValueOrDefault("msgbatch_fake1"));

        var killed = await study.BuildAsync(["Grade", "--yes"], kill.OnOutput, Environment());
        await kill.Done;

        Assert.True(killed.ExitCode != 0, killed.ToString());
        Assert.Empty(_server.BilledRequests);
        Assert.Equal("grade", study.Query<string>("SELECT stage FROM batches WHERE batch_id = 'msgbatch_fake1' AND state = 'in_progress'"));
        var calls = study.Query<int>("SELECT count(*) FROM batch_cells");
        Assert.True(calls > 0);
        var status = study.Build("Status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"msgbatch_fake1  anthropic/{Judge}  in_progress", status.Output, StringComparison.Ordinal);

        var readsBefore = batches.Reads["msgbatch_fake1"];
        batches.Behavior.PollsInProgress = readsBefore + 1;
        var resumed = await study.BuildAsync(["Grade", "--yes"], (_, _) => { }, Environment());

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("re-attached to batch msgbatch_fake1", resumed.Output, StringComparison.Ordinal);
        Assert.True(batches.Reads["msgbatch_fake1"] > readsBefore);
        Assert.Equal(1, batches.CreatedCount);
        Assert.Empty(_server.Requests); // nothing asked interactively
        var bills = _server.BilledRequests;
        Assert.Equal(calls, bills.Count); // one bill per call (two mock models may give the same answer, so a prompt may be billed twice)
        Assert.Contains(bills, bill => bill.CacheReadTokens > 0);
        Assert.Contains(bills, bill => bill.CacheWriteTokens > 0);
        Assert.Equal(calls, study.Query<int>("SELECT count(*) FROM gradings WHERE grader = 'correct' AND batch_id IS NOT NULL AND status = 'done'"));
        Assert.Equal(calls, study.Query<int>("SELECT count(*) FROM ledger WHERE kind = 'judge' AND batch"));
        Assert.Equal(_server.BilledUsd(_ => Price), study.Query<decimal>("SELECT sum(usd) FROM ledger")); // the mock answers cost $0
        Assert.Equal(study.Query<decimal>("SELECT sum(usd) FROM ledger"), study.Query<decimal>("SELECT sum(usd) FROM gradings"));
        Assert.Equal(
            (bills.Sum(bill => bill.CacheReadTokens), bills.Sum(bill => bill.CacheWriteTokens)),
            (study.Query<int>("SELECT CAST(sum(cache_read_tokens) AS INTEGER) FROM gradings"), study.Query<int>("SELECT CAST(sum(cache_write_tokens) AS INTEGER) FROM gradings")));
        Assert.Equal(0, study.Query<int>(
            "SELECT count(*) FROM gradings WHERE usd <> (input_tokens * 1000 + cache_read_tokens * 100 + cache_write_tokens * 1250 + output_tokens * 1000) / 1e6 / 2"));
    }

    /// <summary>The judged example's mock answers (free), graded by one rubric judge that batches on the fake Anthropic server.</summary>
    private StudyWorkspace JudgedStudy()
    {
        _server.Behavior.Reply = _ => """{"score": 1, "reasoning": "right"}""";
        var study = StudyWorkspace.CopyOf("judged");
        study.Edit("study.yaml", yaml => yaml[..yaml.IndexOf("graders:", StringComparison.Ordinal)] + $$$"""
            graders:
              - name: correct
                type: rubric
                model: {id: anthropic/{{{Judge}}}, batch: true}
                lane: {temperature: 0, max_tokens: 64}
                template: prompts/judge-correct.txt
                rubric: rubrics/correct.txt
                options: {scale: [0, 1]}
            budget:
              policy: full-interactive
              max_usd: 100
              prices: {anthropic/{{{Judge}}}: {input: 1000, output: 1000, cache_read: 100, cache_write: 1250}}
            """);
        return study;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["ANTHROPIC_API_KEY"] = "test-key",
        ["ANTHROPIC_BASE_URL"] = _server.BaseUrl,
        ["ITEMEVAL_BATCH_POLL_SECONDS"] = "0.05",
    };
}
