namespace ItemEval.FakeProviders.Batches;

/// <summary>
/// Switches a test flips to make the fake batch API behave the way real ones do: slow, shuffled, partly failed,
/// expired half done, or with output lines that name no request of the batch. Read when a batch finishes.
/// </summary>
public sealed class FakeBatchBehavior
{
    /// <summary>How many status reads a batch answers <c>in_progress</c> before it finishes (0: the first read finishes it).</summary>
    public int PollsInProgress { get; set; }

    /// <summary>Output lines come in a random order (the real APIs do not promise input order).</summary>
    public bool Shuffle { get; set; }

    /// <summary>Requests whose prompt this matches fail (a 400 in OpenAI's error file), unbilled.</summary>
    public Func<string, bool> Fails { get; set; } = _ => false;

    /// <summary>The batch expires with only the first half of its requests done (the rest are not billed).</summary>
    public bool ExpireHalfDone { get; set; }

    /// <summary>The output repeats one line (the same custom_id twice).</summary>
    public bool DuplicateLine { get; set; }

    /// <summary>Batch creation answers 500 (the upload still succeeds): nothing is created, nothing billed.</summary>
    public bool RefuseCreation { get; set; }

    /// <summary>The provider fails the whole batch at validation: status <c>failed</c>, an error list, no result files, nothing billed.</summary>
    public bool FailWhole { get; set; }

    /// <summary>The output carries one extra line whose custom_id is not in the batch.</summary>
    public bool UnknownLine { get; set; }
}
