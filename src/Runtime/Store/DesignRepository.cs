using DuckDB.NET.Data;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Store;

/// <summary>The current design: conditions (kept across edits) and cells (exactly the current grid).</summary>
public sealed class DesignRepository
{
    private readonly DuckDBConnection _connection;

    internal DesignRepository(DuckDBConnection connection) => _connection = connection;

    public void Replace(IReadOnlyList<Condition> conditions, IReadOnlyList<Cell> cells)
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

        _connection.Execute("DELETE FROM cells");
        using var appender = _connection.CreateAppender("cells");
        foreach (var cell in cells)
        {
            appender.CreateRow()
                .AppendValue(cell.ConditionId)
                .AppendValue(cell.ItemUid)
                .AppendValue(cell.Epoch)
                .AppendValue(cell.Key)
                .EndRow();
        }
    }
}
