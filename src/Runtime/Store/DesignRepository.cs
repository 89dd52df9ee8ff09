using System.Globalization;
using DuckDB.NET.Data;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Store;

/// <summary>The current design: conditions (kept across edits) and cells (exactly the current grid).</summary>
public sealed class DesignRepository
{
    // The grid is staged in bulk and compared with the stored cells set-based, so a run writes only the rows that changed;
    // and only the conditions whose grid fingerprint changed are staged at all (condition_grids keeps the fingerprint of
    // the cells stored for each condition), so a small edit to a big study costs in proportion to the edit.
    private static readonly StagingTable Grid = new(
        "cell_grid", "condition_id VARCHAR, item_uid VARCHAR, epoch INTEGER, cell_key VARCHAR");

    // Every condition of the design, whether its cells are staged in cell_grid, and the fingerprint they will then have.
    private static readonly StagingTable Conditions = new(
        "design_conditions", "condition_id VARCHAR, staged BOOLEAN, grid_hash VARCHAR");

    private const string SameCell = "g.condition_id = c.condition_id AND g.item_uid = c.item_uid AND g.epoch = c.epoch";

    private readonly DuckDBConnection _connection;

    internal DesignRepository(DuckDBConnection connection) => _connection = connection;

    /// <summary>
    /// Makes the stored conditions include those of <paramref name="grids"/> and the stored cells equal their cells,
    /// enumerating and hashing only the cells of conditions whose fingerprint differs from the one stored with their cells,
    /// and writing only the cells that are new, rekeyed or gone (the cells of conditions no longer in the design too).
    /// </summary>
    public DesignChange Update(IReadOnlyList<ConditionGrid> grids)
    {
        var stored = _connection.Query("SELECT condition_id, grid_hash FROM condition_grids", reader => (reader.GetString(0), reader.GetString(1)))
            .ToDictionary(row => row.Item1, row => row.Item2, StringComparer.Ordinal);
        var design = grids
            .Select(grid => (Grid: grid, Entry: new DesignCondition(grid.Condition, grid.Fingerprint, Staged: stored.GetValueOrDefault(grid.Condition.Id) != grid.Fingerprint)))
            .ToList();
        return Write(design.ConvertAll(pair => pair.Entry), design.Where(pair => pair.Entry.Staged).SelectMany(pair => pair.Grid.Cells));
    }

    /// <summary>
    /// Makes the stored conditions include <paramref name="conditions"/> and the stored cells equal
    /// <paramref name="cells"/>, writing only the cells that are new, rekeyed or gone. No fingerprint is known for cells
    /// given this way, so the next <see cref="Update"/> compares every condition's cells again.
    /// </summary>
    public DesignChange Replace(IReadOnlyList<Condition> conditions, IEnumerable<Cell> cells) =>
        Write(conditions.Select(condition => new DesignCondition(condition, Fingerprint: null, Staged: true)).ToList(), cells);

    private DesignChange Write(IReadOnlyList<DesignCondition> design, IEnumerable<Cell> stagedCells)
    {
        using (var command = _connection.Prepare(
                   "INSERT OR REPLACE INTO conditions VALUES ($id, $model, $lane, $template, $hash, $parameters)",
                   ("id", null), ("model", null), ("lane", null), ("template", null), ("hash", null), ("parameters", null)))
        {
            foreach (var condition in design.Select(entry => entry.Condition))
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

        return Conditions.Write(_connection, design, AppendCondition, connection => Grid.Write(connection, stagedCells, AppendCell, Apply));
    }

    private static void AppendCondition(IDuckDBAppenderRow row, DesignCondition entry)
    {
        row.AppendValue(entry.Condition.Id).AppendValue(entry.Staged);
        if (entry.Fingerprint is null)
        {
            row.AppendNullValue();
        }
        else
        {
            row.AppendValue(entry.Fingerprint);
        }
    }

    private static void AppendCell(IDuckDBAppenderRow row, Cell cell) =>
        row.AppendValue(cell.ConditionId).AppendValue(cell.ItemUid).AppendValue(cell.Epoch).AppendValue(cell.Key);

    // Vanished cells go first and new ones last (C# evaluates the arguments in the order written); a kept cell is updated
    // in place (cell_key is not in the primary key), so no key is deleted and inserted again within the transaction.
    // Cells of a condition not staged are left as they are: its fingerprint says they are already the grid's.
    private static DesignChange Apply(DuckDBConnection connection)
    {
        var change = new DesignChange(
            Cells: 0,
            Compared: Convert.ToInt64(connection.Scalar($"SELECT count(*) FROM {Grid.Name}"), CultureInfo.InvariantCulture),
            // Two statements, not one with OR: DuckDB cannot plan the OR of the two as joins and ran 2-5 times slower.
            Removed: connection.Execute($"DELETE FROM cells c WHERE c.condition_id NOT IN (SELECT condition_id FROM {Conditions.Name})")
                + connection.Execute(
                    $"""
                    DELETE FROM cells c
                    WHERE c.condition_id IN (SELECT condition_id FROM {Conditions.Name} WHERE staged)
                      AND NOT EXISTS (SELECT 1 FROM {Grid.Name} g WHERE {SameCell})
                    """),
            Rekeyed: connection.Execute(
                $"UPDATE cells c SET cell_key = g.cell_key FROM {Grid.Name} g WHERE {SameCell} AND c.cell_key <> g.cell_key"),
            Added: connection.Execute(
                $"INSERT INTO cells SELECT * FROM {Grid.Name} g WHERE NOT EXISTS (SELECT 1 FROM cells c WHERE {SameCell})"));

        // The fingerprints now stored are exactly those of the cells just written, in the same transaction: a staged
        // condition's is its new one (none when unknown), a vanished condition's goes with its cells.
        connection.Execute(
            $"""
            DELETE FROM condition_grids
            WHERE condition_id NOT IN (SELECT condition_id FROM {Conditions.Name})
               OR condition_id IN (SELECT condition_id FROM {Conditions.Name} WHERE staged)
            """);
        connection.Execute(
            $"INSERT INTO condition_grids SELECT condition_id, grid_hash FROM {Conditions.Name} WHERE staged AND grid_hash IS NOT NULL");
        return change with { Cells = Convert.ToInt64(connection.Scalar("SELECT count(*) FROM cells"), CultureInfo.InvariantCulture) };
    }

    /// <param name="Fingerprint">The fingerprint of its cells once written; null when unknown (cells given as a list).</param>
    /// <param name="Staged">Whether its cells are staged and compared (else they are already the grid's).</param>
    private sealed record DesignCondition(Condition Condition, string? Fingerprint, bool Staged);
}
