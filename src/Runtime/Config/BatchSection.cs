using ItemEval.Runtime.Batches;
using YamlDotNet.RepresentationModel;

namespace ItemEval.Runtime.Config;

/// <summary>Reads <c>batch</c> and <c>batch_min_cells</c> at the top level and <c>batch</c> on a model.</summary>
internal static class BatchSection
{
    public static readonly string[] Modes = ["auto", "true", "false"];

    public static BatchConfig Read(ConfigReader reader, YamlMappingNode root) =>
        new(Mode(reader, root, "the study") ?? BatchMode.False,
            reader.Int(root, "batch_min_cells", "the study", 1, StudyLimits.Cells) ?? BatchConfig.DefaultMinCells);

    public static BatchMode? Mode(ConfigReader reader, YamlMappingNode mapping, string what) =>
        reader.OneOf(mapping, "batch", what, Modes) switch
        {
            "auto" => BatchMode.Auto,
            "true" => BatchMode.True,
            "false" => BatchMode.False,
            _ => null,
        };

    /// <summary><c>true</c> (the model's or the study's) on a provider without a batch API: an error at the model's line.</summary>
    public static void Check(ConfigReader reader, BatchConfig batch, IEnumerable<ModelConfig> models)
    {
        foreach (var model in models)
        {
            if (batch.For(model) == BatchMode.True && !BatchSupport.Has(model.Provider))
            {
                var from = model.Batch is null ? "the study's batch: true" : "batch: true";
                reader.Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.InvalidValue,
                    $"model '{model.Id}' has {from}, but provider '{model.Provider}' has no batch API ItemEval can use ({string.Join(", ", BatchSupport.Providers)} do): set batch: false or auto on this model",
                    model.Location));
            }
        }
    }
}
