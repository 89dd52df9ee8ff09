namespace ItemEval.Runtime.Providers;

/// <summary>
/// Sends one request to one provider. Decorators (rate limiting, retries, caching, transcripts) wrap it,
/// the way Microsoft.Extensions.AI layers a chat client.
/// </summary>
public interface IModelClient
{
    Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken);
}
