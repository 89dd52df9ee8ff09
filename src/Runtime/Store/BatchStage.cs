namespace ItemEval.Runtime.Store;

/// <summary>
/// Which stage a provider batch belongs to (<c>batches.stage</c>): Generate submits and collects its cells' batches,
/// Grade its judge calls' — so neither ever collects the other's, whose results become rows of another table.
/// </summary>
public static class BatchStage
{
    public const string Generate = "generate";

    public const string Grade = "grade";
}
