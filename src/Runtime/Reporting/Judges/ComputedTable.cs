using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// Exports rows computed in C# (statistics DuckDB cannot compute in SQL) like any other table: appended to a TEMP
/// table, then written by <see cref="TableExporter"/> as Parquet and guarded CSV.
/// </summary>
internal static class ComputedTable
{
    public static ExportedTable Write<T>(StudyStore store, string directory, string name, string columns, IEnumerable<T> rows, Func<T, object?[]> values)
    {
        var temp = $"export_{name}";
        store.Connection.Execute($"CREATE OR REPLACE TEMP TABLE {temp} ({columns})");
        using (var appender = store.Connection.CreateAppender("temp", "main", temp))
        {
            foreach (var row in rows)
            {
                var appended = appender.CreateRow();
                foreach (var value in values(row))
                {
                    Append(appended, value);
                }

                appended.EndRow();
            }
        }

        return TableExporter.Write(store.Connection, directory, name, $"SELECT * FROM {temp}");
    }

    private static void Append(IDuckDBAppenderRow row, object? value)
    {
        switch (value)
        {
            case null:
                row.AppendNullValue();
                break;
            case string text:
                row.AppendValue(text);
                break;
            case int whole:
                row.AppendValue(whole);
                break;
            case double real:
                row.AppendValue(real);
                break;
            default:
                throw new ArgumentException($"no column type for {value.GetType().Name}", nameof(value));
        }
    }
}
