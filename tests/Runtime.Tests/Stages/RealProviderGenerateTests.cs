using System.Text.Json.Nodes;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Tests.Providers;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>Generate with real SDK clients for every wire format, pointed at the fake provider server.</summary>
public sealed class RealProviderGenerateTests : FakeServerTest
{
    private static readonly DictionaryEnvironment Keys = FakeServerStudy.Keys;

    [Fact]
    public async Task Every_provider_answers_and_a_second_run_makes_no_call()
    {
        using var study = Study(Keys);
        study.Prepare();

        var first = await GenerateStage.RunAsync(study.Context(new StageOptions(Yes: true)), CancellationToken.None);
        var callsAfterFirst = Server.RequestCount;
        var second = await GenerateStage.RunAsync(study.Context(new StageOptions(Yes: true)), CancellationToken.None);

        Assert.Equal(4 * 3, first.Done);
        Assert.Equal(12, callsAfterFirst);
        Assert.Equal(0, second.Pending);
        Assert.Equal(callsAfterFirst, Server.RequestCount);
        Assert.All(Server.Requests.Where(request => (string?)request.Body["model"] == "o3-mini"), request => Assert.False(request.Body.ContainsKey("temperature")));
        Assert.All(Server.Requests.Where(request => (string?)request.Body["model"] == "gpt-4o-mini"), request => Assert.True(request.Body.ContainsKey("temperature")));
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(3, Convert.ToInt32(store.Connection.Scalar("SELECT sum(reasoning_tokens) / count(*) FROM solutions WHERE model = 'openai/o3-mini'")));
        Assert.Equal(3, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM solutions WHERE model = 'openai/o3-mini' AND json_extract_string(effective_parameters, '$.temperature') IS NULL AND json_extract_string(requested_parameters, '$.temperature') IS NOT NULL")));
        Assert.Equal(5, Convert.ToInt32(store.Connection.Scalar("SELECT max(cache_read_tokens) FROM solutions WHERE model = 'anthropic/claude-haiku-4-5'")));
        Assert.True(Convert.ToDecimal(store.Connection.Scalar("SELECT sum(usd) FROM ledger")) > 0);
    }

    [Fact]
    public async Task A_fresh_store_is_served_from_the_response_cache_at_no_cost()
    {
        using var study = Study(Keys);
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        var calls = Server.RequestCount;
        Directory.Delete(study.Artifacts, recursive: true);
        study.Prepare();

        var again = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(calls, Server.RequestCount);
        Assert.Equal(12, again.CacheHits);
        Assert.Equal(0, again.Calls);
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(0m, Convert.ToDecimal(store.Connection.Scalar("SELECT coalesce(sum(usd), 0) FROM solutions")));
        Assert.Equal(12, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM solutions WHERE cache_hit")));
    }

    [Fact]
    public async Task Retries_are_bounded_visible_and_a_cell_that_still_fails_is_an_error_retried_next_run()
    {
        using var study = Study(Keys, models: "openai/gpt-4o-mini", items: 1);
        study.Prepare();
        Server.Behavior.FailNext(4, 500);

        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(4, Server.RequestCount); // 1 attempt + 3 retries, then the cell is an error
        Assert.Equal(1, first.Failed);
        Assert.Contains("gave up after 4 attempts", first.RemainingFailures.Single().FirstError, StringComparison.Ordinal);
        Assert.Contains(study.Reporter.Lines, line => line.Contains("retrying openai/gpt-4o-mini", StringComparison.Ordinal));

        Server.Behavior.FailNext(2, 503);
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal(1, second.Pending);
        Assert.Equal(4 + 3, Server.RequestCount);
        Assert.Empty(second.RemainingFailures);
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(3 + 2, Convert.ToInt32(store.Connection.Scalar("SELECT retries FROM solutions WHERE status = 'done'"))); // retries add up over runs
        Assert.Equal(2, Convert.ToInt32(store.Connection.Scalar("SELECT attempts FROM solutions")));
    }

    [Fact]
    public async Task A_missing_key_fails_before_any_call()
    {
        using var study = Study(new DictionaryEnvironment(new() { ["OPENAI_API_KEY"] = "test-key" }));
        study.Prepare();

        var error = await Assert.ThrowsAsync<StudyException>(() => GenerateStage.RunAsync(study.Context(), CancellationToken.None));

        Assert.Contains(error.Diagnostics, diagnostic => diagnostic.Code == DiagnosticCodes.MissingApiKey && diagnostic.Message.Contains("ANTHROPIC_API_KEY", StringComparison.Ordinal));
        Assert.Equal(0, Server.RequestCount);
    }

    [Fact]
    public async Task Dry_run_renders_requests_and_sends_nothing()
    {
        using var study = Study(Keys);
        study.Prepare();

        var result = await GenerateStage.RunAsync(study.Context(new StageOptions(DryRun: true)), CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Equal(0, Server.RequestCount);
        Assert.Equal(12, File.ReadAllLines(Path.Combine(study.Artifacts, "dry-run", "requests.jsonl")).Length);
    }

    [Fact]
    public async Task Dry_run_shows_each_cells_cache_key_parts_and_whether_the_cache_holds_it()
    {
        using var study = Study(Keys, models: "openai/gpt-4o-mini", items: 2);
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        File.WriteAllText(study.StudyFile, File.ReadAllText(study.StudyFile).Replace("temperature: 0.7", "temperature: 0.8", StringComparison.Ordinal));
        study.Prepare();

        await GenerateStage.RunAsync(study.Context(new StageOptions(DryRun: true)), CancellationToken.None);

        var lines = DryRunLines(study);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.False((bool)line["cached"]!));
        Assert.All(lines, line => Assert.Equal(0.8, (double)line["request"]!["parameters"]!["temperature"]!));
        Assert.All(lines, line => Assert.Equal("openai/gpt-4o-mini", (string?)line["request"]!["model"]));
        Assert.Contains(study.Reporter.Lines, line => line.Contains("0 would be served from the response cache", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dry_run_names_the_cached_cells_by_the_hash_the_cache_stores_them_under()
    {
        using var study = Study(Keys, models: "openai/gpt-4o-mini", items: 2);
        study.Prepare();
        await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        Directory.Delete(study.Artifacts, recursive: true);
        study.Prepare();

        await GenerateStage.RunAsync(study.Context(new StageOptions(DryRun: true)), CancellationToken.None);

        var lines = DryRunLines(study);
        using var cache = ResponseCache.Beside(study.Artifacts);
        var cacheFiles = cache.Hashes().Order().ToList();
        Assert.All(lines, line => Assert.True((bool)line["cached"]!));
        Assert.Equal(cacheFiles, lines.Select(line => (string)line["cache_key"]!).Order().ToList());
        Assert.Equal(2, Server.RequestCount);
    }

    [Fact]
    public async Task Verify_first_stops_on_the_first_failing_condition()
    {
        using var study = Study(Keys);
        study.Prepare();
        Server.Behavior.FailNext(1, 400);

        var error = await Assert.ThrowsAsync<StudyException>(() => GenerateStage.RunAsync(study.Context(new StageOptions(VerifyFirst: true)), CancellationToken.None));

        Assert.Equal(DiagnosticCodes.VerifyFirstFailed, Assert.Single(error.Diagnostics).Code);
        Assert.Equal(1, Server.RequestCount);
    }

    [Fact]
    public async Task Empty_answers_are_marked_and_rerun_when_the_study_says_so()
    {
        using var study = Study(Keys, models: "openai/gpt-4o-mini", onEmpty: "rerun");
        study.Prepare();
        Server.Behavior.EmptyNext(2);

        var first = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);
        var second = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.Equal((2, false), (first.Empty, first.Complete));
        Assert.Equal(2, second.Pending);
        Assert.True(second.Complete);
    }

    private static List<JsonNode> DryRunLines(TempStudy study) =>
        File.ReadAllLines(Path.Combine(study.Artifacts, "dry-run", "requests.jsonl")).Select(line => JsonNode.Parse(line)!).ToList();

    private TempStudy Study(DictionaryEnvironment environment, string models = FakeServerStudy.AllModels, string onEmpty = "keep", int items = 3) =>
        FakeServerStudy.Create(Server.BaseUrl, environment, models, onEmpty, items);
}
