using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Anthropic;
using ItemEval.Runtime.Providers.Google;
using ItemEval.Runtime.Providers.OpenAI;
using ItemEval.Runtime.Tests.Providers;

namespace ItemEval.Runtime.Tests.Budget;

/// <summary>
/// Defect 8: cache-read and cache-write tokens are priced at their own rates, reading each provider's usage the way
/// that provider counts it. Each case sends a real SDK client to the fake server, whose usage carries cache counts,
/// and compares the price with the provider's bill worked out by hand from the wire numbers.
/// </summary>
public sealed class CachedTokenPricingTests : FakeServerTest
{
    private static readonly PriceTable Prices = PriceTable.For(BudgetConfig.Unlimited);

    [Fact]
    public async Task OpenAI_prompt_tokens_include_the_cached_ones_which_bill_at_the_cached_rate()
    {
        var client = new OpenAIModelClient("openai", "gpt-4.1-mini", Server.BaseUrl + "/v1", "test-key");

        var response = await client.CompleteAsync(Requests.Ask("openai/gpt-4.1-mini", LaneParameters.None), CancellationToken.None);

        // Wire: prompt_tokens 12 of which cached_tokens 4; completion_tokens 10 of which reasoning 3.
        // Bill: 8 × $0.40 + 4 × $0.10 + 10 × $1.60 per million.
        Assert.Equal(((8 * 0.40m) + (4 * 0.10m) + (10 * 1.60m)) / 1_000_000m, Cost("openai/gpt-4.1-mini", response.Usage));
    }

    [Fact]
    public async Task Anthropic_input_tokens_exclude_cache_reads_and_writes_which_bill_at_their_own_rates()
    {
        using var client = new AnthropicModelClient("claude-haiku-4-5", Server.BaseUrl, "test-key");

        var response = await client.CompleteAsync(Requests.Ask("anthropic/claude-haiku-4-5", new LaneParameters(MaxTokens: 500)), CancellationToken.None);

        // Wire: input_tokens 11, cache_read_input_tokens 5, cache_creation_input_tokens 2, output_tokens 9.
        // Bill: 11 × $1 + 5 × $0.10 + 2 × $1.25 + 9 × $5 per million.
        Assert.Equal(((11 * 1m) + (5 * 0.10m) + (2 * 1.25m) + (9 * 5m)) / 1_000_000m, Cost("anthropic/claude-haiku-4-5", response.Usage));
    }

    [Fact]
    public async Task Gemini_prompt_tokens_include_cached_content_and_thoughts_bill_as_output()
    {
        using var client = new GeminiModelClient("gemini-2.5-flash", Server.BaseUrl, "test-key");

        var response = await client.CompleteAsync(Requests.Ask("google/gemini-2.5-flash", LaneParameters.None), CancellationToken.None);

        // Wire: promptTokenCount 10 of which cachedContentTokenCount 3; candidatesTokenCount 6, thoughtsTokenCount 4.
        // Bill: 7 × $0.30 + 3 × $0.075 + 10 × $2.50 per million.
        Assert.Equal(((7 * 0.30m) + (3 * 0.075m) + (10 * 2.50m)) / 1_000_000m, Cost("google/gemini-2.5-flash", response.Usage));
    }

    [Fact]
    public void The_issue_run_with_a_long_shared_prefix_costs_what_the_provider_billed()
    {
        // Issue 8: the tool said $0.003714 where OpenAI billed $0.002160 — 6,125 prompt tokens, 5,180 of them cached,
        // 790 completion tokens on gpt-4.1-mini (cached input 75% off).
        var usage = new TokenUsage(InputTokens: 6_125, OutputTokens: 790, CacheReadTokens: 5_180);

        Assert.Equal(0.002160m, Cost("openai/gpt-4.1-mini", usage));
    }

    [Fact]
    public void Study_prices_take_cache_rates_and_default_them_to_the_input_rate()
    {
        using var folder = new TempFolder();
        folder.Write("data/items.jsonl", "{}\n");
        folder.Write("prompts/direct.txt", "{input}");
        var study = StudyLoader.Parse(
            """
            name: priced
            datasets:
              - {name: quiz, path: data/items.jsonl}
            design:
              models:
                - id: anthropic/claude-custom
                - id: openai/gpt-custom
              templates:
                - {name: direct, path: prompts/direct.txt}
            budget:
              prices:
                anthropic/claude-custom: {input: 2, output: 10, cache_read: 0.2, cache_write: 2.5}
                openai/gpt-custom: {input: 1, output: 4}
            """,
            Path.Combine(folder.Path, "study.yaml"),
            folder.Path);
        var prices = PriceTable.For(study.Budget);

        Assert.True(prices.TryGet("anthropic/claude-custom", out var claude));
        Assert.Equal(new ModelPrice(2m, 10m, 0.2m, 2.5m) { CacheCounting = CacheCounting.BesideInput }, claude);
        Assert.True(prices.TryGet("openai/gpt-custom", out var gpt));
        Assert.Equal((1m, 1m, CacheCounting.InsideInput), (gpt.CacheReadRate, gpt.CacheWriteRate, gpt.CacheCounting));
    }

    private static decimal Cost(string model, TokenUsage usage)
    {
        Assert.True(Prices.TryGet(model, out var price));
        return PriceTable.Cost(price, usage);
    }
}
