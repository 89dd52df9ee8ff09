namespace ItemEval.Runtime.Reporting;

/// <summary>One exported table: its files and its row count (recorded in the manifest).</summary>
public sealed record ExportedTable(string Name, long Rows, IReadOnlyList<string> Files);
