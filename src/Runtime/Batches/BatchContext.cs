using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Providers.Caching;
using ItemEval.Runtime.Providers.Catalog;
using ItemEval.Runtime.Providers.Transcripts;
using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Batches;

/// <summary>What the batch executor of one Generate run works with.</summary>
/// <param name="NoWait">Submit (or refresh and collect what has ended), then return without waiting (<c>--no-wait</c>).</param>
internal sealed record BatchContext(
    StageRun Run,
    string StudyName,
    string ArtifactsDirectory,
    IEnvironment Environment,
    PriceTable Prices,
    SpendReservations Reservations,
    decimal? MaxUsd,
    ResponseCache Cache,
    TranscriptWriter Transcripts,
    IStageReporter Reporter,
    BatchPolling Polling,
    bool NoWait)
{
    /// <summary>
    /// Held while a batch's results are collected: one collection at a time across the run's models. They share one
    /// store connection anyway, so running two at once gained no speed and held two collections' rows in memory.
    /// </summary>
    public SemaphoreSlim Collecting { get; } = new(1, 1);

    /// <summary>Input files wait here between writing and upload.</summary>
    public string FilesDirectory => Path.Combine(ArtifactsDirectory, "batches");

    /// <summary>Every store access of the executor holds the run, as the result writer does (one DuckDB connection).</summary>
    public T Store<T>(Func<Store.StudyStore, T> work)
    {
        lock (Run)
        {
            return work(Run.Store);
        }
    }

    public void Store(Action<Store.StudyStore> work)
    {
        lock (Run)
        {
            work(Run.Store);
        }
    }
}
