namespace ItemEval.Runtime.Providers.Transcripts;

/// <summary>One audited exchange: what was asked, what came back (or the error), and when.</summary>
/// <param name="RawBody">For a failed call, the body the provider sent (its error object, a broken answer), redacted.</param>
public sealed record TranscriptEntry(
    string CellKey,
    string Model,
    int Epoch,
    IReadOnlyList<ChatMessage> Messages,
    Config.LaneParameters RequestedParameters,
    ModelResponse? Response,
    string? Error,
    DateTimeOffset At,
    string? RawBody = null);
