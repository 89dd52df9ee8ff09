namespace ItemEval.Runtime.Config;

/// <summary>
/// Upper bounds on what a study may ask for. Each is far above any real study and far below what exhausts memory or
/// a budget by accident (<c>epochs: 1000000000</c> once ran silently, growing by 25 MB/s). docs/study-yaml.md lists them.
/// </summary>
public static class StudyLimits
{
    public const int Epochs = 1_000;
    public const int Models = 100;
    public const int LanesPerModel = 100;
    public const int Templates = 100;

    /// <summary>Models × lanes × templates.</summary>
    public const int Conditions = 10_000;

    /// <summary>Items of one dataset, and of the whole study.</summary>
    public const int Items = 1_000_000;

    /// <summary>Conditions × items × epochs: every cell is a row in memory and, for a real model, a paid call.</summary>
    public const int Cells = 2_000_000;

    public const int MaxTokens = 1_000_000;
    public const int MaxConcurrency = 1_000;
    public const int RequestsPerMinute = 1_000_000;
    public const int TokensPerMinute = 1_000_000_000;
    public const int TimeoutSeconds = 3_600;
    public const int MockLatencyMs = 600_000;

    /// <summary>The bounds only the items can tell: checked once the datasets are read, before a cell exists.</summary>
    public static IEnumerable<Diagnostic> CheckGrid(StudyConfig study, int items)
    {
        if (items > Items)
        {
            yield return Diagnostic.Error(DiagnosticCodes.TooLarge, $"the datasets hold {items} items; at most {Items} are allowed (add limit: to a dataset, or split the study)", study.Datasets.Count > 0 ? study.Datasets[0].Location : null);
        }

        var conditions = (long)study.Design.Models.Sum(model => model.Lanes.Count) * study.Design.Templates.Count;
        var cells = conditions * items * study.Design.Epochs;
        if (cells > Cells)
        {
            yield return Diagnostic.Error(DiagnosticCodes.TooLarge, $"the grid has {cells} cells ({conditions} conditions × {items} items × {study.Design.Epochs} epochs); at most {Cells} are allowed (fewer epochs, a dataset limit:, or split the study)", study.Design.Location);
        }
    }
}
