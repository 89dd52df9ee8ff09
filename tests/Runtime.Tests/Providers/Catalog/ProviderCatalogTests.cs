using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Tests.Providers.Catalog;

public sealed class ProviderCatalogTests
{
    private sealed class FakeEnvironment(Dictionary<string, string> values) : IEnvironment
    {
        public string? Get(string name) => values.GetValueOrDefault(name);
    }

    [Fact]
    public void A_missing_key_names_the_variable_at_the_models_line()
    {
        var model = Model("openai/gpt-4o", line: 12);

        var diagnostic = Assert.Single(ProviderCatalog.CheckKeys([model, Model("mock/a"), Model("ollama/llama3")], new FakeEnvironment([])));

        Assert.Equal(DiagnosticCodes.MissingApiKey, diagnostic.Code);
        Assert.Contains("OPENAI_API_KEY", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(12, diagnostic.Location!.Line);
        Assert.Empty(ProviderCatalog.CheckKeys([model], new FakeEnvironment(new() { ["OPENAI_API_KEY"] = "test-key" })));
    }

    [Fact]
    public void Google_accepts_either_key_variable()
    {
        Assert.Empty(ProviderCatalog.CheckKeys([Model("google/gemini-2.5-pro")], new FakeEnvironment(new() { ["GOOGLE_API_KEY"] = "k" })));
    }

    [Fact]
    public void The_study_option_beats_the_environment_which_beats_the_default()
    {
        var environment = new FakeEnvironment(new() { ["TOGETHER_BASE_URL"] = "http://127.0.0.1:1/v1" });

        Assert.Equal("https://api.together.xyz/v1", ProviderCatalog.BaseUrl(Model("together/llama"), new FakeEnvironment([])));
        Assert.Equal("http://127.0.0.1:1/v1", ProviderCatalog.BaseUrl(Model("together/llama"), environment));
        Assert.Equal("http://127.0.0.1:2/v1", ProviderCatalog.BaseUrl(Model("together/llama", options: new() { ["base_url"] = "http://127.0.0.1:2/v1" }), environment));
    }

    [Theory]
    [InlineData("openai", "gpt-4o", 0.7, null)]
    [InlineData("openai", "o3-mini", null, "high")]
    [InlineData("openai", "gpt-5", null, "high")]
    [InlineData("together", "llama-3", 0.7, "high")]
    public void The_parameter_policy_omits_what_a_model_rejects(string provider, string model, double? temperature, string? effort)
    {
        var effective = ParameterPolicy.Effective(provider, model, new LaneParameters(Temperature: 0.7, ReasoningEffort: "high"));

        Assert.Equal(temperature, effective.Temperature);
        Assert.Equal(effort, effective.ReasoningEffort);
    }

    private static ModelConfig Model(string id, int line = 1, Dictionary<string, string>? options = null) =>
        new(id, [], options ?? [], new SourceLocation("study.yaml", line, 7));
}
