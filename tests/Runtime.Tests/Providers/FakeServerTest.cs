using ItemEval.FakeProviders;

namespace ItemEval.Runtime.Tests.Providers;

/// <summary>Base for tests that talk to a fresh fake provider server (one per test, so behaviours never leak).</summary>
public abstract class FakeServerTest : IAsyncLifetime
{
    protected FakeProviderServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
