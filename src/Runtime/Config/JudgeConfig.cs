namespace ItemEval.Runtime.Config;

/// <summary>
/// What makes a grader an LLM judge (<c>type: rubric | pairwise | compliance</c>): the judge model with its one lane,
/// the prompt template and rubric files, and the judge's options. Everything here is part of the grading key.
/// </summary>
/// <param name="Model">The judge model, with the <c>lane:</c> of the grader as its only lane.</param>
/// <param name="Rubric">Rubric file (rubric judges; optional elsewhere), filling <c>{rubric}</c>.</param>
/// <param name="Against">Pairwise only: the baseline condition every other condition is compared with; null is all pairs.</param>
/// <param name="Scale">Rubric only: the range a score must fall in (the contract checks it).</param>
/// <param name="StatementColumn">Compliance only: the item metadata column holding each item's statement.</param>
/// <param name="StatementFile">Compliance only: a file holding one statement for every item.</param>
public sealed record JudgeConfig(
    ModelConfig Model,
    string Template,
    string? Rubric,
    string? Against,
    JudgeScale Scale,
    string? StatementColumn,
    string? StatementFile)
{
    public LaneParameters Lane => Model.Lanes[0].Parameters;
}
