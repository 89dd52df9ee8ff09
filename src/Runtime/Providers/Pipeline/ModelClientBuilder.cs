namespace ItemEval.Runtime.Providers.Pipeline;

/// <summary>
/// Assembles a model-call stack the way Microsoft.Extensions.AI's <c>ChatClientBuilder</c> does: <c>Use…</c> calls
/// name the layers from the outermost (the caller's side) to the innermost (the provider's side), and
/// <see cref="Build"/> wraps the provider client in them. The order is stated once, where it is read.
/// </summary>
public sealed class ModelClientBuilder(IModelClient provider)
{
    private readonly List<Func<IModelClient, IModelClient>> _layers = [];

    /// <summary>Adds a layer inside the ones added before it.</summary>
    public ModelClientBuilder Use(Func<IModelClient, IModelClient> layer)
    {
        _layers.Add(layer);
        return this;
    }

    public IModelClient Build()
    {
        var client = provider;
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            client = _layers[i](client);
        }

        return client;
    }
}
