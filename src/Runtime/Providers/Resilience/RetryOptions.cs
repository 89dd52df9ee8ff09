using System.Globalization;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers.Resilience;

/// <summary>
/// A model's retry settings from its study.yaml options: <c>timeout_seconds</c> bounds each attempt (a slow model can
/// be given longer, a fast one less); what is not set keeps <paramref name="baseline"/>.
/// </summary>
public static class RetryOptions
{
    public static RetrySettings For(ModelConfig model, RetrySettings? baseline = null)
    {
        baseline ??= RetrySettings.Default;
        return model.Options.TryGetValue("timeout_seconds", out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0
            ? baseline with { AttemptTimeout = TimeSpan.FromSeconds(seconds) }
            : baseline;
    }
}
