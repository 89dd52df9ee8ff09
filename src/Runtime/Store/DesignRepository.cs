using System.Globalization;
using DuckDB.NET.Data;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Store;

/// <summary>The current design: conditions (kept across edits) and cells (exactly the current grid).</summary>
public sealed class DesignRepository
{
    // The expanded grid is staged in bulk and compared with the stored cells set-based, so a run writes only the rows
    // that changed: a small edit to a big study costs in proportion to the edit, not to the study.
    private static readonly StagingTable Grid = new(
        "cell_grid", "condition_id VARCHAR, item_uid VARCHAR, epoch INTEGER, cell_key VARCHAR");

    private const string SameCell = "g.condition_id = c.condition_id AND g.item_uid = c.item_uid AND g.epoch = c.epoch";

    private readonly DuckDBConnection _connection;

    internal DesignRepository(DuckDBConnection connection) => _connection = connection;

    /// <summary>
    /// Makes the stored conditions include <paramref name="conditions"/> and the stored cells equal
    /// <paramref name="cells"/>, writing only the cells that are new, rekeyed or gone.
    /// </summary>
    public DesignChange Replace(IReadOnlyList<Condition> conditions, IEnumerable<Cell> cells)
    {
        using (var command = _connection.Prepare(
                   "INSERT OR REPLACE INTO conditions VALUES ($id, $model, $lane, $template, $hash, $parameters)",
                   ("id", null), ("model", null), ("lane", null), ("template", null), ("hash", null), ("parameters", null)))
        {
            foreach (var condition in conditions)
            {
                command.Parameters[0].Value = condition.Id;
                command.Parameters[1].Value = condition.Model.Id;
                command.Parameters[2].Value = condition.Lane.Name;
                command.Parameters[3].Value = condition.Template.Name;
                command.Parameters[4].Value = condition.Template.ContentHash;
                command.Parameters[5].Value = StoreJson.Write(condition.Lane.Parameters);
                command.ExecuteNonQuery();
            }
        }

        return Grid.Write(_connection, cells, Append, Apply);
    }

    private static void Append(IDuckDBAppenderRow row, Cell cell) =>
        row.AppendValue(cell.ConditionId).AppendValue(cell.ItemUid).AppendValue(cell.Epoch).AppendValue(cell.Key);

    // Vanished cells go first and new ones last (C# evaluates the arguments in the order written); a kept cell is updated
    // in place (cell_key is not in the primary key), so no key is deleted and inserted again within the transaction.
    private static DesignChange Apply(DuckDBConnection connection) => new(
        Cells: Convert.ToInt64(connection.Scalar($"SELECT count(*) FROM {Grid.Name}"), CultureInfo.InvariantCulture),
        Removed: connection.Execute($"DELETE FROM cells c WHERE NOT EXISTS (SELECT 1 FROM {Grid.Name} g WHERE {SameCell})"),
        Rekeyed: connection.Execute(
            $"UPDATE cells c SET cell_key = g.cell_key FROM {Grid.Name} g WHERE {SameCell} AND c.cell_key <> g.cell_key"),
        Added: connection.Execute(
            $"INSERT INTO cells SELECT * FROM {Grid.Name} g WHERE NOT EXISTS (SELECT 1 FROM cells c WHERE {SameCell})"));
}
