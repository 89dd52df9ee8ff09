namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// What the three judges share: render the prompt, ask the judge model through the run's <see cref="JudgeSession"/>,
/// read the answer by the judge's contract and turn the verdict into a grading. Each judge says only what differs.
/// </summary>
public abstract class LlmJudge : IGrader
{
    public abstract string Type { get; }

    public async ValueTask<GradeOutcome> GradeAsync(GradingContext context, CancellationToken cancellationToken)
    {
        var session = context.Judges
            ?? throw new InvalidOperationException($"grader '{context.Grader.Name}' is a judge but the Grade run has no judge session");
        var answer = await session.AskAsync(context, Call(context), cancellationToken);
        return Conclude(context, answer);
    }

    /// <summary>
    /// The call this grading makes: the judge's prompt rendered for the item and the judged answer(s), and the cue a mock
    /// judge answers by. Grade sends it interactively (<see cref="GradeAsync"/>) or in a provider batch.
    /// </summary>
    public JudgeCall Call(GradingContext context)
    {
        var session = context.Judges
            ?? throw new InvalidOperationException($"grader '{context.Grader.Name}' is a judge but the Grade run has no judge session");
        var prompt = session.PromptFor(context.Grader);
        var message = JudgeRenderer.Render(prompt, context.Item, Answers(context), Statement(context, prompt));
        var cue = new Providers.JudgeCue(Type, context.Output, context.SecondOutput, context.Item.Target, context.Grader.Judge!.Scale, prompt.RatingFormat);
        return new JudgeCall(message, cue);
    }

    /// <summary>The grading a judge's answer gives, by the judge's contract (however the answer came: interactively or from a batch).</summary>
    public GradeOutcome Conclude(GradingContext context, JudgeAnswer answer) =>
        Grade(context, answer, Parse(context, answer.Response.Text, answer.Response.FinishReason));

    /// <summary>The judged answer(s) by placeholder name.</summary>
    protected virtual IReadOnlyDictionary<string, string> Answers(GradingContext context) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { ["output"] = context.Output };

    protected virtual string? Statement(GradingContext context, JudgePrompt prompt) => null;

    protected abstract Verdict Parse(GradingContext context, string text, string? finishReason);

    protected abstract GradeOutcome Grade(GradingContext context, JudgeAnswer answer, Verdict verdict);
}
