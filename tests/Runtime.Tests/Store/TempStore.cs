using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

/// <summary>A real DuckDB store in a temp folder, deleted afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "itemeval-store-" + Guid.NewGuid().ToString("N")[..8]);
        Store = StudyStore.Open(Directory);
    }

    public string Directory { get; }

    public StudyStore Store { get; private set; }

    public void Reopen()
    {
        Store.Dispose();
        Store = StudyStore.Open(Directory);
    }

    public void Dispose()
    {
        Store.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
