using System.Globalization;
using DuckDB.NET.Data;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Store;

/// <summary>
/// One study's DuckDB file. Opening it creates or checks the schema; the repositories share its connection.
/// DuckDB connections are not thread-safe, so a stage funnels all writes through one thread.
/// </summary>
public sealed class StudyStore : IDisposable
{
    public const string FileName = "itemeval.duckdb";

    /// <summary>
    /// DuckDB's own cap (its default is 80% of the machine's RAM): above it DuckDB spills to <c>itemeval.duckdb.tmp/</c>
    /// instead of growing the process, so a big study neither exhausts a shared machine nor fails out of memory.
    /// </summary>
    public const string MemoryLimit = "1GB";

    private readonly List<Action> _beforeCommit = [];

    private StudyStore(DuckDBConnection connection, string path)
    {
        Connection = connection;
        Path = path;
        Items = new ItemRepository(connection);
        Design = new DesignRepository(connection);
        Solutions = new SolutionRepository(connection);
        Gradings = new GradingRepository(connection);
        Pairwise = new PairwiseRepository(connection);
        Ledger = new LedgerRepository(connection);
        Runs = new RunRepository(connection);
        Batches = new BatchRepository(connection);
    }

    public string Path { get; }

    public ItemRepository Items { get; }

    public DesignRepository Design { get; }

    public SolutionRepository Solutions { get; }

    public GradingRepository Gradings { get; }

    public PairwiseRepository Pairwise { get; }

    public LedgerRepository Ledger { get; }

    public RunRepository Runs { get; }

    /// <summary>Provider batch jobs and the cells each holds (docs/batch.md).</summary>
    public BatchRepository Batches { get; }

    internal DuckDBConnection Connection { get; }

    public static string PathIn(string artifactsDirectory) => System.IO.Path.Combine(artifactsDirectory, FileName);

    public static StudyStore Open(string artifactsDirectory)
    {
        Directory.CreateDirectory(artifactsDirectory);
        var path = PathIn(artifactsDirectory);
        var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        try
        {
            connection.Execute($"SET memory_limit = '{MemoryLimit}'");
            EnsureSchema(connection, path);
            AppendOnlyCheckpoints.Use(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new StudyStore(connection, path);
    }

    /// <summary>Settings for many write transactions in a row, until disposed (see <see cref="BulkWrites"/>).</summary>
    public BulkWrites BeginBulkWrites() => new(Connection);

    /// <summary>Runs <paramref name="work"/> in one transaction: a crash leaves either all of it or none.</summary>
    public void InTransaction(Action work)
    {
        using var transaction = Connection.BeginTransaction();
        work();
        BeforeCommit();
        transaction.Commit();
    }

    /// <summary>As above, returning what <paramref name="work"/> returns.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        using var transaction = Connection.BeginTransaction();
        var result = work();
        BeforeCommit();
        transaction.Commit();
        return result;
    }

    /// <summary>
    /// Runs <paramref name="action"/> before every later commit through <see cref="InTransaction"/>: what committed rows
    /// point at outside the store (a run's transcript lines) is on disk before the rows are.
    /// </summary>
    public void BeforeEachCommit(Action action) => _beforeCommit.Add(action);

    private void BeforeCommit()
    {
        foreach (var action in _beforeCommit)
        {
            action();
        }
    }

    public void Dispose() => Connection.Dispose();

    private static void EnsureSchema(DuckDBConnection connection, string path)
    {
        connection.Execute(Schema.Create);
        connection.Execute(Schema.Upgrade);
        UnkeyedTables.Apply(connection);
        var stored = connection.Scalar("SELECT value FROM meta WHERE key = 'schema_version'") as string;
        if (stored is null)
        {
            connection.Execute(
                "INSERT INTO meta VALUES ('schema_version', $v)",
                ("v", Schema.Version.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        if (int.Parse(stored, CultureInfo.InvariantCulture) > Schema.Version)
        {
            throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.StoreSchemaTooNew,
                $"{path} was written by a newer ItemEval (schema {stored}, this one reads {Schema.Version}); update ItemEval or run Clean",
                SourceLocation.Start(path)));
        }
    }
}
