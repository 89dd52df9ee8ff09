using DuckDB.NET.Data;

namespace ItemEval.Runtime.Store;

/// <summary>
/// DuckDB settings for a burst of back-to-back write transactions (a batch's results, thousands per second), restored
/// when disposed, with a checkpoint that folds the burst's log into the study file.
/// </summary>
/// <remarks>
/// Measured on 100,000 solutions and ledger rows in transactions of 2,000 (docs/BENCHMARKS.md, batches): with DuckDB's
/// defaults the store took 47–76 µs of CPU per row, over half of it in commits. <c>threads = 1</c>: each statement moves
/// only 2,000 rows, and handing that work to a second thread cost more (task queue, locks, wake-ups) than it saved.
/// <c>checkpoint_threshold</c>: DuckDB checkpoints whenever its log passes the threshold (16 MB by default, every few
/// transactions here), and each checkpoint rewrites the whole row group still being filled and every index, so their
/// cost grows with the table; 64 MiB checkpoints a quarter as often. (1 GB would save a little more CPU but holds the
/// whole burst in memory until the final checkpoint: 250 MB instead of 195 MB for 100,000 rows.) The log keeps every
/// commit durable either way; a larger one only takes longer to replay after a crash.
/// </remarks>
public sealed class BulkWrites : IDisposable
{
    private readonly DuckDBConnection _connection;

    internal BulkWrites(DuckDBConnection connection)
    {
        _connection = connection;
        connection.Execute("SET threads = 1");
        connection.Execute("SET checkpoint_threshold = '64MiB'");
    }

    public void Dispose()
    {
        try
        {
            // Now rather than at the next write or at close: the burst's log is written once, and the next burst (the
            // next model's batch) starts from an empty log instead of holding both in memory.
            _connection.Execute("CHECKPOINT");
        }
        catch (DuckDBException)
        {
            // Only an optimisation: DuckDB checkpoints later by itself (at the threshold, or when the store closes).
        }
        finally
        {
            _connection.Execute("RESET checkpoint_threshold");
            _connection.Execute("RESET threads");
        }
    }
}
