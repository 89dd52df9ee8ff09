namespace ItemEval.Runtime.Design;

/// <summary>The expanded design: every condition and every cell (condition × item × epoch).</summary>
public sealed record DesignGrid(IReadOnlyList<Condition> Conditions, IReadOnlyList<Cell> Cells);
