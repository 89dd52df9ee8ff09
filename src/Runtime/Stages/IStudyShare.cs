namespace ItemEval.Runtime.Stages;

/// <summary>
/// Where the tasks of one build keep the study they loaded, so study.yaml is parsed, its templates read and its
/// conditions expanded once per build instead of once per task. The MSBuild tasks back it with the build engine's
/// registered task objects (build lifetime); without one, every stage loads the study itself.
/// </summary>
public interface IStudyShare
{
    /// <param name="key">Names the study file, its content and the data roots, so an edit between builds is seen.</param>
    LoadedStudy GetOrLoad(string key, Func<LoadedStudy> load);
}
