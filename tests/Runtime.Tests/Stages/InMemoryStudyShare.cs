using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Tests.Stages;

/// <summary>What the build engine's registered task objects do for the tasks of one build, in a dictionary.</summary>
internal sealed class InMemoryStudyShare : IStudyShare
{
    private readonly Dictionary<string, LoadedStudy> _studies = new(StringComparer.Ordinal);

    /// <summary>How many times a study was really loaded (parsed) rather than shared.</summary>
    public int Loads { get; private set; }

    public LoadedStudy GetOrLoad(string key, Func<LoadedStudy> load)
    {
        if (!_studies.TryGetValue(key, out var study))
        {
            study = load();
            Loads++;
            _studies[key] = study;
        }

        return study;
    }
}
