using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Tests.Datasets;

public sealed class DatasetLockFileTests : IDisposable
{
    private static readonly SourceLocation Datasets = new("study.yaml", 7, 5);
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_lock_that_is_a_folder_is_a_study_error_at_the_datasets_not_an_internal_one()
    {
        var path = Directory.CreateDirectory(Path.Combine(_folder.Path, "datasets.lock.json")).FullName;

        var reading = Assert.Throws<StudyException>(() => DatasetLock.Read(path, Datasets));
        var writing = Assert.Throws<StudyException>(() => new DatasetLock(1, new SortedDictionary<string, LockedDataset>()).Write(path, Datasets));

        foreach (var diagnostic in reading.Diagnostics.Concat(writing.Diagnostics))
        {
            Assert.Equal((DiagnosticCodes.LockUnreadable, Datasets), (diagnostic.Code, diagnostic.Location));
            Assert.Contains("is a folder", diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lock_that_is_not_json_says_how_to_recover()
    {
        var path = _folder.Write("datasets.lock.json", "{ not json");

        var diagnostic = Assert.Single(Assert.Throws<StudyException>(() => DatasetLock.Read(path, Datasets)).Diagnostics);

        Assert.Equal(DiagnosticCodes.LockUnreadable, diagnostic.Code);
        Assert.Contains("delete it to re-pin", diagnostic.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
