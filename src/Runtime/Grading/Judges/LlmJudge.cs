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
        var judge = context.Grader.Judge!;
        var prompt = session.PromptFor(context.Grader);
        var answers = Answers(context);
        var message = JudgeRenderer.Render(prompt, context.Item, answers, Statement(context, prompt));
        var cue = new Providers.JudgeCue(Type, context.Output, context.SecondOutput, context.Item.Target, judge.Scale, prompt.RatingFormat);
        var answer = await session.AskAsync(context, message, cue, cancellationToken);
        return Grade(context, answer, Parse(context, answer.Response.Text, answer.Response.FinishReason));
    }

    /// <summary>The judged answer(s) by placeholder name.</summary>
    protected virtual IReadOnlyDictionary<string, string> Answers(GradingContext context) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { ["output"] = context.Output };

    protected virtual string? Statement(GradingContext context, JudgePrompt prompt) => null;

    protected abstract Verdict Parse(GradingContext context, string text, string? finishReason);

    protected abstract GradeOutcome Grade(GradingContext context, JudgeAnswer answer, Verdict verdict);
}
