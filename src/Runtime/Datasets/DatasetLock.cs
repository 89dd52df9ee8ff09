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

    /// <param name="blame">Where in study.yaml to point when the lock cannot be read (the lock itself may be no file at all).</param>
    public static DatasetLock? Read(string path, SourceLocation? blame = null)
    {
        if (Directory.Exists(path))
        {
            throw Unusable(path, "is a folder, not a lock file; remove it (the next run re-pins every dataset)", blame);
        }

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
            throw Unusable(path, $"is not a valid lock file ({error.Message}); delete it to re-pin every dataset", blame);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, $"cannot be read ({error.Message}); fix its permissions, or delete it to re-pin every dataset", blame);
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
    public bool Write(string path, SourceLocation? blame = null)
    {
        if (Directory.Exists(path))
        {
            throw Unusable(path, "is a folder, not a lock file; remove it (the next run re-pins every dataset)", blame);
        }

        var text = JsonSerializer.Serialize(this, Json) + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return false;
        }

        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Unusable(path, $"cannot be written ({error.Message}); the study folder must be writable for the first run and for --update-locks", blame);
        }

        return true;
    }

    private static StudyException Unusable(string path, string problem, SourceLocation? blame) =>
        new(Diagnostic.Error(DiagnosticCodes.LockUnreadable, $"{path} {problem}", blame ?? SourceLocation.Start(path)));
}
