using ItemEval.Runtime.Config;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Datasets;

/// <summary>Compares each dataset file with its pin: a changed file is an error until the lock is updated.</summary>
public static class DatasetLockCheck
{
    public static IReadOnlyList<Diagnostic> Verify(StudyConfig study, DatasetLock? existing, IReadOnlyDictionary<string, string> currentHashes)
    {
        if (existing is null)
        {
            return [];
        }

        var diagnostics = new List<Diagnostic>();
        foreach (var dataset in study.Datasets)
        {
            if (existing.Datasets.TryGetValue(dataset.Name, out var pinned) && pinned.Sha256 != currentHashes[dataset.Name])
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.DatasetChanged,
                    $"dataset '{dataset.Name}': {dataset.Path} changed since it was locked (sha256 {ContentHash.Short(pinned.Sha256, 12)}… → {ContentHash.Short(currentHashes[dataset.Name], 12)}…); if the change is intended, re-run with --update-locks, which re-pins it and re-runs its cells",
                    dataset.Location));
            }
        }

        return diagnostics;
    }
}
