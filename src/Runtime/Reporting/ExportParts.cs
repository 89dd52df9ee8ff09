using System.Text.Json;
using DuckDB.NET.Data;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Which conditions' parts an Export rewrites, and where parts live: a condition's Parquet part of a table is
/// <c>export/&lt;table&gt;/&lt;condition_id&gt;.parquet</c>, its cached CSV part <c>export/.parts/&lt;table&gt;/&lt;condition_id&gt;.csv</c>,
/// and <c>export/.parts/fingerprints.json</c> records each condition's <see cref="PartFingerprints"/> as of the parts in
/// place. A condition is rewritten when it is new, its fingerprint changed, or one of its files is missing.
/// </summary>
/// <remarks>
/// Consistency after a kill: parts are written under the staging folder (<see cref="ExportStaging"/>), so a kill before
/// <see cref="Publish"/> leaves the previous export and its fingerprints as they were. <see cref="Publish"/> deletes the
/// fingerprints first, moves the staged files in, deletes the parts of conditions no longer in the design, and writes the
/// fingerprints last: killed in between, the next Export finds none and rewrites every part. So a recorded fingerprint
/// always describes the part files in place.
/// </remarks>
internal sealed class ExportParts
{
    private const string PartsFolder = ".parts";

    private readonly string _export;
    private readonly HashSet<string> _changed;
    private readonly IReadOnlyList<string> _tables;
    private readonly Func<DuckDBConnection, IReadOnlyDictionary<string, string>>? _deferred;
    private IReadOnlyDictionary<string, string>? _fingerprints;

    private ExportParts(string export, string staging, IReadOnlyList<string> tables, IEnumerable<string> conditions, HashSet<string> changed,
        IReadOnlyDictionary<string, string>? fingerprints, Func<DuckDBConnection, IReadOnlyDictionary<string, string>>? deferred)
    {
        _export = export;
        Staging = staging;
        _tables = tables;
        _fingerprints = fingerprints;
        _deferred = deferred;
        _changed = changed;
        All = conditions.Order(StringComparer.Ordinal).ToList();
        Changed = All.Where(changed.Contains).ToList();
    }

    /// <summary>The staging folder the changed parts are written to.</summary>
    public string Staging { get; }

    /// <summary>Every condition with rows, in the tables' order (ordinal: DuckDB's ORDER BY on these slugs).</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The conditions whose parts this Export writes.</summary>
    public IReadOnlyList<string> Changed { get; }

    /// <summary>
    /// Decides which conditions are rewritten. With no fingerprint recorded (the first Export, or one killed while
    /// publishing) every condition is, whatever the fingerprints say: they are then not read here, before the table
    /// writes, but by <see cref="FingerprintJob"/> in a lane beside them (1–2 s of CPU at 1,000,000 rows that no longer
    /// hold back every other job, docs/BENCHMARKS.md).
    /// </summary>
    /// <param name="fingerprints">Reads every condition's fingerprint (<see cref="PartFingerprints.Read"/>).</param>
    public static ExportParts Plan(DuckDBConnection connection, string export, string staging, IReadOnlyList<string> tables,
        Func<DuckDBConnection, IReadOnlyDictionary<string, string>> fingerprints)
    {
        var recorded = Recorded(export);
        if (recorded.Count == 0)
        {
            var all = PartFingerprints.Conditions(connection);
            return new ExportParts(export, staging, tables, all, all.ToHashSet(StringComparer.Ordinal), fingerprints: null, deferred: fingerprints);
        }

        var current = fingerprints(connection);
        var changed = current
            .Where(pair => !recorded.TryGetValue(pair.Key, out var before) || before != pair.Value
                           || tables.Any(table => !File.Exists(Part(export, table, ".parquet", pair.Key)) || !File.Exists(CsvPart(export, table, pair.Key))))
            .Select(pair => pair.Key)
            .ToHashSet(StringComparer.Ordinal);
        return new ExportParts(export, staging, tables, current.Keys, changed, current, deferred: null);
    }

    /// <summary>The job that reads the fingerprints in a lane when <see cref="Plan"/> did not (null when it did).</summary>
    public ExportJob? FingerprintJob =>
        _deferred is null ? null : new ExportJob("fingerprints", connection => _fingerprints = _deferred(connection));

    /// <summary>Where a table's published file (its CSV) is.</summary>
    public string Published(string file) => Path.Combine(_export, file);

    public string StagedPart(string table, string extension, string condition) => Part(Staging, table, extension, condition);

    public string StagedCsvPart(string table, string condition) => EnsureFolder(CsvPart(Staging, table, condition));

    /// <summary>Where a condition's Parquet part is during this Export: staged when rewritten, else the published one.</summary>
    public string CurrentPart(string table, string condition) => Part(_changed.Contains(condition) ? Staging : _export, table, ".parquet", condition);

    public string CurrentCsvPart(string table, string condition) => CsvPart(_changed.Contains(condition) ? Staging : _export, table, condition);

    /// <summary>Moves the staged files in (see the remarks for the order), then removes what no condition owns.</summary>
    public void Publish(ExportStaging staging)
    {
        var state = StatePath(_export);
        if (File.Exists(state))
        {
            File.Delete(state);
        }

        staging.Publish();
        var kept = All.ToHashSet(StringComparer.Ordinal);
        foreach (var table in _tables)
        {
            // An export of an earlier ItemEval wrote each table as one file; left in place it would be read as current.
            File.Delete(Path.Combine(_export, table + ".parquet"));
            DeleteUnowned(Path.Combine(_export, table), kept);
            DeleteUnowned(Path.Combine(_export, PartsFolder, table), kept);
        }

        // Only the conditions whose parts are in place: a fingerprint read in a lane (FingerprintJob) covers the same
        // conditions as All unless the store changed in between, and then the condition it lacks is rewritten next time.
        var fingerprints = (_fingerprints ?? throw new InvalidOperationException("export: the fingerprints were never read"))
            .Where(pair => kept.Contains(pair.Key))
            .ToDictionary(StringComparer.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        AtomicFile.WriteAllText(state, JsonSerializer.Serialize(fingerprints));
    }

    private static Dictionary<string, string> Recorded(string export)
    {
        try
        {
            return File.Exists(StatePath(export))
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(StatePath(export))) ?? []
                : [];
        }
        catch (JsonException)
        {
            return []; // unreadable: every part is rewritten
        }
    }

    private static void DeleteUnowned(string folder, HashSet<string> conditions)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder).Where(file => !conditions.Contains(Path.GetFileNameWithoutExtension(file))).ToList())
        {
            File.Delete(file);
        }
    }

    private static string StatePath(string root) => Path.Combine(root, PartsFolder, "fingerprints.json");

    private static string Part(string root, string table, string extension, string condition) => Path.Combine(root, table, condition + extension);

    private static string CsvPart(string root, string table, string condition) => Path.Combine(root, PartsFolder, table, condition + ".csv");

    private static string EnsureFolder(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
