using System.Globalization;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// How often a batch's status is read: from <see cref="First"/>, growing by <see cref="Factor"/> up to <see cref="Max"/>
/// (batches take minutes to hours; reading every second would only spend the provider's request quota).
/// </summary>
public sealed record BatchPolling(TimeSpan First, TimeSpan Max, double Factor)
{
    /// <summary>The variable that sets the first interval in seconds (CI jobs, and tests against a fast fake provider).</summary>
    public const string FirstSecondsVariable = "ITEMEVAL_BATCH_POLL_SECONDS";

    public static BatchPolling Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(3), 1.5);

    public static BatchPolling From(IEnvironment environment) =>
        double.TryParse(environment.Get(FirstSecondsVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? Default with { First = TimeSpan.FromSeconds(seconds) }
            : Default;

    public TimeSpan Next(TimeSpan current) => TimeSpan.FromTicks(Math.Min(Max.Ticks, (long)(current.Ticks * Factor)));
}
