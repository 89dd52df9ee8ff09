using System.Globalization;
using System.Text.Json;
using ItemEval.FakeProviders;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Stages;

namespace ItemEval.Bench;

/// <summary>
/// Issue 13's accuracy target: GSM8K items on two OpenAI models × a direct and a step-by-step template against the fake
/// provider, which here bills real o200k token counts of each prompt and of a reply whose length varies by item (about
/// 10 tokens direct, 60–400 step by step). Estimate before anything ran (heuristics), run a dev pilot of 20 items,
/// estimate the rest, run it, and compare each condition's estimate with what the fake provider billed for the rest.
/// </summary>
internal static class EstimateAccuracyBenchmark
{
    private const string Models = "openai/gpt-4o-mini,openai/gpt-4.1-mini";
    private static readonly Dictionary<string, FakePrice> Prices = new(StringComparer.Ordinal)
    {
        ["gpt-4o-mini"] = new(0.15m, 0.60m),
        ["gpt-4.1-mini"] = new(0.40m, 1.60m),
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var items = int.Parse(BenchOptions.Value(args, "--items") ?? "200", NumberStyles.None, CultureInfo.InvariantCulture);
        var pilot = int.Parse(BenchOptions.Value(args, "--pilot") ?? "20", NumberStyles.None, CultureInfo.InvariantCulture);
        var devFrom = BenchOptions.Value(args, "--dev-from") ?? "first";
        var dataset = BenchOptions.Value(args, "--dataset") ?? "/work/shared/datasets/gsm8k/test.jsonl";
        await using var server = await FakeProviderServer.StartAsync();
        server.Behavior.Reply = Reply;
        server.Behavior.Tokens = (prompt, reply) => (TokenEstimator.Count("openai/gpt-4o", prompt), TokenEstimator.Count("openai/gpt-4o", reply) - TokenEstimator.TokensPerMessage);
        var directory = Path.Combine(Path.GetTempPath(), "itemeval-accuracy-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var study = Write(directory, server.BaseUrl, dataset, items, pilot, devFrom);
            var reporter = new ConsoleStageReporter();
            StageContext Context(string policy) => new(study, Path.Combine(directory, "artifacts"), new StageOptions(Yes: true, Policy: policy), reporter, new BenchEnvironment());
            ResolveStage.Run(Context("dev"));
            LockDatasetsStage.Run(Context("dev"));
            ExpandGridStage.Run(Context("dev"));

            var before = EstimateStage.Run(Context("full-interactive"));
            BudgetCheckStage.Run(Context("dev"));
            await GenerateStage.RunAsync(Context("dev"), CancellationToken.None);
            var pilotBills = server.BilledRequests.Count;
            var after = EstimateStage.Run(Context("full-interactive"));
            await GenerateStage.RunAsync(Context("full-interactive"), CancellationToken.None);
            var rest = server.BilledRequests.Skip(pilotBills).ToList();

            Console.WriteLine();
            Console.WriteLine($"estimate-accuracy: {items} GSM8K items, pilot {pilot} ({devFrom}), {Models} × direct/cot; billed = the fake provider's invoice for the {rest.Count} calls after the pilot");
            Console.WriteLine("| condition | calls | estimate before any call | estimate after the pilot | billed | after/billed | out tok/call: pilot (±95%) | out tok/call: billed |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var line in after.Lines)
            {
                var template = line.ConditionId.Contains("-cot-", StringComparison.Ordinal) ? "cot" : "direct";
                var model = line.Model["openai/".Length..];
                var bills = rest.Where(bill => bill.Model == model && (bill.Prompt.StartsWith("Think", StringComparison.Ordinal) == (template == "cot"))).ToList();
                var billed = bills.Sum(bill => ((bill.InputTokens * Prices[model].InputPerMillion) + (bill.OutputTokens * Prices[model].OutputPerMillion)) / 1_000_000m);

                // Why a row misses: the pilot's mean output (what the estimate uses) against the rest's, as billed.
                var pilotOutput = line.Observed is { } observed ? $"{observed.MeanTokens:0} (±{observed.RelativeMargin * 100:0}%)" : "—";
                var billedOutput = bills.Average(bill => (double)bill.OutputTokens);
                var heuristic = before.Lines.Single(other => other.ConditionId == line.ConditionId).ExpectedUsd * line.Calls / (items);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model} {template} | {line.Calls} | ${heuristic:0.0000} | ${line.ExpectedUsd:0.0000} | ${billed:0.0000} | {line.ExpectedUsd / billed:0.00}× | {pilotOutput} | {billedOutput:0} |"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A direct answer is a sentence; a step-by-step one restates 2–14 steps, so its length varies by item.</summary>
    private static string Reply(string prompt)
    {
        var steps = 2 + (int)((uint)StableHash(prompt) % 13);
        return prompt.StartsWith("Think", StringComparison.Ordinal)
            ? string.Concat(Enumerable.Range(1, steps).Select(step => $"Step {step}: we take the quantities so far and combine them, which gives {step * 17} units. ")) + "The answer is 42."
            : "The answer is 42.";
    }

    private static int StableHash(string text) => text.Aggregate(17, (hash, character) => unchecked((hash * 31) + character));

    private static string Write(string directory, string baseUrl, string dataset, int items, int pilot, string devFrom)
    {
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        Directory.CreateDirectory(Path.Combine(directory, "prompts"));
        File.WriteAllLines(Path.Combine(directory, "data", "gsm8k.jsonl"), File.ReadLines(dataset).Take(items)
            .Select((line, index) => JsonSerializer.Serialize(new { id = $"g{index}", question = JsonDocument.Parse(line).RootElement.GetProperty("question").GetString() })));
        File.WriteAllText(Path.Combine(directory, "prompts", "direct.txt"), "Q: {input}\nA:");
        File.WriteAllText(Path.Combine(directory, "prompts", "cot.txt"), "Think step by step.\nQ: {input}\nA:");
        var models = string.Join('\n', Models.Split(',').Select(model => $$"""
                - id: {{model}}
                  options: {base_url: "{{baseUrl}}/v1", max_concurrency: 16}
                  lanes: [{name: t0, temperature: 0.0, max_tokens: 512}]
            """));
        var study = Path.Combine(directory, "study.yaml");
        File.WriteAllText(study, $$"""
            name: accuracy
            datasets:
              - name: gsm8k
                path: data/gsm8k.jsonl
                mapping: {id: id, input: question}
            design:
              models:
            {{models}}
              templates:
                - {name: direct, path: prompts/direct.txt}
                - {name: cot, path: prompts/cot.txt}
            budget:
              max_usd: 5
              dev_items: {{pilot}}
              dev_items_from: {{devFrom}}
              prices:
                openai/gpt-4o-mini: {input: 0.15, output: 0.6}
                openai/gpt-4.1-mini: {input: 0.4, output: 1.6}
            """);
        return study;
    }
}
