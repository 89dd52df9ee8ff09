using System.Text.Json;
using ItemEval.FakeProviders;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Budget.Pricing;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Tests.Stages;

namespace ItemEval.Runtime.Tests.Budget.Pricing;

/// <summary><c>--refresh-pricing</c> and <c>pricing_max_age_days</c> against a fake OpenRouter catalog on 127.0.0.1.</summary>
public sealed class PriceRefreshTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private FakeOpenRouterCatalog _catalog = null!;

    public async Task InitializeAsync()
    {
        _catalog = await FakeOpenRouterCatalog.StartAsync();
        _catalog.Models["openai/gpt-4o-mini"] = ("0.000001", "0.000002", "0.0000005");
        _catalog.Models["anthropic/claude-haiku-4.5"] = ("0.000003", "0.000004", null);
        _catalog.Models["x-ai/grok-4"] = ("0.000005", "0.000006", null);
        _catalog.Models["openrouter/auto"] = ("-1", "-1", null);
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_refresh_caches_the_catalog_per_user_and_its_prices_win_over_the_packaged_table_offline_too()
    {
        var refreshed = Load(BudgetConfig.Unlimited, refresh: true);
        var later = Load(BudgetConfig.Unlimited, refresh: false);

        Assert.Equal(1, _catalog.RequestCount);
        Assert.True(File.Exists(new PricingCache(Path.Combine(_folder.Path, "cache")).File));
        foreach (var table in new[] { refreshed, later })
        {
            Assert.Equal(new ModelPrice(1.000000m, 2.000000m, 0.5000000m), Price(table, "openai/gpt-4o-mini") with { CacheCounting = default });
            Assert.Equal(3m, Price(table, "anthropic/claude-haiku-4-5").InputPerMillion);
            Assert.Equal(5m, Price(table, "xai/grok-4").InputPerMillion);
            Assert.Equal(1m, Price(table, "openrouter/openai/gpt-4o-mini").InputPerMillion);
            Assert.False(table.TryGet("openrouter/openrouter/auto", out _));
            // Not in the catalog: the packaged table still prices it, and batch discounts come from there.
            Assert.Equal(PackagedPrices.Catalog.Models["openai/gpt-4o"].InputPerMillion, Price(table, "openai/gpt-4o").InputPerMillion);
            Assert.Equal(0.5m, table.BatchDiscount("openai/gpt-4o-mini"));
        }

        Assert.StartsWith("prices: OpenRouter catalog of 2026-12-02 (0 days old, ", later.Describe(Now), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 7, 1)]
    [InlineData(3, 7, 0)]
    [InlineData(10, null, 0)]
    public void A_cached_catalog_older_than_pricing_max_age_days_is_refreshed_before_it_is_used(int ageDays, int? maxAge, int fetches)
    {
        WriteCache(Now.AddDays(-ageDays), inputPerToken: "0.000009");

        var table = Load(BudgetConfig.Unlimited with { PricingMaxAgeDays = maxAge }, refresh: false);

        Assert.Equal(fetches, _catalog.RequestCount);
        Assert.Equal(fetches == 1 ? 1m : 9m, Price(table, "openai/gpt-4o-mini").InputPerMillion);
    }

    [Fact]
    public void With_no_cache_the_packaged_tables_compile_date_is_what_ages()
    {
        var old = PackagedPrices.Catalog.AsOf!.Value.AddDays(30);

        PriceSources.Load(BudgetConfig.Unlimited with { PricingMaxAgeDays = 7 }, _folder.Path, Environment(), old, mayRefresh: true, refreshRequested: false, _ => { });

        Assert.Equal(1, _catalog.RequestCount);
    }

    [Fact]
    public void A_failed_automatic_refresh_warns_and_prices_with_what_is_here_but_an_asked_for_refresh_fails()
    {
        _catalog.FailWith = 503;
        WriteCache(Now.AddDays(-30), inputPerToken: "0.000009");
        var warnings = new List<Diagnostic>();

        var table = PriceSources.Load(BudgetConfig.Unlimited with { PricingMaxAgeDays = 7 }, _folder.Path, Environment(), Now, mayRefresh: true, refreshRequested: false, warnings.Add);
        var asked = Assert.Throws<StudyException>(() => Load(BudgetConfig.Unlimited, refresh: true));

        Assert.Equal(9m, Price(table, "openai/gpt-4o-mini").InputPerMillion);
        Assert.Equal((DiagnosticSeverity.Warning, DiagnosticCodes.PricingUnavailable), (Assert.Single(warnings).Severity, warnings[0].Code));
        Assert.Equal(DiagnosticCodes.PricingUnavailable, Assert.Single(asked.Diagnostics).Code);
        Assert.Contains("503", asked.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_studys_prices_win_over_its_own_table_which_wins_over_the_catalog()
    {
        _folder.Write("prices.yaml", """
            compiled: 2026-11-30
            models:
              openai/gpt-4o-mini: {input: 7, output: 8}
              xai/grok-4: {input: 11, output: 12}
            batch_discount: {xai: 0.25}
            """);
        var budget = BudgetConfig.Unlimited with
        {
            PricingPath = "prices.yaml",
            Prices = new Dictionary<string, ModelPrice> { ["openai/gpt-4o-mini"] = new(0.1m, 0.2m) },
        };

        var table = Load(budget, refresh: true);

        Assert.Equal(0.1m, Price(table, "openai/gpt-4o-mini").InputPerMillion);
        Assert.Equal(11m, Price(table, "xai/grok-4").InputPerMillion);
        Assert.Equal(3m, Price(table, "anthropic/claude-haiku-4-5").InputPerMillion);
        Assert.Equal(0.25m, table.BatchDiscount("xai/grok-4"));
        Assert.Contains("price table prices.yaml of 2026-11-30 (2 days old, 2 models); then OpenRouter catalog", table.Describe(Now), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistake_in_the_users_table_points_at_its_line()
    {
        var path = _folder.Write("prices.yaml", "models:\n  openai/gpt-4o-mini: {input: cheap, output: 1}\n");

        var error = Assert.Throws<StudyException>(() => UserPriceTable.Load(path, null));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal((path, 2), (diagnostic.Location!.File, diagnostic.Location.Line));
        Assert.Contains("models.openai/gpt-4o-mini.input", diagnostic.Message, StringComparison.Ordinal);
    }

    private PriceTable Load(BudgetConfig budget, bool refresh) =>
        PriceSources.Load(budget, _folder.Path, Environment(), Now, mayRefresh: true, refreshRequested: refresh, warning => throw new InvalidOperationException(warning.Message));

    private DictionaryEnvironment Environment() => new(new()
    {
        ["ITEMEVAL_CACHE_HOME"] = Path.Combine(_folder.Path, "cache"),
        ["OPENROUTER_BASE_URL"] = _catalog.BaseUrl,
    });

    private void WriteCache(DateTimeOffset fetchedAt, string inputPerToken)
    {
        var response = JsonSerializer.SerializeToElement(new { data = new[] { new { id = "openai/gpt-4o-mini", pricing = new { prompt = inputPerToken, completion = "0.000002" } } } });
        new PricingCache(Path.Combine(_folder.Path, "cache")).Write(response, fetchedAt);
    }

    private static ModelPrice Price(PriceTable table, string model)
    {
        Assert.True(table.TryGet(model, out var price), model);
        return price;
    }
}
