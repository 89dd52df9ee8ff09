using System.Text.Json;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Budget.Pricing;

/// <summary>
/// Fetches OpenRouter's public model list (<c>GET {OPENROUTER_BASE_URL}/models</c>; the default base is
/// https://openrouter.ai/api/v1, and the list needs no key) and keeps it in the user's <see cref="PricingCache"/>.
/// </summary>
public static class OpenRouterRefresh
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <exception cref="StudyException">IEV0113 when the catalog cannot be fetched or read; the message says what to do.</exception>
    public static PriceCatalog Fetch(IEnvironment environment, PricingCache cache, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var info = ProviderCatalog.For("openrouter");
        var url = (environment.Get(info.BaseUrlVariable) ?? info.DefaultBaseUrl).TrimEnd('/') + "/models";
        try
        {
            using var client = new HttpClient { Timeout = Timeout };
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
            response.EnsureSuccessStatusCode();
            using var body = response.Content.ReadAsStream(cancellationToken);
            using var document = JsonDocument.Parse(body);
            var catalog = OpenRouterCatalog.Parse(document.RootElement, now);
            if (catalog.Models.Count == 0)
            {
                throw new JsonException("no model with a price in the response");
            }

            cache.Write(document.RootElement, now);
            return catalog;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException)
        {
            throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.PricingUnavailable,
                $"could not refresh prices from {url}: {error.Message}; check the network (or {info.BaseUrlVariable}), or run without --refresh-pricing to use the cached or packaged table"));
        }
    }
}
