using System.Text;
using System.Text.Json;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// The attempts a run has sent to a paid model, in a file beside the store (<c>in-flight/&lt;run id&gt;.jsonl</c>): a
/// line before each attempt is sent (the ledger entry it is booked as if its answer never arrives: unconfirmed, at
/// its worst case), and a line when one ends refused (a 429 or 5xx: not billed). Every other attempt gets its ledger row
/// under the same entry id, stored with the results a write window later. A run killed mid-call (SIGKILL, a crash)
/// leaves the lines of attempts the provider bills but whose answers never arrived; the next run of the study books
/// them (<see cref="Recover"/>), so the ledger, and the cap that counts from it, never trail the provider's invoice.
/// </summary>
/// <remarks>
/// Each line is one unbuffered write, which the OS keeps when the process dies (not through a power cut: a disk flush
/// per request would cost more than the call's own CPU). A line cut short by the kill is skipped: its attempt was
/// not sent yet. Free models (mock) are not journalled: their attempts cost nothing.
/// </remarks>
public sealed class InFlightJournal : IDisposable
{
    private const string Folder = "in-flight";

    private readonly Lazy<FileStream> _file;
    private readonly Lock _gate = new();

    private InFlightJournal(string path) =>
        _file = new Lazy<FileStream>(() =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        });

    /// <summary>The run's journal; its file is created with its first line, so a run of free models leaves none.</summary>
    public static InFlightJournal For(string artifactsDirectory, string runId) => new(PathOf(artifactsDirectory, runId));

    /// <summary>Before an attempt is sent. Returns the id its ledger row must take, whatever the attempt's outcome.</summary>
    public string Sent(LedgerEntry unanswered)
    {
        var id = Guid.NewGuid().ToString("N");
        Append(new Line(Sent: id, RunId: unanswered.RunId, Kind: unanswered.Kind, CellKey: unanswered.CellKey, Model: unanswered.Model, InputTokens: unanswered.InputTokens, OutputTokens: unanswered.OutputTokens, Usd: unanswered.Usd));
        return id;
    }

    /// <summary>The attempt was refused and is not billed: it gets no ledger row, and needs none after a kill.</summary>
    public void NotBilled(string entryId) => Append(new Line(NotBilled: entryId));

    /// <summary>A run that ended (succeeded or cancelled) stored every attempt's ledger row: its journal has nothing left to say.</summary>
    public static void Discard(string artifactsDirectory, string runId)
    {
        var path = PathOf(artifactsDirectory, runId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Books, as unconfirmed at their worst case, the attempts in every journal left beside the store (by runs that were
    /// killed, crashed or failed) that have neither a ledger row nor a "not billed" line, then deletes the journals.
    /// Call it holding the study lock, before this run journals anything. Returns what it booked.
    /// </summary>
    public static IReadOnlyList<LedgerEntry> Recover(StudyStore store, string artifactsDirectory)
    {
        var directory = Path.Combine(artifactsDirectory, Folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var journals = Directory.GetFiles(directory, "*.jsonl");
        var sent = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in journals.SelectMany(File.ReadLines))
        {
            switch (Parse(line))
            {
                case { Sent: { } id } entry:
                    sent[id] = new LedgerEntry(entry.RunId!, entry.Kind!, entry.CellKey, entry.Model!, entry.InputTokens, entry.OutputTokens, entry.Usd) { EntryId = id, Unconfirmed = true };
                    break;
                case { NotBilled: { } id }:
                    refused.Add(id);
                    break;
            }
        }

        var booked = store.Ledger.EntryIdsOf(sent.Values.Select(entry => entry.RunId).Distinct().ToList());
        var lost = sent.Values.Where(entry => !refused.Contains(entry.EntryId!) && !booked.Contains(entry.EntryId!)).ToList();
        store.InTransaction(() => store.Ledger.AddAll(lost));
        foreach (var journal in journals)
        {
            File.Delete(journal);
        }

        return lost;
    }

    public void Dispose()
    {
        if (_file.IsValueCreated)
        {
            _file.Value.Dispose();
        }
    }

    private static string PathOf(string artifactsDirectory, string runId) => Path.Combine(artifactsDirectory, Folder, runId + ".jsonl");

    private void Append(Line line)
    {
        var bytes = Encoding.UTF8.GetBytes(StoreJson.Write(line) + "\n");
        lock (_gate)
        {
            _file.Value.Write(bytes);
        }
    }

    private static Line? Parse(string line)
    {
        try
        {
            return StoreJson.Read<Line>(line);
        }
        catch (JsonException)
        {
            return null; // cut short by the kill, before its attempt was sent
        }
    }

    private sealed record Line(
        string? Sent = null, string? NotBilled = null, string? RunId = null, string? Kind = null, string? CellKey = null,
        string? Model = null, int InputTokens = 0, int OutputTokens = 0, decimal? Usd = null);
}
