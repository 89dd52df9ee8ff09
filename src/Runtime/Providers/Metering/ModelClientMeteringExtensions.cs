namespace ItemEval.Runtime.Providers.Metering;

/// <summary>Builder-style wrapping, like the resilience layers: see <see cref="MeteringModelClient"/>.</summary>
public static class ModelClientMeteringExtensions
{
    public static IModelClient WithMetering(this IModelClient client, SpendMeter meter) => new MeteringModelClient(client, meter);
}
