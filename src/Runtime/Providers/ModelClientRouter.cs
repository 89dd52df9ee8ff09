using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Mock;

namespace ItemEval.Runtime.Providers;

/// <summary>Hands out one client per model id, building each the first time it is asked for.</summary>
public sealed class ModelClientRouter
{
    private readonly Dictionary<string, IModelClient> _clients = new(StringComparer.Ordinal);
    private readonly Func<ModelConfig, IModelClient> _create;

    public ModelClientRouter(Func<ModelConfig, IModelClient>? create = null) => _create = create ?? CreateDefault;

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

    private static IModelClient CreateDefault(ModelConfig model) =>
        model.Provider switch
        {
            "mock" => new MockModelClient(),
            _ => throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.UnknownProvider,
                $"provider '{model.Provider}' has no client in this build; use a mock/… model",
                model.Location)),
        };
}
