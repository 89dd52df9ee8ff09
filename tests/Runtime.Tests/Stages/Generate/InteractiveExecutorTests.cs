using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Tests.Stages.Generate;

/// <summary>Every model runs at once, at its own concurrency: a stuck model never holds back another.</summary>
public sealed class InteractiveExecutorTests
{
    private const string TwoModels = """
        name: pair
        datasets:
          - name: quiz
            path: data/items.jsonl
            mapping: {id: id, input: question, target: answer, scheme: scheme}
        design:
          models:
            - id: mock/a
              options: {max_concurrency: 2}
              lanes:
                - name: cold
                  temperature: 0
            - id: mock/b
              options: {max_concurrency: 3}
              lanes:
                - name: cold
                  temperature: 0
          templates:
            - name: plain
              path: prompts/plain.txt
          epochs: 1
        """;

    [Fact]
    public async Task A_model_that_does_not_answer_does_not_hold_back_the_other()
    {
        using var study = new TempStudy(items: 20, yaml: TwoModels);
        study.Prepare();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aFull = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aInFlight = 0;
        var aMostInFlight = 0;
        var stuck = new ScriptedClient(async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref aInFlight);
            InterlockedMax(ref aMostInFlight, now);
            if (now == 2)
            {
                aFull.TrySetResult();
            }

            await release.Task;
            Interlocked.Decrement(ref aInFlight);
            return ScriptedClient.Answer("The answer is 1.");
        });
        var fast = new ScriptedClient((call, _, _) =>
        {
            if (call == 20)
            {
                bFinished.TrySetResult();
            }

            return Task.FromResult(ScriptedClient.Answer("The answer is 2."));
        });

        var run = GenerateStage.RunAsync(study.Context(), CancellationToken.None, new ModelClientRouter(model => model.Id == "mock/a" ? stuck : fast));
        // All of b's cells finish while a holds its two slots and answers nothing.
        await Task.WhenAll(bFinished.Task, aFull.Task).WaitAsync(TimeSpan.FromSeconds(60));
        var aStartedWhileBRan = stuck.Calls;
        release.SetResult();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(40, result.Done);
        Assert.Equal(2, aStartedWhileBRan);
        Assert.Equal(2, aMostInFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
