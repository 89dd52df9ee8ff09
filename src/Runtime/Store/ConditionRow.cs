namespace ItemEval.Runtime.Store;

/// <summary>A condition as stored: enough to label results and rebuild a request.</summary>
public sealed record ConditionRow(
    string ConditionId,
    string Model,
    string Lane,
    string Template,
    string TemplateHash,
    string ParametersJson);
