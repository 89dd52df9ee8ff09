using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using static ItemEval.Runtime.Tests.Datasets.DatasetFixtures;

namespace ItemEval.Runtime.Tests.Datasets;

public sealed class DatasetLockTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_lock_round_trips_and_is_rewritten_only_when_it_changes()
    {
        _folder.Write("d.jsonl", """{"id": "1", "input": "x"}""");
        var dataset = Dataset("d.jsonl", "jsonl", ItemMapping.Default);
        var study = Study(_folder.Path, dataset);
        var path = Path.Combine(_folder.Path, "datasets.lock.json");
        var items = DatasetReader.Read(study, dataset);

        var first = DatasetLock.Create(study, DatasetHasher.HashFiles(study), items, null, update: false);

        Assert.True(first.Write(path));
        Assert.False(DatasetLock.Create(study, DatasetHasher.HashFiles(study), items, DatasetLock.Read(path), update: false).Write(path));
        Assert.Equal(1, DatasetLock.Read(path)!.Datasets["d"].Items);
    }

    [Fact]
    public void A_changed_file_is_an_error_naming_update_locks_until_it_is_re_pinned()
    {
        _folder.Write("d.jsonl", """{"id": "1", "input": "x"}""");
        var dataset = Dataset("d.jsonl", "jsonl", ItemMapping.Default);
        var study = Study(_folder.Path, dataset);
        var pinned = DatasetLock.Create(study, DatasetHasher.HashFiles(study), [], null, update: false);

        _folder.Write("d.jsonl", """{"id": "1", "input": "changed"}""");
        var diagnostic = Assert.Single(DatasetLockCheck.Verify(study, pinned, DatasetHasher.HashFiles(study)));
        var repinned = DatasetLock.Create(study, DatasetHasher.HashFiles(study), [], pinned, update: true);

        Assert.Equal(DiagnosticCodes.DatasetChanged, diagnostic.Code);
        Assert.Contains("--update-locks", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(DatasetLockCheck.Verify(study, repinned, DatasetHasher.HashFiles(study)));
    }

    public void Dispose() => _folder.Dispose();
}
