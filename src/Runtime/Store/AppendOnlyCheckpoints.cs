namespace ItemEval.Runtime.Store;

/// <summary>
/// Checkpoints that write what a stage appended without compacting the row groups already on disk: for Generate, whose
/// tables (<c>solutions</c>, <c>ledger</c>) only grow — it deletes nothing, and a retried cell's row is updated in place.
/// </summary>
/// <remarks>
/// A DuckDB table without an index (<see cref="UnkeyedTables"/>) is "vacuumed" at each checkpoint that touches it: row
/// groups that would fit in fewer are merged, i.e. read, decompressed and written again. After an edit's 20,000 new
/// solutions (a row group of their own) beside the 100,000 of the run from clean (three partial row groups), the close's
/// checkpoint merged all four into one — rewriting every solution and taking 1.2–1.9 s of CPU on one thread, against
/// 0.3 s for the same checkpoint without the merge (docs/BENCHMARKS.md). The rows gain nothing from being merged:
/// nothing was deleted to reclaim, and the later stages read a handful of row groups as fast as one. Stages that delete
/// and insert (Grade's gradings, ExpandGrid's cells) keep DuckDB's default. The setting lives and dies with the open store.
/// </remarks>
public static class AppendOnlyCheckpoints
{
    public static void Use(StudyStore store) => store.Connection.Execute("SET max_vacuum_tasks = 0");
}
