using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Mock;

namespace ItemEval.Runtime.Providers;

/// <summary>
/// Hands out one client per model id, built the first time it is asked for: the provider's client wrapped in the
/// layers every call goes through (response cache outermost, so a hit never waits for a rate limit).
/// </summary>
public sealed class ModelClientRouter
{
    private readonly Dictionary<string, IModelClient> _clients = new(StringComparer.Ordinal);
    private readonly Func<ModelConfig, IModelClient> _create;

    /// <param name="create">Builds the whole stack for a model; tests pass a scripted client here.</param>
    public ModelClientRouter(Func<ModelConfig, IModelClient> create) => _create = create;

    public static ModelClientRouter Default(ResponseCache cache, bool readCache) =>
        new(model => new CachingModelClient(CreateProviderClient(model), cache, readCache));

    public IModelClient For(ModelConfig model)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(model.Id, out var client))
            {
                client = _create(model);
                _clients[model.Id] = client;
            }

            return client;
        }
    }

    private static IModelClient CreateProviderClient(ModelConfig model) =>
        model.Provider switch
        {
            "mock" => new MockModelClient(),
            _ => throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.UnknownProvider,
                $"provider '{model.Provider}' has no client in this build; use a mock/… model",
                model.Location)),
        };
}
