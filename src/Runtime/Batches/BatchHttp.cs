using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ItemEval.Runtime.Batches;

/// <summary>The HTTP both batch APIs speak: a JSON answer, or a result stream, and a refusal as <see cref="BatchApiException"/>.</summary>
internal static class BatchHttp
{
    public static async Task<JsonObject> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)) ?? [];
        }
    }

    /// <summary>A result file's content as a stream (never read whole into memory).</summary>
    public static async Task<Stream> OpenStreamAsync(HttpClient http, string relativeOrAbsoluteUrl, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, relativeOrAbsoluteUrl), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var message = Providers.ProviderError.InBody(body)?.Message ?? body;
            throw new BatchApiException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: HTTP {(int)response.StatusCode} {message}");
        }
    }
}
