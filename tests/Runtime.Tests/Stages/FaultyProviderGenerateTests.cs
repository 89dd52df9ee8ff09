using System.IO.Compression;
using ItemEval.FakeProviders;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>Generate against a fake provider that answers badly: each bad answer costs one cell, never the run.</summary>
public sealed class FaultyProviderGenerateTests : FakeServerTest
{
    [Fact]
    public async Task An_error_in_a_200_fails_only_its_cell_with_the_raw_body_in_the_transcript()
    {
        using var study = FakeServerStudy.Create(Server.BaseUrl, models: "openai/gpt-4o-mini", items: 2, options: "max_concurrency: 1");
        study.Prepare();
        Server.Behavior.ErrorIn200Next(2); // both attempts of the first cell: an unreadable answer is asked again once

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((1, 1), (result.Done, result.Failed));
        var error = result.RemainingFailures.Single().FirstError;
        Assert.Equal(
            "openai/gpt-4o-mini: HTTP 200 with an error instead of an answer: server_error \"The server had an error while processing "
            + "your request\" — gave up after 2 attempts: an unreadable answer is billed, so it is asked again once only",
            error);
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(1, Convert.ToInt32(store.Connection.Scalar("SELECT retries FROM solutions WHERE status = 'error'")));
        var transcript = (string)store.Connection.Scalar("SELECT transcript FROM solutions WHERE status = 'error'")!;
        var line = TranscriptLine(study, transcript);
        Assert.Contains("\"raw_body\":", line, StringComparison.Ordinal);
        Assert.Contains("server_error", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_models_timeout_seconds_bounds_each_attempt_and_the_provider_bills_the_abandoned_ones()
    {
        using var study = FakeServerStudy.Create(
            Server.BaseUrl, models: "openai/gpt-4o-mini", items: 1, options: "timeout_seconds: 1", retries: FakeServerStudy.FastRetries with { MaxRetries = 1 });
        study.Prepare();
        Server.Behavior.Latency = TimeSpan.FromSeconds(5);

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        var attempts = Server.Requests.Select(request => request.At).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1] - attempts[0] < TimeSpan.FromSeconds(5), $"the second attempt came {attempts[1] - attempts[0]} after the first: the 5 s answer was waited for");
        Assert.Equal(
            "openai/gpt-4o-mini: timed out: no answer within 1 s — gave up after 2 attempts",
            Assert.Single(result.RemainingFailures).FirstError);
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(1, Convert.ToInt32(store.Connection.Scalar("SELECT retries FROM solutions")));
        await Server.WaitForBillingAsync(
            billed => billed.Count(request => request.Reason == BillingReason.Disconnected) == 2, TimeSpan.FromSeconds(10), "both abandoned attempts");
    }

    [Fact]
    public async Task Ten_percent_each_of_five_faults_finishes_within_three_runs_paying_once_per_cell_beyond_unreadable_answers()
    {
        const int Items = 20;
        using var study = FakeServerStudy.Create(Server.BaseUrl, models: "openai/gpt-4o-mini,anthropic/claude-haiku-4-5,google/gemini-2.5-flash", items: Items, budget: "  policy: full-interactive\n  max_usd: 1");
        study.Prepare();
        Server.Behavior.MixedFaults = new MixedFaults(seed: 8, p500: .1, p503: .1, reset: .1, malformed: .1, errorIn200: .1);

        var runs = 0;
        GenerateResult result;
        do
        {
            result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
            runs++;
        }
        while (!result.Complete && runs < 3);

        Assert.True(result.Complete, $"after {runs} runs: {string.Join("; ", result.RemainingFailures.Select(failure => failure.FirstError))}");
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(3 * Items, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM solutions WHERE status = 'done'")));
        var billed = Server.BilledRequests;
        var paidTwice = billed.Where(request => request.Reason is not (BillingReason.Malformed or BillingReason.ErrorIn200))
            .GroupBy(request => (request.Model, request.Prompt)).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.Empty(paidTwice);
        Assert.Equal(3 * Items, billed.Count(request => request.Reason == BillingReason.Answered));
        Assert.Contains(billed, request => request.Reason == BillingReason.Malformed);
        Assert.Contains(billed, request => request.Reason == BillingReason.ErrorIn200);
        Assert.True(Server.RequestCount > billed.Count, "no refusal or reset happened: the faults were not mixed in");
    }

    private static string TranscriptLine(TempStudy study, string link)
    {
        var (file, line) = (link.Split('#')[0], int.Parse(link.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture));
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(study.Artifacts, file)), CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n')[line - 1];
    }
}
