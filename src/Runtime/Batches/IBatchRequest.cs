using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Batches;

/// <summary>
/// One request a batch carries, whatever its answer becomes: a generation cell (a solution) or a judge call (a grading).
/// The batch machinery — splitting, persistence, the cap, polling, collection, the books — sees only this.
/// </summary>
internal interface IBatchRequest
{
    /// <summary>The key its result is stored under (a cell key, a grading key); its custom_id derives from it.</summary>
    string Key { get; }

    ModelConfig Model { get; }

    /// <summary>What is sent; built when needed, never held for a whole batch (a file is written a line at a time).</summary>
    ModelRequest Request();
}
