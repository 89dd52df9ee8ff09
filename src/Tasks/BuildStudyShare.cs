using ItemEval.Runtime.Stages;
using Microsoft.Build.Framework;

namespace ItemEval.Tasks;

/// <summary>
/// Keeps the loaded study in the build engine's registered task objects for the length of one build, the
/// platform's way for tasks to share state: the first task of a build parses study.yaml, the others reuse it, and
/// the next build (or an edited file, which changes the key) starts afresh.
/// </summary>
internal sealed class BuildStudyShare : IStudyShare
{
    private readonly IBuildEngine4 _engine;

    public BuildStudyShare(IBuildEngine4 engine) => _engine = engine;

    public LoadedStudy GetOrLoad(string key, Func<LoadedStudy> load)
    {
        if (_engine.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is LoadedStudy shared)
        {
            return shared;
        }

        var study = load();
        _engine.RegisterTaskObject(key, study, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        return study;
    }
}
