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

    /// <summary>The name of <see cref="FingerprintJob"/>, which the table writes wait for when it decides what changed.</summary>
    private const string Fingerprinting = "fingerprints";

    private readonly string _export;
    private readonly IReadOnlyList<string> _tables;
    private readonly IReadOnlyDictionary<string, string> _recorded;
    private readonly Func<DuckDBConnection, IReadOnlyDictionary<string, string>> _read;
    private IReadOnlyDictionary<string, string>? _fingerprints;
    private HashSet<string>? _changed;
    private IReadOnlyList<string>? _changedInOrder;

    private ExportParts(string export, string staging, IReadOnlyList<string> tables, IEnumerable<string> conditions, IReadOnlyDictionary<string, string> recorded,
        Func<DuckDBConnection, IReadOnlyDictionary<string, string>> read)
    {
        _export = export;
        Staging = staging;
        _tables = tables;
        _recorded = recorded;
        _read = read;
        All = conditions.Order(StringComparer.Ordinal).ToList();
        if (recorded.Count == 0)
        {
            Decide(All); // nothing recorded (the first Export, or one killed while publishing): every part is rewritten
        }
    }

    /// <summary>The staging folder the changed parts are written to.</summary>
    public string Staging { get; }

    /// <summary>Every condition with rows, in the tables' order (ordinal: DuckDB's ORDER BY on these slugs).</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The conditions whose parts this Export writes; known once <see cref="DecidedBy"/> has run.</summary>
    public IReadOnlyList<string> Changed =>
        _changedInOrder ?? throw new InvalidOperationException("export: the parts to write are not decided before the fingerprints are read");

    /// <summary>
    /// The job the table writes wait for: <see cref="FingerprintJob"/> when the fingerprints decide which parts are
    /// written, none when every part is (nothing recorded) and they are read only to be recorded.
    /// </summary>
    public string? DecidedBy => _changed is null ? Fingerprinting : null;

    /// <summary>
    /// Plans an Export's parts. The fingerprints (<see cref="PartFingerprints.Read"/>, 0.2–0.4 s of CPU at 100,000 cells,
    /// 1–2 s at 1,000,000) are not read here but by <see cref="FingerprintJob"/>, in a lane: beside the books'
    /// reconciliation, which needs no part, or, when every part is rewritten anyway, beside the table writes — rather than
    /// before every other job (docs/BENCHMARKS.md).
    /// </summary>
    /// <param name="fingerprints">Reads every condition's fingerprint.</param>
    public static ExportParts Plan(DuckDBConnection connection, string export, string staging, IReadOnlyList<string> tables,
        Func<DuckDBConnection, IReadOnlyDictionary<string, string>> fingerprints) =>
        new(export, staging, tables, PartFingerprints.Conditions(connection), Recorded(export), fingerprints);

    /// <summary>
    /// Reads the fingerprints and, unless every part is rewritten, decides which are: a condition whose fingerprint is
    /// new or differs from the recorded one, or one of whose files is missing.
    /// </summary>
    public ExportJob FingerprintJob => new(Fingerprinting, connection =>
    {
        var current = _read(connection);
        _fingerprints = current;
        if (_changed is null)
        {
            Decide(All.Where(condition => !_recorded.TryGetValue(condition, out var before) || !current.TryGetValue(condition, out var now) || before != now
                                          || _tables.Any(table => !File.Exists(Part(_export, table, ".parquet", condition)) || !File.Exists(CsvPart(_export, table, condition)))));
        }
    });

    /// <summary>Where a table's published file (its CSV) is.</summary>
    public string Published(string file) => Path.Combine(_export, file);

    public string StagedPart(string table, string extension, string condition) => Part(Staging, table, extension, condition);

    public string StagedCsvPart(string table, string condition) => EnsureFolder(CsvPart(Staging, table, condition));

    /// <summary>Where a condition's Parquet part is during this Export: staged when rewritten, else the published one.</summary>
    public string CurrentPart(string table, string condition) => Part(_changed!.Contains(condition) ? Staging : _export, table, ".parquet", condition);

    public string CurrentCsvPart(string table, string condition) => CsvPart(_changed!.Contains(condition) ? Staging : _export, table, condition);

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

        // Only the conditions whose parts are in place: the fingerprints cover the same conditions as All unless the store
        // changed in between, and then a condition they lack is rewritten next time.
        var fingerprints = (_fingerprints ?? throw new InvalidOperationException("export: the fingerprints were never read"))
            .Where(pair => kept.Contains(pair.Key))
            .ToDictionary(StringComparer.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        AtomicFile.WriteAllText(state, JsonSerializer.Serialize(fingerprints));
    }

    private void Decide(IEnumerable<string> changed)
    {
        _changedInOrder = changed.ToList();
        _changed = _changedInOrder.ToHashSet(StringComparer.Ordinal);
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
