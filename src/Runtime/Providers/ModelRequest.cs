using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Providers;

/// <summary>Everything one generation call depends on. Its content (not the endpoint or key) keys the cell.</summary>
/// <param name="Model">The <c>provider/model</c> id.</param>
/// <param name="Options">The model's provider options from study.yaml.</param>
/// <param name="Reference">
/// The item's target. Only <c>mock/…</c> models read it, to simulate a chosen accuracy; real clients ignore it
/// and it is not part of the request sent anywhere.
/// </param>
/// <param name="CellKey">The cell (or grading) this call is for, so the ledger can name it; not sent, not in the cache key.</param>
/// <param name="Judge">For a judge's call: what is judged, so a <c>mock/…</c> judge can answer like one (Providers/Mock/MockJudge);
/// real clients ignore it, and it is not in the cache key (the prompt already holds it).</param>
public sealed record ModelRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    LaneParameters Parameters,
    int Epoch,
    IReadOnlyDictionary<string, string> Options,
    string? Reference = null,
    string? CellKey = null,
    JudgeCue? Judge = null);
