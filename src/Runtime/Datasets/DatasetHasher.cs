using ItemEval.Runtime.Config;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Datasets;

/// <summary>SHA-256 of each dataset's file, by dataset name.</summary>
public static class DatasetHasher
{
    public static IReadOnlyDictionary<string, string> HashFiles(StudyConfig study) =>
        study.Datasets.ToDictionary(dataset => dataset.Name, dataset => ContentHash.OfFile(study.Resolve(dataset.Path)), StringComparer.Ordinal);
}
