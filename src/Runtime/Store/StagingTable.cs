using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// Stores a batch in bulk: the rows go through the DuckDB appender into a TEMP table of this connection, then one
/// set-based statement moves them into their table. A statement per row costs milliseconds and, inside a transaction,
/// about half a megabyte of DuckDB memory until commit; the appender costs microseconds and stays flat.
/// </summary>
/// <param name="Name">The temp table's name (per connection, so it never reaches the study file).</param>
/// <param name="Columns">Its column definitions, in the order the rows are appended.</param>
internal sealed record StagingTable(string Name, string Columns)
{
    /// <summary>Appends <paramref name="rows"/>, runs <paramref name="move"/> (which reads the temp table), then empties it.</summary>
    public void Write<T>(DuckDBConnection connection, IEnumerable<T> rows, Action<IDuckDBAppenderRow, T> append, string move) =>
        Write(connection, rows, append, staged => staged.Execute(move));

    /// <summary>As above, with statements of the caller's that read the temp table and may return what they changed.</summary>
    public TResult Write<T, TResult>(DuckDBConnection connection, IEnumerable<T> rows, Action<IDuckDBAppenderRow, T> append, Func<DuckDBConnection, TResult> move)
    {
        connection.Execute($"CREATE TEMP TABLE IF NOT EXISTS {Name} ({Columns})");
        using (var appender = connection.CreateAppender("temp", "main", Name))
        {
            foreach (var row in rows)
            {
                var appended = appender.CreateRow();
                append(appended, row);
                appended.EndRow();
            }
        }

        var result = move(connection);
        connection.Execute($"DELETE FROM {Name}");
        return result;
    }
}
