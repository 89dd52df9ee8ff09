using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers;

/// <summary>Hands out one client per model id, built the first time it is asked for.</summary>
public sealed class ModelClientRouter
{
    private readonly Dictionary<string, IModelClient> _clients = new(StringComparer.Ordinal);
    private readonly Func<ModelConfig, IModelClient> _create;

    /// <param name="create">Builds the whole stack for a model (see Pipeline/ClientPipeline); tests pass a scripted client.</param>
    public ModelClientRouter(Func<ModelConfig, IModelClient> create) => _create = create;

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
}
