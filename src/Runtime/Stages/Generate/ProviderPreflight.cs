using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers.Catalog;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>Checks, before any call, that every provider about to be called has its key (naming the variable).</summary>
internal static class ProviderPreflight
{
    public static void Check(IEnumerable<ModelConfig> models, IEnvironment environment)
    {
        var diagnostics = ProviderCatalog.CheckKeys(models, environment);
        if (diagnostics.Count > 0)
        {
            throw new StudyException(diagnostics);
        }
    }
}
