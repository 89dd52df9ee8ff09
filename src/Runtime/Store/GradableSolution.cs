namespace ItemEval.Runtime.Store;

/// <summary>A finished solution the grading stage reads.</summary>
public sealed record GradableSolution(string CellKey, string ItemUid, string Status, string Output);
