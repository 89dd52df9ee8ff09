using DuckDB.NET.Data;
using ItemEval.Runtime.Datasets;

namespace ItemEval.Runtime.Store;

/// <summary>The study's items, as mapped from its datasets.</summary>
public sealed class ItemRepository
{
    private readonly DuckDBConnection _connection;

    internal ItemRepository(DuckDBConnection connection) => _connection = connection;

    /// <summary>Makes the table hold exactly <paramref name="items"/> (items dropped from a dataset disappear).</summary>
    public void Replace(IReadOnlyList<Item> items)
    {
        _connection.Execute("DELETE FROM items");
        using var command = _connection.Prepare(
            "INSERT INTO items VALUES ($uid, $dataset, $id, $input, $target, $choices, $scheme, $metadata, $hash)",
            ("uid", null), ("dataset", null), ("id", null), ("input", null), ("target", null),
            ("choices", null), ("scheme", null), ("metadata", null), ("hash", null));
        foreach (var item in items)
        {
            command.Parameters[0].Value = item.Uid;
            command.Parameters[1].Value = item.Dataset;
            command.Parameters[2].Value = item.Id;
            command.Parameters[3].Value = item.Input;
            command.Parameters[4].Value = (object?)item.Target ?? DBNull.Value;
            command.Parameters[5].Value = StoreJson.Write(item.Choices);
            command.Parameters[6].Value = (object?)item.Scheme ?? DBNull.Value;
            command.Parameters[7].Value = StoreJson.Write(item.Metadata);
            command.Parameters[8].Value = item.ContentHash;
            command.ExecuteNonQuery();
        }
    }

    public IReadOnlyDictionary<string, Item> ByUid() =>
        _connection.Query(
                "SELECT dataset, item_id, input, target, choices, scheme, metadata, content_hash FROM items",
                reader => new Item(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.NullableString(3),
                    StoreJson.Read<List<string>>(reader.GetString(4)),
                    reader.NullableString(5),
                    StoreJson.Read<Dictionary<string, string>>(reader.GetString(6)),
                    reader.GetString(7)))
            .ToDictionary(item => item.Uid, StringComparer.Ordinal);

    /// <summary>
    /// Item uids in the study's item order (datasets in study.yaml order, each in file order): the order
    /// <see cref="Replace"/> inserted them, which DuckDB's rowid keeps.
    /// </summary>
    public IReadOnlyList<string> UidsInStudyOrder() =>
        _connection.Query("SELECT item_uid FROM items ORDER BY rowid", reader => reader.GetString(0)).ToList();
}
