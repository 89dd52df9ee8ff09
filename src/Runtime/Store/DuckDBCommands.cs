using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>Terse parameterised commands; parameters are named <c>$name</c> in SQL.</summary>
internal static class DuckDBCommands
{
    public static int Execute(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static IEnumerable<T> Query<T>(
        this DuckDBConnection connection,
        string sql,
        Func<System.Data.Common.DbDataReader, T> map,
        params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return map(reader);
        }
    }

    public static DuckDBCommand Prepare(this DuckDBConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }

        return command;
    }

    /// <summary>
    /// Reads any integral column as an int. DuckDB widens aggregates (sum over INTEGER is HUGEINT, which DuckDB.NET
    /// hands back as <see cref="BigInteger"/>, which is not IConvertible), so a reader must not assume the SQL type.
    /// </summary>
    public static int Int32At(this System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            BigInteger big => checked((int)big),
            var value => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        };

    /// <summary>Reads any numeric column (DECIMAL of any width, HUGEINT, DOUBLE) as a decimal.</summary>
    public static decimal DecimalAt(this System.Data.Common.DbDataReader reader, int ordinal) =>
        ToDecimal(reader.GetValue(ordinal));

    /// <summary>Converts a scalar DuckDB returned (of whatever numeric width) to a decimal; null is 0.</summary>
    public static decimal ToDecimal(object? value) =>
        value switch
        {
            null or DBNull => 0m,
            BigInteger big => (decimal)big,
            _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        };

    public static string? NullableString(this System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
