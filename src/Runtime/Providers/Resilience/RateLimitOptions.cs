using System.Globalization;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// A model's limits from its study.yaml options (<c>max_concurrency</c>, <c>rpm</c>, <c>tpm</c>); what is not set
/// keeps the provider default (<see cref="RateLimitSettings.DefaultFor"/>).
/// </summary>
public static class RateLimitOptions
{
    public static RateLimitSettings For(ModelConfig model)
    {
        var defaults = RateLimitSettings.DefaultFor(model.Id);
        return new RateLimitSettings(
            Read(model, "max_concurrency") ?? defaults.MaxConcurrency,
            Read(model, "rpm") ?? defaults.RequestsPerMinute,
            Read(model, "tpm") ?? defaults.TokensPerMinute);
    }

    private static int? Read(ModelConfig model, string name) =>
        model.Options.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
