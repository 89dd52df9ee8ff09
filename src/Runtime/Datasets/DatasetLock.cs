using System.Text.Json;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Datasets;

/// <summary>
/// datasets.lock.json beside study.yaml: the content hash each dataset was pinned at on the first run. Commit it;
/// a changed file then fails the build until <c>--update-locks</c> re-pins it.
/// </summary>
public sealed record DatasetLock(int Version, SortedDictionary<string, LockedDataset> Datasets)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static DatasetLock? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DatasetLock>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw new StudyException(Diagnostic.Error(DiagnosticCodes.DatasetUnreadable, $"{path} is not a valid lock file ({error.Message}); delete it to re-pin every dataset", SourceLocation.Start(path)));
        }
    }

    /// <summary>The lock after this run: existing pins kept unless <paramref name="update"/>, new datasets pinned.</summary>
    public static DatasetLock Create(StudyConfig study, IReadOnlyDictionary<string, string> hashes, IReadOnlyList<Item> items, DatasetLock? existing, bool update)
    {
        var entries = new SortedDictionary<string, LockedDataset>(StringComparer.Ordinal);
        foreach (var dataset in study.Datasets)
        {
            if (!update && existing?.Datasets.TryGetValue(dataset.Name, out var kept) == true && kept.Sha256 == hashes[dataset.Name])
            {
                entries[dataset.Name] = kept;
                continue;
            }

            entries[dataset.Name] = new LockedDataset(
                dataset.Path.Replace('\\', '/'),
                hashes[dataset.Name],
                new FileInfo(study.Resolve(dataset.Path)).Length,
                items.Count(item => item.Dataset == dataset.Name));
        }

        return new DatasetLock(1, entries);
    }

    /// <summary>Writes the lock only when its content changed, so an unchanged lock keeps its timestamp.</summary>
    public bool Write(string path)
    {
        var text = JsonSerializer.Serialize(this, Json) + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return false;
        }

        File.WriteAllText(path, text);
        return true;
    }
}
