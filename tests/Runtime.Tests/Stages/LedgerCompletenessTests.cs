using ItemEval.Runtime.Providers.Resilience;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Store;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>The ledger lists every attempt the provider may have billed, not only the answers that were read.</summary>
public sealed class LedgerCompletenessTests : FakeServerTest
{
    [Fact]
    public async Task A_broken_answer_and_a_timed_out_attempt_are_in_the_ledger_as_unconfirmed()
    {
        using var study = Study(items: 3);
        study.Prepare();
        Server.Behavior.MalformedNext(1);
        Server.Behavior.HangNext(1);

        var result = await GenerateStage.RunAsync(study.Context(), CancellationToken.None);

        Assert.True(result.Done == 3, string.Join("; ", result.RemainingFailures.Select(failure => failure.FirstError)));
        using var store = StudyStore.Open(study.Artifacts);
        Assert.Equal(Server.RequestCount, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM ledger")));
        Assert.Equal(2, Convert.ToInt32(store.Connection.Scalar("SELECT count(*) FROM ledger WHERE unconfirmed")));
        Assert.True(store.Ledger.UnconfirmedUsd() > 0m);
        Assert.True(store.Ledger.TotalUsd() > store.Ledger.UnconfirmedUsd());
    }

    private TempStudy Study(int items)
    {
        var yaml = $$"""
            name: books
            datasets:
              - name: quiz
                path: data/items.jsonl
                mapping: {id: id, input: question, target: answer, scheme: scheme}
            design:
              models:
                - id: openai/gpt-4o-mini
                  options: {base_url: "{{Server.BaseUrl}}/v1", max_concurrency: 1}
                  lanes:
                    - name: short
                      max_tokens: 16
              templates:
                - name: plain
                  path: prompts/plain.txt
            budget:
              max_usd: 1
            """;
        return new TempStudy(items, yaml)
        {
            Environment = new DictionaryEnvironment(new() { ["OPENAI_API_KEY"] = "test-key" }),
            Retries = new RetrySettings { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(3) },
        };
    }
}
