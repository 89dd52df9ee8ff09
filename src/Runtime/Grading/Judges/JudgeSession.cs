using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;
using ItemEval.Runtime.Providers.Transcripts;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// What the judges of one Grade run share: one client per judge model, built by the same model-call pipeline as
/// generation (response cache, retries, rate limits, spend reservation with ledger kind <c>judge</c>, attempt timeout),
/// the prices, the transcript file, and the judges' loaded prompts.
/// </summary>
public sealed class JudgeSession(ModelClientRouter clients, PriceTable prices, TranscriptWriter transcripts, IReadOnlyDictionary<string, JudgePrompt> prompts)
{
    public JudgePrompt PromptFor(GraderConfig grader) => prompts[grader.Name];

    /// <summary>
    /// What one judge call sends: the rendered prompt as the only (user) message, the judge's lane, epoch 0. A cost
    /// estimate of judging can price this request like a generation's.
    /// </summary>
    public static ModelRequest RequestFor(JudgeConfig judge, ChatMessage prompt, string? reference = null, string? cellKey = null, JudgeCue? cue = null) =>
        new(judge.Model.Id, [prompt], judge.Lane, 0, judge.Model.Options, reference, cellKey, cue);

    /// <summary>
    /// Asks the grader's judge model. A transport failure throws (the grading is stored as an error and asked again on
    /// the next Grade); any answer, however unreadable, returns.
    /// </summary>
    public async Task<JudgeAnswer> AskAsync(GradingContext context, JudgeCall call, CancellationToken cancellationToken)
    {
        var judge = context.Grader.Judge!;
        var request = RequestFor(context, call);
        try
        {
            var response = await clients.For(judge.Model).CompleteAsync(request, cancellationToken);
            // Unknown (null) for a judge model without a price; a cache hit paid nothing.
            var usd = response.CacheHit ? 0m : prices.CostOf(judge.Model.Id, response.Usage);
            var link = transcripts.Append(new TranscriptEntry(context.CellKey, judge.Model.Id, 0, request.Messages, request.Parameters, response, null, DateTimeOffset.UtcNow));
            return new JudgeAnswer(response, usd, link);
        }
        catch (ModelCallException failure)
        {
            var message = Redactor.Redact(failure.Message);
            transcripts.Append(new TranscriptEntry(context.CellKey, judge.Model.Id, 0, request.Messages, request.Parameters, null, message,
                DateTimeOffset.UtcNow, failure.RawBody is null ? null : Redactor.Redact(failure.RawBody)));
            throw;
        }
    }

    /// <summary>The request one grading's judge call sends, interactively or as a line of a provider batch.</summary>
    public static ModelRequest RequestFor(GradingContext context, JudgeCall call) =>
        RequestFor(context.Grader.Judge!, call.Prompt, context.Item.Target, context.CellKey, call.Cue);
}
