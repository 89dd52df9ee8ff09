using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>A model client whose behaviour per call the test decides; counts every call it receives.</summary>
internal sealed class ScriptedClient : IModelClient
{
    private readonly Func<int, ModelRequest, CancellationToken, Task<ModelResponse>> _behaviour;
    private int _calls;

    public ScriptedClient(Func<int, ModelRequest, CancellationToken, Task<ModelResponse>> behaviour) => _behaviour = behaviour;

    public int Calls => _calls;

    public static ModelResponse Answer(string text) => new(text, "stop", new TokenUsage(10, 5), TimeSpan.FromMilliseconds(1));

    public Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken) =>
        _behaviour(Interlocked.Increment(ref _calls), request, cancellationToken);
}
